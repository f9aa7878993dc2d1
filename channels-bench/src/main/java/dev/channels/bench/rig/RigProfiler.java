package dev.channels.bench.rig;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Turns the figures of {@link IterationMetrics} into JMH secondary results, averaged over
 * iterations (JMH's own {@code @AuxCounters} would sum them). {@code dev.channels.bench.Main},
 * the jar's entry point, adds this profiler to every run; with another JMH launcher, add
 * {@code -prof dev.channels.bench.rig.RigProfiler}.
 */
public final class RigProfiler implements InternalProfiler {

    /** Creates the profiler; JMH calls this. */
    public RigProfiler() {
    }

    @Override
    public String getDescription() {
        return "channels-bench rig: floor around each iteration, ratios to it, latency percentiles, CPU per op";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        IterationMetrics.drain(); // nothing stale from a failed iteration
    }

    @Override
    public Collection<? extends Result<?>> afterIteration(BenchmarkParams benchmarkParams,
            IterationParams iterationParams, IterationResult result) {
        List<ScalarResult> results = new ArrayList<>();
        for (IterationMetrics.Metric m : IterationMetrics.drain()) {
            results.add(new ScalarResult(m.name(), m.value(), m.unit(), AggregationPolicy.AVG));
        }
        return results;
    }
}
