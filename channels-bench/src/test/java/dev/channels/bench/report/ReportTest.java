package dev.channels.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report on a small hand-made JMH result file: figures, the drift filter, targets, charts. */
class ReportTest {

    /** One JMH result of the round-trip benchmark with the given per-iteration figures. */
    private static String result(String impl, double[] ns, double[] floor, double[] drift, double alloc) {
        StringBuilder ratio = new StringBuilder();
        for (int i = 0; i < ns.length; i++) {
            ratio.append(i == 0 ? "" : ", ").append(ns[i] / floor[i]);
        }
        return String.format(Locale.ROOT, """
                {
                  "benchmark": "dev.channels.bench.RoundTripBenchmark.roundTrip",
                  "mode": "avgt", "forks": 1, "jvmArgs": ["-Dx=y"],
                  "params": {"impl": "%s", "threads": "platform"},
                  "primaryMetric": {"score": 1, "scoreError": "NaN", "scoreUnit": "ns/op", "rawData": [[%s]]},
                  "secondaryMetrics": {
                    "ns": {"score": 1, "scoreError": "NaN", "scoreUnit": "ns/op", "rawData": [[%s]]},
                    "nsMedian": {"score": 1, "scoreError": "NaN", "scoreUnit": "ns/op", "rawData": [[%s]]},
                    "floor": {"score": 1, "scoreError": "NaN", "scoreUnit": "ns", "rawData": [[%s]]},
                    "drift": {"score": 1, "scoreError": "NaN", "scoreUnit": "%%", "rawData": [[%s]]},
                    "ratio": {"score": 1, "scoreError": "NaN", "scoreUnit": "x", "rawData": [[%s]]},
                    "allocPerOp": {"score": %s, "scoreError": "NaN", "scoreUnit": "B/op", "rawData": [[%s, %s, %s, %s, %s, %s]]},
                    "gc.alloc.rate.norm": {"score": 0.004, "scoreError": "NaN", "scoreUnit": "B/op", "rawData": [[0.004]]}
                  }
                }""", impl, join(ns), join(ns), join(ns), join(floor), join(drift), ratio, alloc, alloc, alloc, alloc, alloc,
                alloc, alloc);
    }

    private static String join(double[] v) {
        StringBuilder b = new StringBuilder();
        for (double x : v) {
            b.append(b.isEmpty() ? "" : ", ").append(x);
        }
        return b.toString();
    }

    @Test
    void writesTablesTargetsAndWellFormedCharts(@TempDir Path dir) throws Exception {
        double[] floor = {60, 60, 60, 300, 60, 60};
        double[] drift = {1, 2, 1, 80, 2, 1}; // iteration 4 changed speed: left out
        double[] floorNs = {60, 60, 60, 300, 60, 60};
        double[] busy = {72, 75, 78, 2000, 70, 74}; // ratios 1.2, 1.25, 1.3, -, 1.1667, 1.2333
        Files.writeString(dir.resolve("roundtrip.json"), "[" + result("floor", floorNs, floor, drift, 0) + ","
                + result("channels-busySpin", busy, floor, drift, 0) + "]");
        Files.writeString(dir.resolve("environment.txt"), """
                date=2026-01-01T00:00:00Z
                mode=quick
                jdk=openjdk version "25"
                jdk=second line
                cpu=Test CPU
                cores=2
                command=java -jar benchmarks.jar RoundTripBenchmark
                """);
        Report.main(new String[] {dir.toString()});

        String md = Files.readString(dir.resolve("results.md"));
        assertTrue(md.contains("| CPU (`lscpu`) | Test CPU |"), md);
        assertTrue(md.contains("openjdk version \"25\"<br>second line"), md);
        assertTrue(md.contains("java -jar benchmarks.jar RoundTripBenchmark"), md);
        // median of the 5 kept ratios {1.1667, 1.2, 1.2333, 1.25, 1.3} is 1.2333; [min, max] of 5 has 94% coverage
        assertTrue(md.contains("| Round trip, platform threads, `busySpin`: within 1.5x of the single-word floor "
                + "| 1.23 [1.17, 1.30] (94%) x the floor | **met** |"), md);
        assertTrue(md.contains("| 5 of 6 |"), md);
        assertTrue(md.contains("**met** (0 B/op)"), md);
        assertWellFormed(dir.resolve("roundtrip.svg"));
    }

    /**
     * The header names the console output as run.sh keeps it: compressed ({@code jmh.log.gz}, committed
     * with the run), or a bare {@code jmh.log}, which {@code .gitignore} leaves out (runs made before
     * run.sh compressed it), so the header says so.
     */
    @Test
    void namesTheConsoleOutputAsKept(@TempDir Path dir) throws Exception {
        double[] floor = {60, 60, 60};
        double[] drift = {1, 1, 1};
        Files.writeString(dir.resolve("roundtrip.json"), "[" + result("floor", floor, floor, drift, 0) + "]");
        Files.writeString(dir.resolve("environment.txt"), "date=2026-01-01T00:00:00Z\nmode=quick\nfailures=2\n");
        Report.main(new String[] {dir.toString()});
        String md = Files.readString(dir.resolve("results.md"));
        assertTrue(md.contains("console output: `jmh.log` (not committed: `.gitignore` leaves out `*.log`)."), md);
        assertTrue(md.contains("(search `jmh.log` for `<failure>`)"), md);

        Files.write(dir.resolve("jmh.log.gz"), new byte[0]);
        Report.main(new String[] {dir.toString()});
        md = Files.readString(dir.resolve("results.md"));
        assertTrue(md.contains("console output: `jmh.log.gz`."), md);
        assertTrue(md.contains("(search `jmh.log.gz` for `<failure>`)"), md);
    }

    /** A benchmark run in rounds (run.sh batches): results with equal parameters in several files are merged. */
    @Test
    void mergesRoundsOfTheSameBenchmark(@TempDir Path dir) throws Exception {
        double[] floor = {60, 60, 60, 300, 60, 60};
        double[] drift = {1, 2, 1, 80, 2, 1};
        double[] busy = {72, 75, 78, 2000, 70, 74};
        for (int round = 0; round < 2; round++) {
            int from = 3 * round;
            double[] f = java.util.Arrays.copyOfRange(floor, from, from + 3);
            double[] d = java.util.Arrays.copyOfRange(drift, from, from + 3);
            double[] b = java.util.Arrays.copyOfRange(busy, from, from + 3);
            Files.writeString(dir.resolve("roundtrip-" + (round + 1) + ".json"), "[" + result("floor", f, f, d, 0) + ","
                    + result("channels-busySpin", b, f, d, 0) + "]");
        }
        Files.writeString(dir.resolve("environment.txt"), "date=2026-01-01T00:00:00Z\nmode=batches\n");
        Report.main(new String[] {dir.toString()});

        String md = Files.readString(dir.resolve("results.md"));
        assertTrue(md.contains("| Round trip, platform threads, `busySpin`: within 1.5x of the single-word floor "
                + "| 1.23 [1.17, 1.30] (94%) x the floor | **met** |"), md);
        assertTrue(md.contains("| 5 of 6 |"), md);
        assertEquals(1, md.split("\\| channels-busySpin \\|", -1).length - 1, "one row, not one per round: " + md);
    }

    /**
     * Extra JSON files in JMH's format (the Go benchmark's {@code go.json}) and contenders the
     * report has no special case for appear in tables; a JSON file in another format is skipped.
     */
    @Test
    void showsUnknownBenchmarksAndContendersAndSkipsOtherJson(@TempDir Path dir) throws Exception {
        double[] floor = {60, 60, 60};
        double[] drift = {1, 1, 1};
        Files.writeString(dir.resolve("roundtrip.json"), "[" + result("floor", floor, floor, drift, 0) + ","
                + result("singleWordFloor", new double[] {66, 66, 66}, floor, drift, 0) + "]");
        Files.writeString(dir.resolve("go.json"), """
                [ {
                    "benchmark": "go.RoundTrip",
                    "mode": "avgt",
                    "params": {"impl": "unbuffered", "GOMAXPROCS": 2},
                    "primaryMetric": {"score": 250.0, "scoreError": "NaN", "scoreUnit": "ns/op",
                                      "rawData": [[240.0, 250.0, 260.0, 9000.0, 245.0]]}
                } ]""");
        Files.writeString(dir.resolve("notes.json"), "{\"not\": \"jmh\"}");
        Report.main(new String[] {dir.toString()});

        String md = Files.readString(dir.resolve("results.md"));
        assertTrue(md.contains("| singleWordFloor | 66.0 [66.0, 66.0] (75%) |"), md);
        assertTrue(md.contains("## Other results"), md);
        assertTrue(md.contains("| go.RoundTrip | impl=unbuffered, GOMAXPROCS=2 | 250 [240, 9,000] (94%) | ns/op | - | 5 |"), md);
        assertWellFormed(dir.resolve("roundtrip.svg"));
    }

    /** A run of benchmarks the report has no section for (run.sh fresh, work) gets no empty allocation table. */
    @Test
    void noAllocationTableWithoutTheBenchmarksItCovers(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("fresh.json"), """
                [ {
                    "benchmark": "dev.channels.bench.FreshValueBenchmark.roundTrip",
                    "mode": "avgt",
                    "params": {"impl": "channels-busySpin", "values": "fresh"},
                    "primaryMetric": {"score": 260.0, "scoreError": "NaN", "scoreUnit": "ns/op",
                                      "rawData": [[250.0, 260.0, 270.0]]},
                    "secondaryMetrics": {"gc.alloc.rate.norm": {"score": 0.01, "scoreError": "NaN", "scoreUnit": "B/op",
                                      "rawData": [[0.01, 0.01, 0.01]]}}
                } ]""");
        Report.main(new String[] {dir.toString()});

        String md = Files.readString(dir.resolve("results.md"));
        assertTrue(md.contains("## Other results"), md);
        assertTrue(md.contains("| dev.channels.bench.FreshValueBenchmark.roundTrip | impl=channels-busySpin, values=fresh |"), md);
        assertFalse(md.contains("## Allocation per operation"), md);
    }

    /** The console lines run.sh prints after each JMH run: the report's median and ratio beside JMH's mean. */
    @Test
    void consoleShowsTheMedianRatioBesideJmhsMean(@TempDir Path dir) throws Exception {
        double[] floor = {60, 60, 60, 300, 60, 60};
        double[] drift = {1, 2, 1, 80, 2, 1};
        double[] busy = {72, 75, 78, 2000, 70, 74};
        Path json = dir.resolve("roundtrip.json");
        Files.writeString(json, "[" + result("channels-busySpin", busy, floor, drift, 0) + "]");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Console.print(Report.load(dir), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("JMH's Score above is a mean"), out);
        // median invocation 74 ns (the 5 kept), ratio 1.23 [1.17, 1.30], JMH's score 1 (as written in the file)
        assertTrue(out.matches("(?s).*RoundTripBenchmark impl=channels-busySpin threads=platform +74\\.0 ns/op +"
                + "1\\.23 \\[1\\.17, 1\\.30\\] \\(94%\\) x +1\\.00 ns/op +5 of 6\n.*"), out);
    }

    private static void assertWellFormed(Path svg) throws IOException {
        try {
            DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        } catch (Exception e) {
            throw new AssertionError(svg + " is not well-formed XML: " + e, e);
        }
    }
}
