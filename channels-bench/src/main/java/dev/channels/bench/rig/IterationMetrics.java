package dev.channels.bench.rig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures a benchmark measured in one iteration, handed to {@link RigProfiler}, which turns
 * them into JMH secondary results. The benchmark publishes at the end of each iteration (in its
 * {@code Level.Iteration} teardown); the profiler collects after the iteration.
 */
public final class IterationMetrics {
    private static final Map<String, Metric> METRICS = new LinkedHashMap<>();

    private IterationMetrics() {
    }

    /**
     * One figure.
     *
     * @param name  the name, which becomes the JMH secondary metric's label
     * @param value the value
     * @param unit  the unit
     */
    public record Metric(String name, double value, String unit) {
    }

    /**
     * Publishes a figure for the current iteration, replacing one of the same name.
     *
     * @param name  the metric's name
     * @param value its value
     * @param unit  its unit
     */
    public static synchronized void publish(String name, double value, String unit) {
        METRICS.put(name, new Metric(name, value, unit));
    }

    /**
     * Takes the figures published since the last call.
     *
     * @return the figures, in publication order
     */
    public static synchronized List<Metric> drain() {
        List<Metric> all = new ArrayList<>(METRICS.values());
        METRICS.clear();
        return all;
    }
}
