package dev.channels.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One JMH result (one benchmark with one set of parameters): its parameters and, for the primary
 * score and every secondary metric, the value of each measurement iteration of every fork.
 */
final class Result {
    /** The name the primary metric is stored under. */
    static final String PRIMARY = "primary";

    final String benchmark;   // simple class name, e.g. RoundTripBenchmark
    final String method;
    final Map<String, String> params;
    final Map<String, Metric> metrics = new LinkedHashMap<>();
    int forks;
    final String jvmArgs;

    /** One metric: JMH's score and error, and the per-iteration values, forks one after the other. */
    record Metric(String name, String unit, double score, double error, double[] values) {
    }

    @SuppressWarnings("unchecked")
    Result(Map<String, Object> json) {
        String full = (String) json.get("benchmark");
        int dot = full.lastIndexOf('.');
        String cls = full.substring(0, dot);
        this.benchmark = cls.substring(cls.lastIndexOf('.') + 1);
        this.method = full.substring(dot + 1);
        Map<String, String> p = new LinkedHashMap<>();
        Object params = json.get("params");
        if (params instanceof Map<?, ?> m) {
            m.forEach((k, v) -> p.put((String) k, String.valueOf(v)));
        }
        this.params = p;
        this.forks = ((Number) json.getOrDefault("forks", 1.0)).intValue();
        Object args = json.get("jvmArgs");
        this.jvmArgs = args instanceof List<?> l ? String.join(" ", (List<String>) l) : "";
        metrics.put(PRIMARY, metric(PRIMARY, (Map<String, Object>) json.get("primaryMetric")));
        Object secondary = json.get("secondaryMetrics");
        if (secondary instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String name = (String) e.getKey();
                metrics.put(name, metric(name, (Map<String, Object>) e.getValue()));
            }
        }
    }

    private static Metric metric(String name, Map<String, Object> m) {
        List<Double> values = new ArrayList<>();
        Object raw = m.get("rawData");
        if (raw instanceof List<?> forks) {
            for (Object fork : forks) {
                for (Object v : (List<?>) fork) {
                    values.add(number(v));
                }
            }
        }
        return new Metric(name, String.valueOf(m.get("scoreUnit")), number(m.get("score")), number(m.get("scoreError")),
                values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static double number(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    String param(String name) {
        return params.getOrDefault(name, "");
    }

    Metric metric(String name) {
        return metrics.get(name);
    }

    boolean has(String name) {
        return metrics.containsKey(name);
    }

    /** The key of a result's benchmark and parameters: results with equal keys measure the same thing. */
    String key() {
        return benchmark + "." + method + params;
    }

    /**
     * Adds another run of the same benchmark and parameters (from another JSON file): its
     * iterations follow this one's, and the scores become the means weighted by iteration count.
     */
    void absorb(Result other) {
        if (!other.key().equals(key())) {
            throw new IllegalArgumentException("different benchmarks: " + key() + " and " + other.key());
        }
        forks += other.forks;
        for (Metric o : other.metrics.values()) {
            Metric m = metrics.get(o.name());
            if (m == null) {
                metrics.put(o.name(), o);
                continue;
            }
            double[] v = java.util.Arrays.copyOf(m.values(), m.values().length + o.values().length);
            System.arraycopy(o.values(), 0, v, m.values().length, o.values().length);
            int n = m.values().length;
            int k = o.values().length;
            double score = n + k == 0 ? Double.NaN : (m.score() * n + o.score() * k) / (n + k);
            metrics.put(o.name(), new Metric(o.name(), m.unit(), score, Double.NaN, v));
        }
    }

    /** Per-iteration values of a metric, or an empty array. */
    double[] values(String name) {
        Metric m = metrics.get(name);
        return m == null ? new double[0] : m.values();
    }

    @Override
    public String toString() {
        return benchmark + "." + method + params;
    }
}
