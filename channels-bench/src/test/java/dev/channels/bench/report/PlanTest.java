package dev.channels.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/** The run script's estimate: combinations from the benchmark list and the -p options, time from the iteration settings. */
class PlanTest {

    @Test
    void countsCombinationsAndIterations() throws Exception {
        Plan.Estimate e = Plan.estimate(new CommandLineOptions("\\.RoundTripBenchmark\\.", "-p", "impl=floor,jox",
                "-p", "threads=platform", "-f", "1", "-wi", "0", "-i", "2", "-r", "200ms"));
        assertEquals(2, e.combinations());
        assertEquals(Plan.RUN_SECONDS + 2 * (Plan.FORK_SECONDS + 2 * (0.2 + Plan.ITERATION_SECONDS)), e.seconds(), 1e-9);
    }

    @Test
    void takesTheAnnotationsWhereTheCommandLineSaysNothing() throws Exception {
        // ManyPairsBenchmark: 4 contenders, @Fork(1), @Warmup(3 x 1 s), @Measurement(5 x 1 s)
        Plan.Estimate e = Plan.estimate(new CommandLineOptions("\\.ManyPairsBenchmark\\."));
        assertEquals(4, e.combinations());
        assertEquals(Plan.RUN_SECONDS + 4 * (Plan.FORK_SECONDS + 8 * (1 + Plan.ITERATION_SECONDS)), e.seconds(), 1e-9);
    }
}
