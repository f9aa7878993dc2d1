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
    final int forks;
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
