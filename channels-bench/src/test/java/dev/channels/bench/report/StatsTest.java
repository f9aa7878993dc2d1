package dev.channels.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The median and its distribution-free interval. */
class StatsTest {

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(3, Stats.median(new double[] {5, 1, 3}).median());
        assertEquals(2.5, Stats.median(new double[] {4, 1, 3, 2}).median());
    }

    @Test
    void coverageIsTheBinomialTail() {
        assertEquals(1 - 2.0 / 64, Stats.coverage(6, 1), 1e-12); // [min, max] of 6
        assertEquals(1 - 2.0 * 11 / 1024, Stats.coverage(10, 2), 1e-12);
        assertEquals(1 - 2.0 * 56 / 1024, Stats.coverage(10, 3), 1e-12);
    }

    @Test
    void intervalTakesTheWidestOrderStatisticsWithAtLeast95Percent() {
        Stats.Interval i = Stats.median(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        assertEquals(5.5, i.median());
        assertEquals(2, i.lo()); // k = 2: coverage 97.9%; k = 3 would be 89%
        assertEquals(9, i.hi());
        assertTrue(i.coverage() >= 0.95);
    }

    @Test
    void fewValuesGiveMinAndMaxWithTheirLowerCoverage() {
        Stats.Interval i = Stats.median(new double[] {3, 1, 2});
        assertEquals(1, i.lo());
        assertEquals(3, i.hi());
        assertEquals(0.75, i.coverage(), 1e-12);
    }

    @Test
    void nanValuesAreIgnoredAndNoValuesGiveEmpty() {
        assertEquals(2, Stats.median(new double[] {Double.NaN, 2}).median());
        assertTrue(Stats.median(new double[0]).isEmpty());
    }

    @Test
    void quotientDividesTheEndsCrosswise() {
        Stats.Interval a = new Stats.Interval(2, 1, 4, 0.97, 6);
        Stats.Interval b = new Stats.Interval(4, 2, 8, 0.96, 6);
        Stats.Interval q = a.over(b);
        assertEquals(0.5, q.median());
        assertEquals(1.0 / 8, q.lo());
        assertEquals(4.0 / 2, q.hi());
        assertEquals(0.96, q.coverage());
    }
}
