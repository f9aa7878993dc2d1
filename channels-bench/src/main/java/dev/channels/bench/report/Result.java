package dev.channels.bench.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One JMH result (one benchmark with one set of parameters): its parameters and, for the primary
 * score and every secondary metric, the value of each measurement iteration of every fork. Read
 * from JMH's JSON result format ({@code -rf json}) with Jackson.
 */
final class Result {
    /** The name the primary metric is stored under. */
    static final String PRIMARY = "primary";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** The parts of one entry of JMH's JSON result file that the report reads. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record JmhEntry(String benchmark, Integer forks, List<String> jvmArgs, Map<String, String> params,
            JmhMetric primaryMetric, Map<String, JmhMetric> secondaryMetrics) {
    }

    /** A metric as JMH writes it: {@code rawData} holds one array of iteration values per fork. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record JmhMetric(Double score, Double scoreError, String scoreUnit, double[][] rawData) {
    }

    final String name;        // JMH's full name, e.g. dev.channels.bench.RoundTripBenchmark.roundTrip
    final String benchmark;   // simple class name, e.g. RoundTripBenchmark
    final String method;
    final Map<String, String> params;
    final Map<String, Metric> metrics = new LinkedHashMap<>();
    int forks;
    final String jvmArgs;

    /** One metric: JMH's score and error, and the per-iteration values, forks one after the other. */
    record Metric(String name, String unit, double score, double error, double[] values) {
    }

    Result(JmhEntry e) {
        if (e.benchmark() == null || e.primaryMetric() == null) {
            throw new IllegalArgumentException("not a JMH result: no benchmark name or primary metric");
        }
        this.name = e.benchmark();
        int dot = name.lastIndexOf('.');
        String cls = dot < 0 ? name : name.substring(0, dot);
        this.benchmark = cls.substring(cls.lastIndexOf('.') + 1);
        this.method = name.substring(dot + 1);
        this.params = e.params() == null ? Map.of() : new LinkedHashMap<>(e.params());
        this.forks = e.forks() == null ? 1 : e.forks();
        this.jvmArgs = e.jvmArgs() == null ? "" : String.join(" ", e.jvmArgs());
        metrics.put(PRIMARY, metric(PRIMARY, e.primaryMetric()));
        if (e.secondaryMetrics() != null) {
            e.secondaryMetrics().forEach((k, m) -> metrics.put(k, metric(k, m)));
        }
    }

    /**
     * Reads a file in JMH's JSON result format.
     *
     * @param file the file
     * @return its results
     * @throws IOException if it cannot be read, or is not in JMH's format
     */
    static List<Result> read(Path file) throws IOException {
        try {
            JmhEntry[] entries = JSON.readValue(file.toFile(), JmhEntry[].class);
            return Arrays.stream(entries).map(Result::new).toList();
        } catch (JacksonException | IllegalArgumentException e) {
            throw new IOException(file + " is not a JMH JSON result file: " + e.getMessage(), e);
        }
    }

    private static Metric metric(String name, JmhMetric m) {
        double[] values = m.rawData() == null ? new double[0]
                : Arrays.stream(m.rawData()).flatMapToDouble(Arrays::stream).toArray();
        return new Metric(name, String.valueOf(m.scoreUnit()), orNaN(m.score()), orNaN(m.scoreError()), values);
    }

    private static double orNaN(Double v) {
        return v == null ? Double.NaN : v;
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
        return name + params;
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
            double[] v = Arrays.copyOf(m.values(), m.values().length + o.values().length);
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
        return name + params;
    }
}
