package dev.channels.bench.report;

import java.util.Arrays;

/**
 * Medians and distribution-free confidence intervals for them. The interval is the pair of order
 * statistics {@code x(k), x(n+1-k)} with the largest {@code k} whose coverage
 * {@code 1 - 2 P(Bin(n, 1/2) < k)} is at least 95%; with fewer than 6 values no such pair
 * exists, and the interval is [min, max] with its lower coverage reported.
 */
final class Stats {
    static final double LEVEL = 0.95;

    private Stats() {
    }

    /** A median with its interval. */
    record Interval(double median, double lo, double hi, double coverage, int n) {
        Interval scale(double f) {
            return new Interval(median * f, lo * f, hi * f, coverage, n);
        }

        /**
         * The quotient of two independent intervals, conservatively: the low end divides by the
         * other's high end and the other way round.
         */
        Interval over(Interval o) {
            return new Interval(median / o.median, lo / o.hi, hi / o.lo, Math.min(coverage, o.coverage),
                    Math.min(n, o.n));
        }

        boolean isEmpty() {
            return n == 0;
        }
    }

    static final Interval EMPTY = new Interval(Double.NaN, Double.NaN, Double.NaN, 0, 0);

    static Interval median(double[] values) {
        double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
        int n = v.length;
        if (n == 0) {
            return EMPTY;
        }
        double median = (n & 1) == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
        int k = 1;
        while (k + 1 <= (n + 1) / 2 && coverage(n, k + 1) >= LEVEL) {
            k++;
        }
        return new Interval(median, v[k - 1], v[n - k], coverage(n, k), n);
    }

    /** Coverage of [x(k), x(n+1-k)] for the median: 1 - 2 P(Bin(n, 1/2) <= k - 1). */
    static double coverage(int n, int k) {
        double tail = 0;
        double c = 1; // C(n, j)
        for (int j = 0; j < k; j++) {
            tail += c;
            c = c * (n - j) / (j + 1);
        }
        return Math.max(0, 1 - 2 * tail / Math.pow(2, n));
    }
}
