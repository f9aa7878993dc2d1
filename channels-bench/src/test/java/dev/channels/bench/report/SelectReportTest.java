package dev.channels.bench.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's alternation (select) sections and targets, on hand-made JMH results. */
class SelectReportTest {

    /** A SelectBenchmark result: 3 iterations, floor 100 ns, the given median time per operation. */
    private static String select(String method, String impl, String threads, double ns, double alloc) {
        return String.format(Locale.ROOT, """
                {
                  "benchmark": "dev.channels.bench.SelectBenchmark.%s",
                  "mode": "avgt", "forks": 1, "jvmArgs": [],
                  "params": {"impl": "%s", "threads": "%s"},
                  "primaryMetric": {"score": %s, "scoreError": "NaN", "scoreUnit": "ns/op", "rawData": [[%s, %s, %s]]},
                  "secondaryMetrics": {
                    "ns": {"score": %s, "scoreError": "NaN", "scoreUnit": "ns/op", "rawData": [[%s, %s, %s]]},
                    "nsMedian": {"score": %s, "scoreError": "NaN", "scoreUnit": "ns/op", "rawData": [[%s, %s, %s]]},
                    "floor": {"score": 100, "scoreError": "NaN", "scoreUnit": "ns", "rawData": [[100, 100, 100]]},
                    "drift": {"score": 1, "scoreError": "NaN", "scoreUnit": "%%", "rawData": [[1, 1, 1]]},
                    "ratio": {"score": 1, "scoreError": "NaN", "scoreUnit": "x", "rawData": [[%s, %s, %s]]},
                    "allocPerOp": {"score": %s, "scoreError": "NaN", "scoreUnit": "B/op", "rawData": [[%s, %s, %s]]},
                    "gc.alloc.rate.norm": {"score": %s, "scoreError": "NaN", "scoreUnit": "B/op", "rawData": [[%s]]}
                  }
                }""", method, impl, threads, ns, ns, ns, ns, ns, ns, ns, ns, ns, ns, ns, ns, ns / 100, ns / 100, ns / 100,
                alloc, alloc, alloc, alloc, alloc, alloc);
    }

    /** A ManyClientsBenchmark result: 3 iterations of the given ns per request. */
    private static String clients(String impl, int n, double ns) {
        return String.format(Locale.ROOT, """
                {
                  "benchmark": "dev.channels.bench.ManyClientsBenchmark.manyClients",
                  "mode": "avgt", "forks": 1, "jvmArgs": [],
                  "params": {"impl": "%s", "clients": "%d"},
                  "primaryMetric": {"score": %s, "scoreError": "NaN", "scoreUnit": "ns/op", "rawData": [[%s, %s, %s]]},
                  "secondaryMetrics": {
                    "cpu": {"score": 1, "scoreError": "NaN", "scoreUnit": "ns/op", "rawData": [[1, 1, 1]]}
                  }
                }""", impl, n, ns, ns, ns, ns);
    }

    @Test
    void selectTargetsTablesAndCharts(@TempDir Path dir) throws Exception {
        List<String> r = new ArrayList<>();
        for (String threads : List.of("platform", "virtual")) {
            r.add(select("fanIn", "channels-spinThenPark", threads, 300, 0));
            r.add(select("fanIn", "jox", threads, 600, 200));
            r.add(select("server", "channels-spinThenPark", threads, 400, 0));
            r.add(select("server", "jox", threads, 300, 200)); // ours slower: missed
            r.add(select("server", "oneActive-spinThenPark", threads, 280, 0));
            r.add(select("server", "single-spinThenPark", threads, 200, 0)); // 1.4x: met
            r.add(select("workerPool", "channels-spinThenPark", threads, 250, threads.equals("platform") ? 0 : 40));
            r.add(select("workerPool", "synchronousQueue", threads, 500, 30));
            r.add(select("workerPool", "jox", threads, 1000, 100));
        }
        Files.writeString(dir.resolve("select.json"), "[" + String.join(",", r) + "]");
        Files.writeString(dir.resolve("manyclients.json"), "[" + String.join(",", List.of(
                clients("channels-spinThenPark", 10, 500), clients("channels-spinThenPark", 1000, 900),
                clients("pairs-channels-spinThenPark", 10, 400), clients("pairs-channels-spinThenPark", 1000, 400))) + "]");
        Files.writeString(dir.resolve("go.json"), """
                [ {"benchmark": "go.SelectFanIn", "mode": "avgt", "params": {"gomaxprocs": "2"},
                   "primaryMetric": {"score": 600, "scoreError": "NaN", "scoreUnit": "ns/op", "rawData": [[600, 600, 600]]}},
                  {"benchmark": "go.SelectServer", "mode": "avgt", "params": {"gomaxprocs": "2"},
                   "primaryMetric": {"score": 200, "scoreError": "NaN", "scoreUnit": "ns/op", "rawData": [[200, 200, 200]]}} ]""");
        Files.writeString(dir.resolve("environment.txt"), "date=2026-01-01T00:00:00Z\nmode=select\n");
        Report.main(new String[] {dir.toString()});
        String md = Files.readString(dir.resolve("results.md"));

        // ahead of jox: fan-in 3.0/6.0 = 0.5 (met); server 4.0/3.0 = 1.33 (missed)
        assertTrue(md.contains("| Fan-in (2 producers), platform threads, `channels-spinThenPark`: ahead of jox's "
                + "`Select.select` | 0.50 [0.50, 0.50] (75%) x jox's time per item | **met** |"), md);
        assertTrue(md.contains("| Server (2 clients), virtual threads, `channels-spinThenPark`: ahead of jox's "
                + "`Select.select` | 1.33 [1.33, 1.33] (75%) x jox's time per request | **missed** |"), md);
        // Go, raw medians: fan-in 300 / 600 = 0.5, server 400 / 200 = 2
        assertTrue(md.contains("| Fan-in (2 producers), platform threads, `channels-spinThenPark`: ahead of Go's select "
                + "(GOMAXPROCS=2) (raw ns: Go's 600 ns, measured after the JMH runs) | 0.50"), md);
        assertTrue(md.contains("ahead of Go's select (GOMAXPROCS=2) (raw ns: Go's 200 ns, measured after the JMH runs) "
                + "| 2.00 [2.00, 2.00] (75%) x Go's time | **missed** |"), md);
        // select over 2 against one endpoint: 2.8 / 2.0 = 1.4 within 1.5
        assertTrue(md.contains("| Select over 2 endpoints (1 active client), platform threads: within 1.5x of a single "
                + "endpoint's round trip | 1.40 [1.40, 1.40] (75%) x the single endpoint's time per request | **met** |"), md);
        // 1,000 clients: 900 / 400 = 2.25 (missed); flat: 900 / 500 = 1.8 (missed), pairs 1.00
        assertTrue(md.contains("| Server with 1,000 clients, virtual threads: within 2x of 1,000 independent pairs per "
                + "request | 2.25 [2.25, 2.25] (75%) x the pairs' time per round trip | **missed** |"), md);
        assertTrue(md.contains("flat from 10 to 1,000 clients (1,000 within 1.5x of 10, per request; pairs: 1.00 "
                + "[1.00, 1.00] (75%) x) | 1.80 [1.80, 1.80] (75%) x the 10-client time per request | **missed** |"), md);
        // worker pool: 2.5 / 5.0 = 0.5 against the queue; jobs per second from the median time per job
        assertTrue(md.contains("| Worker pool of 4, platform threads: more jobs per second than a shared "
                + "`SynchronousQueue` (ours: 4,000,000 jobs/s, theirs: 2,000,000 jobs/s) | 0.50"), md);
        assertTrue(md.contains("more jobs per second than jox (one shared rendezvous channel) (ours: 4,000,000 jobs/s, "
                + "theirs: 1,000,000 jobs/s) | 0.25"), md);
        // allocation: platform rows only (virtual spinThenPark parks); the pool's virtual 40 B/op is not a target
        assertTrue(md.contains("| 0 B/op: select, workerPool, `spinThenPark`, platform threads (a platform thread's park "
                + "allocates nothing) | 0.0000 B/op"), md);
        assertFalse(md.contains("0 B/op: select, workerPool, `spinThenPark`, virtual"), md);
        // the sections
        assertTrue(md.contains("## Alternation (select): fan-in, server, worker pool"), md);
        assertTrue(md.contains("| platform | jox | 1,000 [1,000, 1,000] (75%) | 1,000 [1,000, 1,000] (75%) "
                + "| 10.0 [10.0, 10.0] (75%) | 1.00 [1.00, 1.00] (75%) | 1,000,000 jobs/s | 100.0 | 3 |"), md);
        assertTrue(md.contains("## Many clients: one selecting server against as many pairs"), md);
        assertTrue(md.contains("| 1000 | channels-spinThenPark | 900 [900, 900] (75%) | 2.25 [2.25, 2.25] (75%) |"), md);
        assertFalse(md.contains("| SelectBenchmark"), "a section of its own, not 'Other results': " + md);
        for (String svg : List.of("select.svg", "manyclients.svg")) {
            DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve(svg).toFile());
        }
    }

    /** The console lines name the select benchmark's method: its three workloads share the class. */
    @Test
    void consoleNamesTheSelectMethod(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("select.json"), "[" + select("workerPool", "jox", "virtual", 1000, 100) + "]");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        Console.print(Report.load(dir), new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        String out = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(out.contains("SelectBenchmark.workerPool impl=jox threads=virtual"), out);
    }

    /** Without select results, the report has no select section, no select targets and no select chart. */
    @Test
    void noSelectResultsNoSelectSection(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("manyclients.json"), "[" + clients("synchronousQueue", 10, 800) + "]");
        Report.main(new String[] {dir.toString()});
        String md = Files.readString(dir.resolve("results.md"));
        assertFalse(md.contains("## Alternation"), md);
        assertFalse(md.contains("flat from 10"), "one contender only: no target: " + md);
        assertTrue(md.contains("| 10 | synchronousQueue | 800 [800, 800] (75%) | - |"), md);
        assertFalse(Files.exists(dir.resolve("select.svg")));
    }
}
