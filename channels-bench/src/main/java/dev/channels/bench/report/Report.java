package dev.channels.bench.report;

import dev.channels.bench.report.Stats.Interval;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Turns the JMH JSON files of one bench run into {@code results.md} (environment, targets,
 * tables) and SVG charts, next to them.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.channels.bench.report.Report DIR}, where DIR holds
 * the {@code *.json} files and the {@code environment.txt} written by the bench script. Every
 * {@code *.json} file in JMH's JSON result format is read (read with Jackson, see {@link Result}),
 * including other programs' results written in that format such as the Go benchmark's
 * {@code go.json}; results of benchmarks without a section of their own appear under "Other
 * results". Charts are drawn by {@link Charts} (JFreeChart, JFreeSVG).
 *
 * <p>Statistics: every figure is the median over the measurement iterations of all forks, with a
 * distribution-free 95% interval for the median ({@link Stats}). Iterations whose floor moved by
 * more than {@value #DRIFT_LIMIT}% between its before and after measurements (the machine
 * changed speed during the iteration) are left out; the tables say how many were used. A
 * comparison of two contenders divides their floor-normalized medians, and its interval divides
 * the ends of theirs crosswise (conservative).
 */
public final class Report {
    /** Iterations whose floor drifted by more than this (percent) are left out. */
    static final double DRIFT_LIMIT = 25;
    /** Below this, an allocation rate is JMH's and the rig's per-iteration residue, not per operation. */
    static final double ZERO_ALLOC = 0.1;

    /**
     * Iterations whose floor round trip is below this many ns ran with the two threads on cores
     * that share a cache ("near"); the others, "far" (the machine's two speeds: floors of about
     * 140 and 440 ns here). A batch's time per item does not scale with the floor (the copy
     * dominates), so batch contenders are compared within one placement, on raw ns per item.
     */
    static final double NEAR_FLOOR_LIMIT = 250;

    private final Environment env;
    private final List<Result> results;
    private final StringBuilder md = new StringBuilder();

    private Report(Environment env, List<Result> results) {
        this.env = env;
        this.results = results;
    }

    /**
     * Writes the report.
     *
     * @param args the results directory
     * @throws IOException if reading or writing fails
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java -cp benchmarks.jar dev.channels.bench.report.Report RESULTS_DIR");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        List<Result> results = load(dir);
        Report r = new Report(Environment.read(dir.resolve("environment.txt")), results);
        r.write(dir);
        System.out.println("wrote " + dir.resolve("results.md") + " (" + results.size() + " results)");
    }

    /**
     * Reads every {@code *.json} file of a directory that is in JMH's JSON result format (others
     * are named on standard error and skipped). Results of one benchmark and parameters in several
     * files (run.sh batches runs rounds) are merged.
     */
    static List<Result> load(Path dir) throws IOException {
        Map<String, Result> byKey = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                List<Result> read;
                try {
                    read = Result.read(f);
                } catch (IOException e) {
                    System.err.println("skipped: " + e.getMessage());
                    continue;
                }
                for (Result r : read) {
                    Result earlier = byKey.putIfAbsent(r.key(), r);
                    if (earlier != null) {
                        earlier.absorb(r);
                    }
                }
            }
        }
        return new ArrayList<>(byKey.values());
    }

    // ------------------------------------------------------------------ summaries

    /**
     * The figures of one result, over the iterations kept. {@code alloc} is the rig's count of
     * bytes per operation in the timed invocations when present, else JMH's
     * {@code gc.alloc.rate.norm}; {@code jmhAlloc} is always JMH's.
     */
    record Summary(Result result, int used, int total, Interval ns, Interval nsMedian, Interval ratio, Interval floor,
            Interval p50, Interval p99, Interval p999, Interval cpu, Interval driverCpu, double alloc, double jmhAlloc) {

        String param(String name) {
            return result.param(name);
        }

        String iterations() {
            return used == total ? String.valueOf(total) : used + " of " + total;
        }
    }

    static Summary summarize(Result r) {
        double[] drift = r.values("drift");
        double[] primary = r.values(Result.PRIMARY);
        int total = primary.length;
        boolean[] keep = new boolean[total];
        int used = 0;
        for (int i = 0; i < total; i++) {
            keep[i] = drift.length != total || drift[i] <= DRIFT_LIMIT;
            used += keep[i] ? 1 : 0;
        }
        if (used == 0) { // every iteration drifted: keep them all, and say so
            java.util.Arrays.fill(keep, true);
            used = -total;
        }
        Result.Metric gc = r.metric("gc.alloc.rate.norm");
        double jmhAlloc = gc == null ? Double.NaN : gc.score();
        double rigAlloc = r.has("allocPerOp") ? median(r, "allocPerOp", keep).median() : Double.NaN;
        return new Summary(r, Math.abs(used), total,
                median(r, r.has("ns") ? "ns" : Result.PRIMARY, keep), median(r, "nsMedian", keep), median(r, "ratio", keep),
                median(r, "floor", keep),
                median(r, "p50", keep), median(r, "p99", keep), median(r, "p99.9", keep), median(r, "cpu", keep),
                median(r, "driverCpu", keep), Double.isNaN(rigAlloc) ? jmhAlloc : rigAlloc, jmhAlloc);
    }

    private static Interval median(Result r, String metric, boolean[] keep) {
        double[] v = r.values(metric);
        if (v.length == 0) {
            return Stats.EMPTY;
        }
        if (v.length != keep.length) {
            return Stats.median(v);
        }
        List<Double> kept = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            if (keep[i]) {
                kept.add(v[i]);
            }
        }
        return Stats.median(kept.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The benchmarks this report has sections for; results of any other go to "Other results". */
    static final List<String> KNOWN = List.of("RoundTripBenchmark", "StreamBenchmark", "BatchBenchmark",
            "ManyPairsBenchmark", "WaitStrategyBenchmark", "SelectBenchmark", "ManyClientsBenchmark");

    /** The median ns per operation of the iterations kept (see summarize) at one placement. */
    private static Interval nsAt(Summary s, boolean near) {
        Result r = s.result();
        double[] ns = r.values(r.has("ns") ? "ns" : Result.PRIMARY);
        double[] floor = r.values("floor");
        double[] drift = r.values("drift");
        if (floor.length != ns.length) {
            return Stats.EMPTY;
        }
        List<Double> kept = new ArrayList<>();
        for (int i = 0; i < ns.length; i++) {
            boolean steady = drift.length != ns.length || drift[i] <= DRIFT_LIMIT;
            if (steady && (floor[i] < NEAR_FLOOR_LIMIT) == near) {
                kept.add(ns[i]);
            }
        }
        return Stats.median(kept.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private List<Summary> select(String benchmark, Predicate<Summary> filter) {
        List<Summary> out = new ArrayList<>();
        for (Result r : results) {
            if (r.benchmark.equals(benchmark)) {
                Summary s = summarize(r);
                if (filter.test(s)) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    private Summary find(String benchmark, String impl, String threads, String batch) {
        for (Summary s : select(benchmark, x -> true)) {
            if (s.param("impl").equals(impl) && s.param("threads").equals(threads)
                    && (batch == null || s.param("batch").equals(batch))) {
                return s;
            }
        }
        return null;
    }

    private List<String> values(String benchmark, String param) {
        Set<String> v = new LinkedHashSet<>();
        for (Result r : results) {
            if (r.benchmark.equals(benchmark) && r.params.containsKey(param)) {
                v.add(r.param(param));
            }
        }
        return new ArrayList<>(v);
    }

    // ------------------------------------------------------------------ the document

    private void write(Path dir) throws IOException {
        header(dir);
        targets();
        roundTrip(dir);
        stream(dir);
        batch(dir);
        manyPairs(dir);
        select(dir);
        manyClients(dir);
        waitStrategy(dir);
        others();
        allocation();
        Files.writeString(dir.resolve("results.md"), md.toString());
    }

    private void header(Path dir) {
        md.append("# channels benchmarks: ").append(env.get("mode")).append(" run of ").append(env.get("date")).append("\n\n");
        // run.sh compresses the console output before it calls the report; a .log would be ignored by git
        String log = Files.exists(dir.resolve("jmh.log.gz")) ? "jmh.log.gz" : "jmh.log";
        if (env.all("mode").isEmpty()) {
            md.append("Produced from the JMH JSON files in this directory ")
                    .append("(no `environment.txt`: the machine is unknown).\n\n");
        } else {
            md.append("Produced by `channels-bench/scripts/run.sh ").append(env.get("mode"))
                    .append("` from the JMH JSON files in this directory. Raw data: the `*.json` files; ")
                    .append("console output: `").append(log).append("`")
                    .append(log.endsWith(".gz") ? "" : " (not committed: `.gitignore` leaves out `*.log`)")
                    .append(".\n\n");
        }
        String failures = env.get("failures");
        if (!failures.equals("unknown") && !failures.equals("0")) {
            md.append("**").append(failures).append(" benchmark(s) failed in this run** (search `").append(log)
                    .append("` for `<failure>`); their rows are missing below.\n\n");
        }
        md.append("| | |\n|---|---|\n");
        row("Date", env.get("date"));
        row("JDK (`java -version`)", String.join("<br>", env.all("jdk")));
        row("CPU (`lscpu`)", env.get("cpu"));
        row("Cores (`nproc`)", env.get("cores"));
        row("OS", env.get("os"));
        row("Load average at start", env.get("load"));
        row("Commit", env.get("commit"));
        row("JMH options", env.get("jmh"));
        row("Forked JVM options", results.stream().filter(r -> KNOWN.contains(r.benchmark)).findFirst()
                .map(r -> "`" + r.jvmArgs + "`").orElse(""));
        row("Duration", env.get("duration"));
        md.append("\nThe exact commands (run one after the other, then `Report` on this directory):\n\n```\n");
        for (String c : env.all("command")) {
            md.append(c).append('\n');
        }
        md.append("```\n\n");
        md.append("**How to read.** Each figure is the median over the measurement iterations of all forks, with a ")
                .append("distribution-free 95% interval for the median in brackets (fewer than 6 iterations give [min, max] ")
                .append("at a lower confidence). Each iteration of the rig-based benchmarks measures its own *floor* (a bare ")
                .append("busy-spin round trip between the same two threads, the median of 256-round-trip blocks) right before ")
                .append("and right after it; *ratio* is the median over the iteration's invocations of their time per operation, ")
                .append("divided by the mean of the two floors. Both sides being medians of short blocks, a rare descheduling of ")
                .append("a spinning thread moves neither, and the division cancels the machine's speed changes (the means are in ")
                .append("the tables too, and `ratioOfMeans` in the JSON). ")
                .append("Iterations whose floor moved by more than ").append(fmt(DRIFT_LIMIT)).append("% across the iteration ")
                .append("are left out (column *iterations*). Comparisons between contenders divide their ratios. ")
                .append("*B/op* is the rig's count of the bytes all threads allocated during the timed invocations (one in 16), ")
                .append("per operation; the allocation table at the end also shows JMH's `gc.alloc.rate.norm`, which includes ")
                .append("what JMH and the rig allocate once per iteration (values below ").append(ZERO_ALLOC)
                .append(" are that residue). See `channels-bench/README.md` for the method.\n\n");
    }

    private void row(String k, String v) {
        md.append("| ").append(k).append(" | ").append(v).append(" |\n");
    }

    // ------------------------------------------------------------------ targets

    private void targets() {
        md.append("## Targets\n\n");
        md.append("| target | measured (median [95% interval]) | verdict |\n|---|---|---|\n");
        // the budgets of DESIGN.md (issue 10): busySpin within 1.5x of the single-word floor and ahead of
        // the JCTools spin pair, the default within 2x
        for (String strategy : List.of("busySpin", "spinThenPark")) {
            Summary s = find("RoundTripBenchmark", "channels-" + strategy, "platform", null);
            double limit = strategy.equals("busySpin") ? 1.5 : 2.0;
            if (s != null) {
                target("Round trip, platform threads, `" + strategy + "`: within " + limit + "x of the single-word floor",
                        s.ratio, limit, "x the floor");
            }
        }
        Summary busy = find("RoundTripBenchmark", "channels-busySpin", "platform", null);
        Summary jct = find("RoundTripBenchmark", "jctools", "platform", null);
        if (busy != null && jct != null) {
            target("Round trip, platform threads, `busySpin`: ahead of the JCTools spin pair", busy.ratio.over(jct.ratio),
                    1.0, "x JCTools' round trip");
        }
        Summary proto = find("RoundTripBenchmark", "protocolFloor", "platform", null);
        if (busy != null && proto != null) {
            md.append("| (what the library adds to an exact rendezvous) `busySpin` over the protocol floor, platform threads | ")
                    .append(interval(busy.ratio.over(proto.ratio))).append(" x the protocol floor; the protocol floor is ")
                    .append(interval(proto.ratio)).append(" x the single-word floor | - |\n");
        }
        // the least an exact hand-off costs when nobody parks (one CAS, the take's), and with the per-call
        // ownership CAS our contract adds: the floors under the busySpin target (ADR 0008)
        for (String floor : List.of("oneCasFloor", "oneCasFloorOwned")) {
            Summary f = find("RoundTripBenchmark", floor, "platform", null);
            if (f != null) {
                md.append("| (what exactness costs without parking) `").append(floor).append("`, platform threads | ")
                        .append(interval(f.ratio)).append(" x the single-word floor");
                if (busy != null) {
                    md.append("; `busySpin` is ").append(interval(busy.ratio.over(f.ratio))).append(" x its time");
                }
                md.append(" | - |\n");
            }
        }
        goTarget("RoundTrip", "RoundTripBenchmark", "Round trip, platform threads, `spinThenPark`");
        goTarget("Stream", "StreamBenchmark", "One-way item by item, platform threads, `spinThenPark`");
        for (String strategy : List.of("spinThenPark", "busySpin", "park")) {
            Summary s = find("RoundTripBenchmark", "channels-" + strategy, "virtual", null);
            Summary x = find("RoundTripBenchmark", "exchanger", "virtual", null);
            if (s != null && x != null) {
                target("Round trip, virtual threads, `" + strategy + "`: below `Exchanger`'s", s.ratio.over(x.ratio), 1.0,
                        "x Exchanger's");
            }
        }
        for (String strategy : List.of("spinThenPark", "busySpin")) {
            Summary s = find("StreamBenchmark", "channels-" + strategy, "virtual", null);
            Summary q = find("StreamBenchmark", "synchronousQueue", "virtual", null);
            if (s != null && q != null) {
                target("One-way item by item, virtual threads, `" + strategy + "`: ahead of `SynchronousQueue`",
                        s.ratio.over(q.ratio), 1.0, "x SynchronousQueue's time per item");
            }
        }
        tailTargets();
        for (String threads : List.of("platform", "virtual")) {
            for (String strategy : List.of("spinThenPark", "busySpin")) {
                Summary s = find("StreamBenchmark", "channels-" + strategy, threads, null);
                Summary j = find("StreamBenchmark", "jox", threads, null);
                if (s != null && j != null) {
                    target("Stream per item, " + threads + " threads, `" + strategy + "`: ahead of jox (rendezvous)",
                            s.ratio.over(j.ratio), 1.0, "x jox's time per item");
                }
            }
        }
        for (String threads : List.of("platform", "virtual")) {
            for (String strategy : List.of("spinThenPark", "busySpin")) {
                Summary s = find("BatchBenchmark", "channels-" + strategy, threads, "256");
                Summary j = find("BatchBenchmark", "jctools", threads, "256");
                if (s != null && j != null) {
                    for (boolean near : List.of(true, false)) {
                        Interval ours = nsAt(s, near);
                        Interval theirs = nsAt(j, near);
                        String what = "Batches of 256, " + threads + " threads, `" + strategy + "`, " + (near ? "near" : "far")
                                + " placement: at most half of JCTools' time per item";
                        if (ours.isEmpty() && theirs.isEmpty()) {
                            continue;
                        }
                        if (ours.isEmpty() || theirs.isEmpty()) {
                            md.append("| ").append(what).append(" | not measured: only ")
                                    .append(ours.isEmpty() ? "JCTools" : "ours").append(" ran at this placement | - |\n");
                            continue;
                        }
                        target(what, ours.over(theirs), 0.5, "x JCTools' time per item (same placement)");
                    }
                }
            }
        }
        String[][] ops = {{"RoundTripBenchmark", "send (round trip)", null}, {"StreamBenchmark", "send / receive", null},
            {"BatchBenchmark", "sendAll / receiveInto (batch 256)", "256"}};
        for (String threads : List.of("platform", "virtual")) {
            for (String[] op : ops) {
                Summary s = find(op[0], "channels-busySpin", threads, op[2]);
                if (s != null) {
                    allocationTarget(op[1], threads, s);
                }
            }
        }
        selectTargets();
        md.append("\n*met*: the whole interval is on the right side of the target; *within error*: the median is, the ")
                .append("interval is not; *missed*: the median is on the wrong side. Parking paths allocate what the JDK ")
                .append("allocates to park a virtual thread; see the allocation table at the end.\n\n");
    }

    /**
     * Ours against Go's unbuffered channel on raw nanoseconds: Go runs after the JMH runs, outside
     * the rig, so the ratio is of medians measured at different moments (the machine's placement
     * may differ; compare the two floors in the tables).
     */
    private void goTarget(String goMethod, String benchmark, String what) {
        goTarget(goMethod, find(benchmark, "channels-spinThenPark", "platform", null), what, "Go's unbuffered channel");
    }

    private void goTarget(String goMethod, Summary ours, String what, String against) {
        Result go = results.stream().filter(r -> r.benchmark.equals("go") && r.method.equals(goMethod)).findFirst()
                .orElse(null);
        if (ours == null || go == null) {
            return;
        }
        Interval g = Stats.median(go.values(Result.PRIMARY));
        Interval v = ours.nsMedian.over(g);
        String verdict = v.median() < 1.0 ? "met by the medians" : "**missed**";
        md.append("| ").append(what).append(": ahead of ").append(against).append(" (raw ns: Go's ")
                .append(num(g.median())).append(" ns, measured after the JMH runs) | ").append(interval(v))
                .append(" x Go's time | ").append(verdict).append(" |\n");
    }

    /** Tail latency (p99 and p99.9 against the median, one placement) and the idle cost of a waiter. */
    private void tailTargets() {
        for (Result r : results) {
            if (r.benchmark.equals("tail") && r.param("impl").startsWith("channels-")) {
                String impl = r.param("impl").substring("channels-".length());
                target("Tail, platform threads, `" + impl + "`: p99 within 3x the median round trip",
                        Stats.median(r.values("p99/p50")), 3.0, "x the median (p99/p50)");
                target("Tail, platform threads, `" + impl + "`: p99.9 within 10x the median round trip",
                        Stats.median(r.values("p99.9/p50")), 10.0, "x the median (p99.9/p50)");
            }
            if (r.benchmark.equals("idle") && "default".equals(r.param("strategy"))) {
                target("Idle waiter, " + r.param("threads") + " threads, default strategy: under 1% of a core once it has"
                        + " waited 1 ms", Stats.median(r.values(Result.PRIMARY)), 1.0, "% of a core");
            }
        }
    }

    private void allocationTarget(String operation, String threads, Summary s) {
        String measured = Double.isNaN(s.alloc) ? "not measured"
                : String.format(Locale.ROOT, "%.4f", s.alloc) + " B/op (JMH `gc.alloc.rate.norm`: "
                        + (Double.isNaN(s.jmhAlloc) ? "not run with `-prof gc`"
                                : String.format(Locale.ROOT, "%.4f", s.jmhAlloc)) + ")";
        String verdict = Double.isNaN(s.alloc) ? "-" : s.alloc < ZERO_ALLOC ? "**met** (0 B/op)" : "**missed**";
        md.append("| 0 B/op: ").append(operation).append(", busy spin, ").append(threads).append(" threads (no parking")
                .append(threads.equals("virtual") ? "; a yield after 256 idle spins would allocate" : "").append(") | ")
                .append(measured).append(" | ").append(verdict).append(" |\n");
    }

    private void target(String what, Interval v, double limit, String unit) {
        String verdict;
        if (v.isEmpty()) {
            verdict = "-";
        } else if (v.hi() <= limit) {
            verdict = "**met**";
        } else if (v.median() <= limit) {
            verdict = "within error (median met)";
        } else if (v.lo() <= limit) {
            verdict = "within error (median missed)";
        } else {
            verdict = "**missed**";
        }
        md.append("| ").append(what).append(" | ").append(interval(v)).append(' ').append(unit).append(" | ")
                .append(verdict).append(" |\n");
    }

    // ------------------------------------------------------------------ round trip

    private void roundTrip(Path dir) throws IOException {
        List<Summary> all = select("RoundTripBenchmark", s -> true);
        if (all.isEmpty()) {
            return;
        }
        md.append("## Round trip (ping-pong) latency\n\n");
        md.append("`RoundTripBenchmark`: one thread hands a token over and waits for the reply, the other answers. "
                + "Time per round trip (mean, and median of the 1,024-round-trip invocations, timed on the measuring "
                + "thread), its ratio to the floor of the same iteration, and latency percentiles of one round trip "
                + "in 64, timed on its own (so they include about "
                + "one `System.nanoTime()` call; the floor's own p50 shows how much).\n\n");
        md.append("![Round trip: ratio to the floor](roundtrip.svg)\n\n");
        List<Charts.Group> groups = new ArrayList<>();
        for (String threads : values("RoundTripBenchmark", "threads")) {
            List<Summary> rows = all.stream().filter(s -> s.param("threads").equals(threads)).toList();
            md.append("### ").append(threads).append(" threads\n\n");
            md.append("| contender | ns per round trip (mean) | median invocation, ns | floor, ns | ratio to floor ")
                    .append("| p50 | p99 | p99.9 | floor p50 | B/op | iterations |\n");
            md.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
            List<Charts.Dot> dots = new ArrayList<>();
            for (Summary s : rows) {
                md.append("| ").append(s.param("impl")).append(" | ").append(interval(s.ns)).append(" | ")
                        .append(num(s.nsMedian.median())).append(" | ")
                        .append(num(s.floor.median())).append(" | ").append(interval(s.ratio)).append(" | ")
                        .append(num(s.p50.median())).append(" | ").append(num(s.p99.median())).append(" | ")
                        .append(num(s.p999.median())).append(" | ").append(num(median(s.result, "floorP50"))).append(" | ")
                        .append(alloc(s.alloc)).append(" | ").append(s.iterations()).append(" |\n");
                dots.add(new Charts.Dot(s.param("impl"), s.ratio, Charts.color(s.param("impl"))));
            }
            md.append('\n');
            groups.add(new Charts.Group(threads + " threads", dots));
        }
        Files.writeString(dir.resolve("roundtrip.svg"), Charts.dots(
                "Round trip: time per round trip / busy-spin floor (lower is better; median, 95% interval)",
                "ratio to the floor measured around the same iteration (log scale)", groups,
                List.of(new Charts.Reference(1, "floor"), new Charts.Reference(1.5, "1.5x"))));
    }

    private static double median(Result r, String metric) {
        return Stats.median(r.values(metric)).median();
    }

    // ------------------------------------------------------------------ stream

    private void stream(Path dir) throws IOException {
        List<Summary> all = select("StreamBenchmark", s -> true);
        if (all.isEmpty()) {
            return;
        }
        md.append("## One-way stream, item by item\n\n");
        md.append("`StreamBenchmark`: one thread sends items one call at a time, the other receives and checks them; "
                + "the time runs until the receiver has consumed every item. Rendezvous contenders (ours, the JDK's, "
                + "jox) hand each item over synchronously; `joxBuffered` (capacity 16), JCTools and Agrona (capacity "
                + "1024) let the producer run ahead. *÷ floor*: ns per item divided by the floor round trip of the same "
                + "iteration; *vs jox*: our time per item as a multiple of jox's (below 1: faster).\n\n");
        md.append("![Stream: time per item / floor](stream.svg)\n\n");
        List<Charts.Group> groups = new ArrayList<>();
        for (String threads : values("StreamBenchmark", "threads")) {
            Summary jox = find("StreamBenchmark", "jox", threads, null);
            md.append("### ").append(threads).append(" threads\n\n");
            md.append("| contender | ns per item | ÷ floor | vs jox | B/op | iterations |\n|---|--:|--:|--:|--:|--:|\n");
            List<Charts.Dot> dots = new ArrayList<>();
            for (Summary s : all) {
                if (!s.param("threads").equals(threads)) {
                    continue;
                }
                md.append("| ").append(s.param("impl")).append(" | ").append(interval(s.ns)).append(" | ")
                        .append(interval(s.ratio)).append(" | ")
                        .append(jox == null ? "-" : interval(s.ratio.over(jox.ratio))).append(" | ").append(alloc(s.alloc))
                        .append(" | ").append(s.iterations()).append(" |\n");
                dots.add(new Charts.Dot(s.param("impl"), s.ratio, Charts.color(s.param("impl"))));
            }
            md.append('\n');
            groups.add(new Charts.Group(threads + " threads", dots));
        }
        Files.writeString(dir.resolve("stream.svg"), Charts.dots(
                "One-way stream: time per item / floor round trip (lower is better)",
                "ns per item divided by the floor round trip of the same iteration (log scale)", groups,
                List.of(new Charts.Reference(1, "floor"))));
    }

    // ------------------------------------------------------------------ batch

    private void batch(Path dir) throws IOException {
        List<Summary> all = select("BatchBenchmark", s -> true);
        if (all.isEmpty()) {
            return;
        }
        md.append("## Batched one-way stream\n\n");
        md.append("`BatchBenchmark`: the same stream moved `batch` items at a time: our `sendAll` / `receiveInto`, "
                + "JCTools `SpscArrayQueue` `fill` / `drain`, Agrona `OneToOneConcurrentArrayQueue` `offer` / `drain` "
                + "(capacity 8192). A batch's time per item does not scale with the floor (copying dominates), so "
                + "contenders are compared *at the same placement*: *near* and *far* are the iterations whose floor was "
                + "below and above " + fmt(NEAR_FLOOR_LIMIT) + " ns (the machine's two speeds), with their raw ns per item "
                + "(and how many iterations ran there); *vs JCTools*: time per item as a multiple of JCTools' at the same "
                + "placement, batch size and thread kind (below 1: faster). Raw figures from different placements do not "
                + "compare.\n\n");
        md.append("![Batches: time per item / floor](batch.svg)\n\n");
        List<String> batches = values("BatchBenchmark", "batch");
        List<String> threadKinds = values("BatchBenchmark", "threads");
        List<Charts.Panel> panels = new ArrayList<>();
        for (String threads : threadKinds) {
            md.append("### ").append(threads).append(" threads\n\n");
            md.append("| batch | contender | ns per item | ÷ floor | near: ns per item | vs JCTools | far: ns per item "
                    + "| vs JCTools | B/op | iterations |\n")
                    .append("|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|\n");
            for (String b : batches) {
                Summary jct = find("BatchBenchmark", "jctools", threads, b);
                for (Summary s : all) {
                    if (!s.param("threads").equals(threads) || !s.param("batch").equals(b)) {
                        continue;
                    }
                    md.append("| ").append(b).append(" | ").append(s.param("impl")).append(" | ").append(interval(s.ns))
                            .append(" | ").append(interval(s.ratio));
                    for (boolean near : List.of(true, false)) {
                        Interval ours = nsAt(s, near);
                        Interval theirs = jct == null ? Stats.EMPTY : nsAt(jct, near);
                        md.append(" | ").append(ours.isEmpty() ? "-" : ours.n() == 1 ? interval(ours)
                                : interval(ours) + " (" + ours.n() + " iterations)").append(" | ")
                                .append(ours.isEmpty() || theirs.isEmpty() ? "-" : interval(ours.over(theirs)));
                    }
                    md.append(" | ").append(alloc(s.alloc)).append(" | ").append(s.iterations()).append(" |\n");
                }
            }
            md.append('\n');
            List<Charts.Series> series = new ArrayList<>();
            for (String impl : values("BatchBenchmark", "impl")) {
                List<Charts.Point> points = new ArrayList<>();
                for (int i = 0; i < batches.size(); i++) {
                    Summary s = find("BatchBenchmark", impl, threads, batches.get(i));
                    if (s != null) {
                        points.add(new Charts.Point(i, s.ratio));
                    }
                }
                series.add(new Charts.Series(impl, Charts.color(impl), !impl.startsWith("channels"), points));
            }
            panels.add(new Charts.Panel("Batched stream, " + threads + " threads: time per item / floor round trip",
                    batches, "items per batch", "ns per item / floor (log)", series));
        }
        Files.writeString(dir.resolve("batch.svg"), Charts.lines(panels));
    }

    // ------------------------------------------------------------------ many pairs

    private void manyPairs(Path dir) throws IOException {
        List<Summary> all = select("ManyPairsBenchmark", s -> true);
        if (all.isEmpty()) {
            return;
        }
        md.append("## Many pairs: 1,000 virtual-thread pairs at once\n\n");
        md.append("`ManyPairsBenchmark`: 1,000 pairs of virtual threads ping-pong at the same time on the carrier "
                + "threads (one per core): each invocation releases all pairs for 100 round trips each and waits for "
                + "all. Wall time per round trip over all pairs; no floor (compare the rows of one run). "
                + "*vs SynchronousQueue*: as a multiple of the SynchronousQueue pairs' time.\n\n");
        md.append("![Many pairs](manypairs.svg)\n\n");
        Summary sq = all.stream().filter(s -> s.param("impl").equals("synchronousQueue")).findFirst().orElse(null);
        md.append("| contender | ns per round trip (all pairs) | vs SynchronousQueue ")
                .append("| process CPU per round trip, ns | B/op | iterations |\n");
        md.append("|---|--:|--:|--:|--:|--:|\n");
        List<Charts.Dot> dots = new ArrayList<>();
        for (Summary s : all) {
            md.append("| ").append(s.param("impl")).append(" | ").append(interval(s.ns)).append(" | ")
                    .append(sq == null ? "-" : interval(s.ns.over(sq.ns))).append(" | ").append(num(s.cpu.median()))
                    .append(" | ").append(alloc(s.alloc)).append(" | ").append(s.iterations()).append(" |\n");
            dots.add(new Charts.Dot(s.param("impl"), s.ns, Charts.color(s.param("impl"))));
        }
        md.append('\n');
        Files.writeString(dir.resolve("manypairs.svg"), Charts.dots(
                "1,000 virtual-thread pairs: wall time per round trip (lower is better)", "ns per round trip (log scale)",
                List.of(new Charts.Group("virtual threads", dots)), List.of()));
    }

    // ------------------------------------------------------------------ alternation (select): targets

    /** The contender of the select benchmarks our Selector appears as by default. */
    static final String SELECT_OURS = "channels-spinThenPark";
    /** "Flat from 10 to 1,000 clients": the 1,000-client server's time per request within this of the 10-client one's. */
    static final double FLAT_LIMIT = 1.5;

    /** One result of {@code SelectBenchmark} (method {@code fanIn}, {@code server} or {@code workerPool}). */
    private Summary selectFind(String method, String impl, String threads) {
        for (Result r : results) {
            if (r.benchmark.equals("SelectBenchmark") && r.method.equals(method) && r.param("impl").equals(impl)
                    && r.param("threads").equals(threads)) {
                return summarize(r);
            }
        }
        return null;
    }

    /** One result of {@code ManyClientsBenchmark}. */
    private Summary clientsFind(String impl, int clients) {
        for (Result r : results) {
            if (r.benchmark.equals("ManyClientsBenchmark") && r.param("impl").equals(impl)
                    && r.param("clients").equals(String.valueOf(clients))) {
                return summarize(r);
            }
        }
        return null;
    }

    /**
     * The budgets of DESIGN.md's "Alternation" (issue 11): ahead of jox's select on both kinds of
     * thread and of Go's select (fan-in and server), a select over 2 endpoints within 1.5x of a single
     * endpoint's round trip, the 1,000-client server within 2x of 1,000 pairs and flat from 10 to
     * 1,000 clients, the worker pool against a shared {@code SynchronousQueue} and jox, and 0 B/op
     * where nothing parks.
     */
    private void selectTargets() {
        String[][] workloads = {{"fanIn", "Fan-in (2 producers)", "time per item"},
            {"server", "Server (2 clients)", "time per request"}};
        for (String[] w : workloads) {
            for (String threads : List.of("platform", "virtual")) {
                Summary ours = selectFind(w[0], SELECT_OURS, threads);
                Summary jox = selectFind(w[0], "jox", threads);
                if (ours != null && jox != null) {
                    target(w[1] + ", " + threads + " threads, `" + SELECT_OURS + "`: ahead of jox's `Select.select`",
                            ours.ratio.over(jox.ratio), 1.0, "x jox's " + w[2]);
                }
            }
            goTarget(w[0].equals("fanIn") ? "SelectFanIn" : "SelectServer", selectFind(w[0], SELECT_OURS, "platform"),
                    w[1] + ", platform threads, `" + SELECT_OURS + "`", "Go's select (GOMAXPROCS=2)");
        }
        for (String threads : List.of("platform", "virtual")) {
            Summary two = selectFind("server", "oneActive-spinThenPark", threads);
            Summary one = selectFind("server", "single-spinThenPark", threads);
            if (two != null && one != null) {
                target("Select over 2 endpoints (1 active client), " + threads
                        + " threads: within 1.5x of a single endpoint's round trip", two.ratio.over(one.ratio), 1.5,
                        "x the single endpoint's time per request");
            }
        }
        Summary c1000 = clientsFind(SELECT_OURS, 1000);
        Summary p1000 = clientsFind("pairs-" + SELECT_OURS, 1000);
        if (c1000 != null && p1000 != null) {
            target("Server with 1,000 clients, virtual threads: within 2x of 1,000 independent pairs per request",
                    c1000.ns.over(p1000.ns), 2.0, "x the pairs' time per round trip");
        }
        Summary c10 = clientsFind(SELECT_OURS, 10);
        if (c1000 != null && c10 != null) {
            Summary p10 = clientsFind("pairs-" + SELECT_OURS, 10);
            target("Server, virtual threads: flat from 10 to 1,000 clients (1,000 within " + fmt(FLAT_LIMIT)
                    + "x of 10, per request" + (p10 != null && p1000 != null ? "; pairs: "
                    + interval(p1000.ns.over(p10.ns)) + " x" : "") + ")", c1000.ns.over(c10.ns), FLAT_LIMIT,
                    "x the 10-client time per request");
        }
        for (String threads : List.of("platform", "virtual")) {
            Summary ours = selectFind("workerPool", SELECT_OURS, threads);
            for (String other : List.of("synchronousQueue", "jox")) {
                Summary o = selectFind("workerPool", other, threads);
                if (ours != null && o != null) {
                    target("Worker pool of 4, " + threads + " threads: more jobs per second than "
                            + (other.equals("jox") ? "jox (one shared rendezvous channel)" : "a shared `SynchronousQueue`")
                            + " (ours: " + jobsPerSecond(ours) + ", theirs: " + jobsPerSecond(o) + ")",
                            ours.ratio.over(o.ratio), 1.0, "x their time per job");
                }
            }
        }
        for (String method : List.of("fanIn", "server", "workerPool")) {
            for (Result r : results) {
                if (r.benchmark.equals("SelectBenchmark") && r.method.equals(method)
                        && r.param("impl").startsWith("channels-")
                        && (r.param("threads").equals("platform") || r.param("impl").equals("channels-busySpin"))) {
                    Summary s = summarize(r);
                    String what = "select, " + method + ", `" + r.param("impl").substring("channels-".length()) + "`";
                    String measured = Double.isNaN(s.alloc) ? "not measured"
                            : String.format(Locale.ROOT, "%.4f", s.alloc) + " B/op (JMH `gc.alloc.rate.norm`: "
                                    + (Double.isNaN(s.jmhAlloc) ? "not run with `-prof gc`"
                                            : String.format(Locale.ROOT, "%.4f", s.jmhAlloc)) + ")";
                    String verdict = Double.isNaN(s.alloc) ? "-" : s.alloc < ZERO_ALLOC ? "**met** (0 B/op)" : "**missed**";
                    md.append("| 0 B/op: ").append(what).append(", ").append(r.param("threads"))
                            .append(" threads (").append(r.param("threads").equals("platform")
                                    ? "a platform thread's park allocates nothing" : "busy spin: no parking")
                            .append(") | ").append(measured).append(" | ").append(verdict).append(" |\n");
                }
            }
        }
    }

    /** Jobs per second from a worker pool's median time per job. */
    static String jobsPerSecond(Summary s) {
        double ns = s.nsMedian.isEmpty() ? s.ns.median() : s.nsMedian.median();
        return Double.isNaN(ns) || ns <= 0 ? "-" : String.format(Locale.ROOT, "%,.0f jobs/s", 1e9 / ns);
    }

    // ------------------------------------------------------------------ alternation (select): tables

    private void select(Path dir) throws IOException {
        if (results.stream().noneMatch(r -> r.benchmark.equals("SelectBenchmark"))) {
            return;
        }
        md.append("## Alternation (select): fan-in, server, worker pool\n\n");
        md.append("`SelectBenchmark`: the selecting thread (consumer, server or dispatcher) is the rig's measuring "
                + "thread; one peer is the rig's partner and the others run on threads of the same kind (they wait on "
                + "their contender while the floor is measured). `channels-*`: our `Selector` (fan-in: `Selector.fanIn`; "
                + "server: `Selector.of` and `a = a.send(reply)`, `channelsPost-*` the same with `Arrival.post` and "
                + "`select` as two calls; pool: `Selector.of` and `Arrival.post`); `single-*`: one endpoint, no select (fan-in: the "
                + "one-way stream of one producer; server: a ping-pong on one channel); `oneActive-*`: a server selecting "
                + "over 2 endpoints of which one has a client; `jox`: `Select.select` over rendezvous channels (clauses "
                + "reused), for the pool one shared rendezvous channel; `synchronousQueue`: one shared queue (server: "
                + "replies through one queue per client). *vs jox*: the ratio to the floor divided by jox's, same "
                + "workload and threads.\n\n");
        md.append("![Select](select.svg)\n\n");
        String[][] methods = {{"fanIn", "Fan-in: 2 producers, 1 consumer", "item"},
            {"server", "Server: 2 clients, request and reply", "request"},
            {"workerPool", "Worker pool: 1 dispatcher, 4 workers", "job"}};
        List<Charts.Group> groups = new ArrayList<>();
        for (String[] m : methods) {
            List<String> impls = new ArrayList<>();
            List<String> kinds = new ArrayList<>();
            for (Result r : results) {
                if (r.benchmark.equals("SelectBenchmark") && r.method.equals(m[0])) {
                    if (!impls.contains(r.param("impl"))) {
                        impls.add(r.param("impl"));
                    }
                    if (!kinds.contains(r.param("threads"))) {
                        kinds.add(r.param("threads"));
                    }
                }
            }
            if (impls.isEmpty()) {
                continue;
            }
            boolean pool = m[0].equals("workerPool");
            md.append("### ").append(m[1]).append("\n\n");
            md.append("| threads | contender | ns per ").append(m[2]).append(" (mean) | median | ÷ floor | vs jox")
                    .append(pool ? " | jobs/s" : "").append(" | B/op | iterations |\n");
            md.append("|---|---|--:|--:|--:|--:|").append(pool ? "--:|" : "").append("--:|--:|\n");
            for (String threads : kinds) {
                List<Charts.Dot> dots = new ArrayList<>();
                Summary jox = selectFind(m[0], "jox", threads);
                for (String impl : impls) {
                    Summary s = selectFind(m[0], impl, threads);
                    if (s == null) {
                        continue;
                    }
                    md.append("| ").append(threads).append(" | ").append(impl).append(" | ").append(interval(s.ns))
                            .append(" | ").append(interval(s.nsMedian)).append(" | ").append(interval(s.ratio))
                            .append(" | ").append(jox == null ? "-" : interval(s.ratio.over(jox.ratio)));
                    if (pool) {
                        md.append(" | ").append(jobsPerSecond(s));
                    }
                    md.append(" | ").append(alloc(s.alloc)).append(" | ").append(s.iterations()).append(" |\n");
                    dots.add(new Charts.Dot(impl, s.ratio, Charts.color(impl)));
                }
                groups.add(new Charts.Group(m[0] + ", " + threads + " threads", dots));
            }
            md.append('\n');
        }
        Files.writeString(dir.resolve("select.svg"), Charts.dots(
                "Select: time per operation / floor round trip (lower is better)", "ratio to the floor (log scale)",
                groups, List.of()));
    }

    private void manyClients(Path dir) throws IOException {
        List<Summary> all = select("ManyClientsBenchmark", s -> true);
        if (all.isEmpty()) {
            return;
        }
        md.append("## Many clients: one selecting server against as many pairs\n\n");
        md.append("`ManyClientsBenchmark`: N client virtual threads each do 100,000 / N request and reply round trips "
                + "per invocation, all released at once (as in the many-pairs benchmark; at N = 1,000 it is its 100 "
                + "round trips each). `channels-*`: one server thread selecting over the N channels; "
                + "`pairs-*`: N independent pairs, no server; `synchronousQueue`: one server thread, one shared request "
                + "queue, one reply queue per client. Wall time per request over all clients; no floor (compare the "
                + "rows of one run). *vs pairs*: as a multiple of the pairs' time at the same N.\n\n");
        md.append("![Many clients](manyclients.svg)\n\n");
        md.append("| clients | contender | ns per request (all clients) | vs pairs | process CPU per request, ns | B/op "
                + "| iterations |\n|--:|---|--:|--:|--:|--:|--:|\n");
        List<Charts.Group> groups = new ArrayList<>();
        for (String n : values("ManyClientsBenchmark", "clients")) {
            List<Charts.Dot> dots = new ArrayList<>();
            for (Summary s : all) {
                if (!s.param("clients").equals(n)) {
                    continue;
                }
                Summary pairs = clientsFind("pairs-" + SELECT_OURS, Integer.parseInt(n));
                md.append("| ").append(n).append(" | ").append(s.param("impl")).append(" | ").append(interval(s.ns))
                        .append(" | ").append(pairs == null ? "-" : interval(s.ns.over(pairs.ns))).append(" | ")
                        .append(num(s.cpu.median())).append(" | ").append(alloc(s.alloc)).append(" | ")
                        .append(s.iterations()).append(" |\n");
                dots.add(new Charts.Dot(s.param("impl"), s.ns, Charts.color(s.param("impl"))));
            }
            groups.add(new Charts.Group(n + " clients", dots));
        }
        md.append('\n');
        Files.writeString(dir.resolve("manyclients.svg"), Charts.dots(
                "Many clients on virtual threads: wall time per request (lower is better)", "ns per request (log scale)",
                groups, List.of()));
    }

    // ------------------------------------------------------------------ wait strategy

    private void waitStrategy(Path dir) throws IOException {
        List<Summary> all = select("WaitStrategyBenchmark", s -> true);
        if (all.isEmpty()) {
            return;
        }
        md.append("## Wait strategies and the spin budget\n\n");
        md.append("`WaitStrategyBenchmark`: a round trip on our channel whose partner answers after `delay` of busy "
                + "work; the measuring thread is the one that waits. *overhead*: round trip minus the delay. "
                + "*waiter CPU*: CPU time of the waiting thread per round trip (platform threads; the JDK does not "
                + "measure a virtual thread's CPU time). *process CPU*: the whole process's CPU per round trip, which "
                + "includes the partner's busy work (about `delay`). `spinThenPark-N` spins N times on either kind of "
                + "thread, then yields 2 times, then parks; `spinThenPark` is the default (1,024 spins on platform "
                + "threads, 4 to 1,024 adapted per endpoint on virtual threads, then 2 yields).\n\n");
        md.append("![Wait strategies](waitstrategy.svg)\n\n");
        List<String> delays = values("WaitStrategyBenchmark", "delayNanos");
        List<String> strategies = values("WaitStrategyBenchmark", "strategy");
        List<String> delayLabels = delays.stream()
                .map(d -> Long.parseLong(d) == 0 ? "0" : fmt(Long.parseLong(d) / 1000.0) + " µs").toList();
        List<Charts.Panel> panels = new ArrayList<>();
        for (String threads : values("WaitStrategyBenchmark", "threads")) {
            md.append("### ").append(threads).append(" threads\n\n");
            md.append("| delay | strategy | ns per round trip | overhead, ns | p50 | p99 | waiter CPU, ns ")
                    .append("| process CPU, ns | iterations |\n");
            md.append("|--:|---|--:|--:|--:|--:|--:|--:|--:|\n");
            for (int d = 0; d < delays.size(); d++) {
                for (String strategy : strategies) {
                    Summary s = waitFind(all, strategy, delays.get(d), threads);
                    if (s == null) {
                        continue;
                    }
                    double delay = Double.parseDouble(delays.get(d));
                    md.append("| ").append(delayLabels.get(d)).append(" | ").append(strategy).append(" | ")
                            .append(interval(s.ns)).append(" | ").append(num(s.ns.median() - delay)).append(" | ")
                            .append(num(s.p50.median())).append(" | ").append(num(s.p99.median())).append(" | ")
                            .append(num(s.driverCpu.median())).append(" | ").append(num(s.cpu.median())).append(" | ")
                            .append(s.iterations()).append(" |\n");
                }
            }
            md.append('\n');
            List<Charts.Series> latency = new ArrayList<>();
            List<Charts.Series> cpu = new ArrayList<>();
            boolean platform = threads.equals("platform");
            int k = 0;
            for (String strategy : strategies) {
                List<Charts.Point> lat = new ArrayList<>();
                List<Charts.Point> c = new ArrayList<>();
                for (int d = 0; d < delays.size(); d++) {
                    Summary s = waitFind(all, strategy, delays.get(d), threads);
                    if (s != null) {
                        double delay = Double.parseDouble(delays.get(d));
                        lat.add(new Charts.Point(d, minus(s.ns, delay)));
                        c.add(new Charts.Point(d, platform ? s.driverCpu : minus(s.cpu, delay)));
                    }
                }
                java.awt.Color color = Charts.PALETTE[k++ % Charts.PALETTE.length];
                boolean dashed = !strategy.startsWith("spinThenPark");
                latency.add(new Charts.Series(strategy, color, dashed, lat));
                cpu.add(new Charts.Series(strategy, color, dashed, c));
            }
            panels.add(new Charts.Panel(threads + " threads: round trip minus the partner's delay", delayLabels,
                    "partner's busy work before answering", "ns (log)", latency));
            panels.add(new Charts.Panel(platform ? "platform threads: CPU time of the waiting thread per round trip"
                    : "virtual threads: process CPU per round trip minus the delay (estimate of waiting cost)", delayLabels,
                    "partner's busy work before answering", "ns (log)", cpu));
        }
        Files.writeString(dir.resolve("waitstrategy.svg"), Charts.lines(panels));
    }

    private static Summary waitFind(List<Summary> all, String strategy, String delay, String threads) {
        for (Summary s : all) {
            if (s.param("strategy").equals(strategy) && s.param("delayNanos").equals(delay)
                    && s.param("threads").equals(threads)) {
                return s;
            }
        }
        return null;
    }

    private static Interval minus(Interval v, double d) {
        return v.isEmpty() ? v : new Interval(v.median() - d, v.lo() - d, v.hi() - d, v.coverage(), v.n());
    }

    // ------------------------------------------------------------------ other results

    /**
     * Results of benchmarks this report has no section for (another JMH class, or another
     * program's results written in JMH's JSON format, such as the Go benchmark's {@code go.json}):
     * one row each, with what they carry.
     */
    private void others() {
        List<Result> rest = results.stream().filter(r -> !KNOWN.contains(r.benchmark)).toList();
        if (rest.isEmpty()) {
            return;
        }
        md.append("## Other results\n\n");
        md.append("Results of benchmarks without a section of their own (another JMH class, or another program's ")
                .append("results in JMH's JSON format, e.g. `go.json`), as they were measured: the median of the primary ")
                .append("score over the iterations, and *÷ floor* when the result carries a floor measured around its own ")
                .append("iterations. Raw times measured at another time or placement do not compare with the tables above ")
                .append("(see *How to read*).\n\n");
        md.append("| benchmark | parameters | score | unit | ÷ floor | iterations |\n|---|---|--:|---|--:|--:|\n");
        for (Result r : rest) {
            Summary s = summarize(r);
            StringBuilder params = new StringBuilder();
            r.params.forEach((k, v) -> params.append(params.isEmpty() ? "" : ", ").append(k).append('=').append(v));
            md.append("| ").append(r.name).append(" | ").append(params).append(" | ").append(interval(s.ns)).append(" | ")
                    .append(r.metric(Result.PRIMARY).unit()).append(" | ").append(interval(s.ratio)).append(" | ")
                    .append(s.iterations()).append(" |\n");
        }
        md.append('\n');
    }

    // ------------------------------------------------------------------ allocation

    private void allocation() {
        String[][] ops = {{"RoundTripBenchmark", "send (round trip)"}, {"StreamBenchmark", "send / receive"},
            {"BatchBenchmark", "sendAll / receiveInto"}};
        List<String> measured = Arrays.stream(ops).map(op -> op[0]).toList();
        if (results.stream().noneMatch(r -> measured.contains(r.benchmark))) {
            return; // no round trip, stream or batch of ours in this run (a fresh or work run): no table
        }
        boolean any = results.stream().anyMatch(r -> measured.contains(r.benchmark)
                && (r.has("gc.alloc.rate.norm") || r.has("allocPerOp")));
        md.append("## Allocation per operation\n\n");
        if (!any) {
            md.append("Not measured in this run (run with `-prof gc`).\n\n");
            return;
        }
        md.append("Bytes allocated per operation (round trip or item) by our channel: *rig*, counted around the timed ")
                .append("invocations only, and *JMH*, `gc.alloc.rate.norm`, which also counts what JMH and the rig allocate once ")
                .append("per iteration. Busy spin never parks; ")
                .append("spin-then-park parks when the other side is slow to answer; park always parks. A virtual thread ")
                .append("that parks (or yields) makes the JDK allocate for its stack; a platform thread's park allocates ")
                .append("nothing. Values below ").append(ZERO_ALLOC).append(" are per-iteration residue.\n\n");
        md.append("| operation | strategy | batch | platform, rig | platform, JMH | virtual, rig | virtual, JMH |\n");
        md.append("|---|---|--:|--:|--:|--:|--:|\n");
        for (String[] op : ops) {
            for (Result r : results) {
                if (!r.benchmark.equals(op[0]) || !r.param("impl").startsWith("channels-")
                        || !r.param("threads").equals("platform")) {
                    continue;
                }
                Summary p = summarize(r);
                Summary v = find(op[0], r.param("impl"), "virtual", r.params.containsKey("batch") ? r.param("batch") : null);
                md.append("| ").append(op[1]).append(" | ").append(r.param("impl").substring("channels-".length())).append(" | ")
                        .append(r.params.containsKey("batch") ? r.param("batch") : "").append(" | ").append(alloc(p.alloc))
                        .append(" | ").append(alloc(p.jmhAlloc)).append(" | ").append(v == null ? "-" : alloc(v.alloc))
                        .append(" | ").append(v == null ? "-" : alloc(v.jmhAlloc)).append(" |\n");
            }
        }
        md.append('\n');
    }

    // ------------------------------------------------------------------ formatting

    static String interval(Interval v) {
        if (v == null || v.isEmpty()) {
            return "-";
        }
        if (v.n() == 1) {
            return num(v.median()) + " (1 iteration)";
        }
        return num(v.median()) + " [" + num(v.lo()) + ", " + num(v.hi()) + "]" + (v.coverage() < Stats.LEVEL - 1e-9
                ? " (" + Math.round(v.coverage() * 100) + "%)" : "");
    }

    static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "-";
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 0.01 || a == 0) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.2g", v);
    }

    private static String alloc(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (v == 0) {
            return "0";
        }
        return v < ZERO_ALLOC ? "0 (" + String.format(Locale.ROOT, "%.3f", v) + ")" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    @Override
    public String toString() {
        return "Report[" + results.size() + " results, " + Objects.toString(env.get("date")) + "]";
    }
}
