package dev.channels.bench.tail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes results in JMH's JSON result format (what {@code -rf json} writes: one entry per
 * benchmark and parameter set, a {@code primaryMetric} and {@code secondaryMetrics} with
 * {@code score}, {@code scoreError}, {@code scoreUnit} and {@code rawData}), so that the report
 * reads the programs of this package like any JMH run. Each measured repetition is one iteration
 * of one fork in {@code rawData}.
 */
final class JmhJson {
    private final List<String> entries = new ArrayList<>();

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
        StringBuilder b = new StringBuilder();
        b.append("    {\n");
        b.append("        \"jmhVersion\" : ").append(str("(written by " + getClass().getPackageName() + ")")).append(",\n");
        b.append("        \"benchmark\" : ").append(str(e.benchmark)).append(",\n");
        b.append("        \"mode\" : \"sample\",\n        \"threads\" : 1,\n        \"forks\" : 1,\n");
        b.append("        \"jvm\" : ").append(str(System.getProperty("java.home") + "/bin/java")).append(",\n");
        b.append("        \"jvmArgs\" : [ ],\n");
        b.append("        \"jdkVersion\" : ").append(str(System.getProperty("java.version"))).append(",\n");
        b.append("        \"vmName\" : ").append(str(System.getProperty("java.vm.name"))).append(",\n");
        b.append("        \"vmVersion\" : ").append(str(System.getProperty("java.vm.version"))).append(",\n");
        b.append("        \"params\" : {");
        String sep = "\n";
        for (Map.Entry<String, String> p : e.params.entrySet()) {
            b.append(sep).append("            ").append(str(p.getKey())).append(" : ").append(str(p.getValue()));
            sep = ",\n";
        }
        b.append("\n        },\n");
        boolean first = true;
        for (Map.Entry<String, Entry.Metric> m : e.metrics.entrySet()) {
            if (first) {
                b.append("        \"primaryMetric\" : ");
                metric(b, m.getValue());
                b.append(",\n        \"secondaryMetrics\" : {");
                sep = "\n";
                first = false;
            } else {
                b.append(sep).append("            ").append(str(m.getKey())).append(" : ");
                metric(b, m.getValue());
                sep = ",\n";
            }
        }
        b.append("\n        }\n    }");
        entries.add(b.toString());
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, "[\n" + String.join(",\n", entries) + "\n]\n");
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static void metric(StringBuilder b, Entry.Metric m) {
        double[] raw = m.raw();
        b.append("{\n                \"score\" : ").append(num(m.score()));
        b.append(",\n                \"scoreError\" : ").append(num(error(raw)));
        b.append(",\n                \"scoreUnit\" : ").append(str(m.unit()));
        b.append(",\n                \"rawData\" : [ [ ");
        for (int i = 0; i < raw.length; i++) {
            b.append(i == 0 ? "" : ", ").append(num(raw[i]));
        }
        b.append(" ] ]\n            }");
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

    private static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "\"NaN\"";
        }
        return Double.toString(v); // a JSON number ("1.5", "2.5E7")
    }

    private static String str(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
