package dev.channels.bench.tail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes results in JMH's JSON result format (what {@code -rf json} writes: one entry per
 * benchmark and parameter set, a {@code primaryMetric} and {@code secondaryMetrics} with
 * {@code score}, {@code scoreError}, {@code scoreUnit} and {@code rawData}), so that the report
 * reads the programs of this package like any JMH run. Each measured repetition is one iteration
 * of one fork in {@code rawData}.
 */
final class JmhJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<ObjectNode> entries = new ArrayList<>();

    /** One entry under construction. */
    static final class Entry {
        private final String benchmark;
        private final Map<String, String> params = new LinkedHashMap<>();
        private final Map<String, Metric> metrics = new LinkedHashMap<>();

        private record Metric(double score, String unit, double[] raw) {
        }

        Entry(String benchmark) {
            this.benchmark = benchmark;
        }

        Entry param(String name, String value) {
            params.put(name, value);
            return this;
        }

        /**
         * Adds a metric; the first one added is the primary metric.
         *
         * @param name  the metric's name
         * @param score its score (the figure to read)
         * @param unit  its unit
         * @param raw   the per-repetition values behind it
         */
        Entry metric(String name, double score, String unit, double... raw) {
            metrics.put(name, new Metric(score, unit, raw.clone()));
            return this;
        }
    }

    void add(Entry e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("jmhVersion", "(written by " + getClass().getPackageName() + ")");
        n.put("benchmark", e.benchmark);
        n.put("mode", "sample");
        n.put("threads", 1);
        n.put("forks", 1);
        n.put("jvm", System.getProperty("java.home") + "/bin/java");
        n.putArray("jvmArgs");
        n.put("jdkVersion", System.getProperty("java.version"));
        n.put("vmName", System.getProperty("java.vm.name"));
        n.put("vmVersion", System.getProperty("java.vm.version"));
        ObjectNode params = n.putObject("params");
        e.params.forEach(params::put);
        ObjectNode secondary = null;
        for (Map.Entry<String, Entry.Metric> m : e.metrics.entrySet()) {
            if (secondary == null) {
                metric(n.putObject("primaryMetric"), m.getValue());
                secondary = n.putObject("secondaryMetrics");
            } else {
                metric(secondary.putObject(m.getKey()), m.getValue());
            }
        }
        entries.add(n);
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), entries);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static void metric(ObjectNode n, Entry.Metric m) {
        double[] raw = m.raw();
        number(n, "score", m.score());
        number(n, "scoreError", error(raw));
        n.put("scoreUnit", m.unit());
        ArrayNode fork = n.putArray("rawData").addArray();
        for (double v : raw) {
            fork.add(v);
        }
    }

    /** A number, or JMH's "NaN" string for a missing one. */
    private static void number(ObjectNode n, String name, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            n.put(name, "NaN");
        } else {
            n.put(name, v);
        }
    }

    /** JMH's scoreError: half-width of the 99.9% confidence interval of the mean of the raw values. */
    static double error(double[] raw) {
        int n = raw.length;
        if (n < 2) {
            return Double.NaN;
        }
        double mean = Arrays.stream(raw).average().orElse(Double.NaN);
        double ss = 0;
        for (double x : raw) {
            ss += (x - mean) * (x - mean);
        }
        return t999(n - 1) * Math.sqrt(ss / (n - 1)) / Math.sqrt(n);
    }

    /** The 0.9995 quantile of Student's t with df degrees of freedom (tabulated; conservative between rows). */
    static double t999(int df) {
        double[] table = {0, 636.619, 31.599, 12.924, 8.610, 6.869, 5.959, 5.408, 5.041, 4.781, 4.587,
            4.437, 4.318, 4.221, 4.140, 4.073, 4.015, 3.965, 3.922, 3.883, 3.850,
            3.819, 3.792, 3.768, 3.745, 3.725, 3.707, 3.690, 3.674, 3.659, 3.646};
        if (df < table.length) {
            return table[df];
        }
        return df < 40 ? 3.646 : df < 60 ? 3.551 : df < 120 ? 3.460 : 3.373;
    }
}
