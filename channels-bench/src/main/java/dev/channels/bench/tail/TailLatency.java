package dev.channels.bench.tail;

import dev.channels.bench.contenders.RoundTrips;
import dev.channels.bench.rig.IterationMetrics;
import dev.channels.bench.rig.LatencySampler;
import dev.channels.bench.rig.PingPong;
import dev.channels.bench.rig.Rig;
import dev.channels.bench.rig.ThreadKind;
import dev.channels.bench.rig.Workload;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Tail latency of single round trips: every round trip timed on its own with a pair of
 * {@link System#nanoTime()} calls into an HdrHistogram, for our channel with the default
 * strategy ({@code channels-spinThenPark}) and with {@code busySpin()}, against the single-word
 * floor ({@code singleWordFloor}) timed the same way, at one placement. Writes
 * {@code OUTDIR/tail.json} in JMH's JSON format, one entry per contender
 * ({@code tail.RoundTrip}, parameter {@code impl}), and prints a summary.
 *
 * <pre>
 * java -cp channels-bench/target/benchmarks.jar dev.channels.bench.tail.TailLatency OUTDIR [quick|thorough|smoke]
 * </pre>
 *
 * <h2>How</h2>
 * One {@link Rig} with one partner thread serves all the contenders in turn ({@link Rotation}),
 * so that no idle contender spins beside the measured one. A <i>round</i> runs each contender for
 * one segment ({@code segmentMillis} of round trips), and the rig measures its floor (the
 * single-word floor, block medians, not timed one by one) right before and right after each
 * segment. A segment whose two floors differ by more than {@value #DRIFT_LIMIT}% (the machine
 * changed speed during it) is left out. The kept segments are then split by placement (see
 * {@link #placement}), and the results are those of the placement where every contender has the
 * most segments: the histograms of those segments, merged.
 *
 * <p>Published per contender: {@code p50} (primary), {@code p90}, {@code p99}, {@code p99.9},
 * {@code p99.99}, {@code max}, {@code mean} (ns, one round trip each, including about one
 * {@code nanoTime} call), {@code p99/p50} and {@code p99.9/p50} (targets: within 3x and 10x),
 * {@code ratio} (p50 divided by the floor contender's p50, both timed alike), {@code floor} and
 * {@code drift} (the rig's floor around the segment), {@code samples}. The score of each metric is
 * computed from the merged histogram; {@code rawData} holds the same figure per kept segment.
 *
 * <p>Three contenders in one JVM make the call from the timing loop to the contender
 * megamorphic (a few ns per round trip, the same for every contender and the floor); JMH's
 * round-trip benchmark runs one contender per JVM, but cannot keep several at one placement.
 */
public final class TailLatency {
    /** The contenders, by their round-trip benchmark names. */
    static final List<String> CONTENDERS = List.of("singleWordFloor", "channels-spinThenPark", "channels-busySpin");
    /** Segments whose floor moved by more than this (percent) are left out. */
    static final double DRIFT_LIMIT = 25;
    /** Floors further apart than this factor are two placements. */
    static final double PLACEMENT_FACTOR = 1.5;
    /** Round trips per rig invocation. */
    private static final int OPS = 128;

    /** Settings of one run. */
    record Settings(int warmupRounds, int rounds, long segmentMillis) {
        static Settings of(String mode) {
            return switch (mode) {
                case "smoke" -> new Settings(1, 2, 50);
                case "quick" -> new Settings(2, 10, 200);
                case "thorough" -> new Settings(3, 40, 250);
                default -> throw new IllegalArgumentException("mode: smoke, quick or thorough, not " + mode);
            };
        }
    }

    /** One contender's run at one round: its own histogram and the floor around it. */
    record Segment(int round, Histogram histogram, double floor, double drift) {
    }

    private TailLatency() {
    }

    /**
     * Runs the measurement.
     *
     * @param args the output directory, then optionally the mode (quick by default) and
     *             {@code virtual} for virtual threads
     * @throws Exception if it fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: TailLatency OUTDIR [quick|thorough|smoke] [platform|virtual]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        Settings settings = Settings.of(args.length > 1 ? args[1] : "quick");
        ThreadKind kind = ThreadKind.of(args.length > 2 ? args[2] : "platform");
        Map<String, List<Segment>> segments = run(kind, settings);
        JmhJson json = new JmhJson();
        report(kind, segments, json, System.out);
        json.write(out.resolve("tail.json"));
        System.out.println("Tail latency: " + out.resolve("tail.json"));
    }

    /** Runs the rounds; returns every contender's segments, drifted ones included. */
    static Map<String, List<Segment>> run(ThreadKind kind, Settings s) {
        List<PingPong> contenders = new ArrayList<>();
        for (String name : CONTENDERS) {
            PingPong p = RoundTrips.create(name);
            p.sampleInto(new LatencySampler(1)); // every round trip
            contenders.add(p);
        }
        Rotation rotation = new Rotation(contenders);
        Map<String, List<Segment>> segments = new TreeMap<>();
        // the rig's own floor samples one round trip in 1024 (a timed floor round trip is slower)
        Rig rig = Rig.start(kind, rotation, OPS, 1024);
        try {
            for (int round = -s.warmupRounds(); round < s.rounds(); round++) {
                for (int i = 0; i < contenders.size(); i++) {
                    // a different order each round, so that no contender always follows the same one
                    PingPong c = contenders.get(Math.floorMod(i + round, contenders.size()));
                    Segment seg = segment(rig, rotation, c, round, s.segmentMillis());
                    if (round >= 0) {
                        segments.computeIfAbsent(c.toString(), k -> new ArrayList<>()).add(seg);
                    }
                }
            }
        } finally {
            rig.close();
        }
        return segments;
    }

    private static Segment segment(Rig rig, Rotation rotation, PingPong c, int round, long millis) {
        rotation.current = c; // the partner picks it up when the floor before the segment sends it back
        c.sampler().reset();
        IterationMetrics.drain();
        rig.beforeIteration();
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        do {
            rig.invoke();
        } while (System.nanoTime() < end);
        rig.afterIteration();
        double floor = Double.NaN;
        double drift = Double.NaN;
        for (IterationMetrics.Metric m : IterationMetrics.drain()) {
            if (m.name().equals("floor")) {
                floor = m.value();
            } else if (m.name().equals("drift")) {
                drift = m.value();
            }
        }
        Histogram h = new Histogram(TimeUnit.MINUTES.toNanos(1), 2);
        c.sampler().addTo(h);
        return new Segment(round, h, floor, drift);
    }

    /**
     * Which placement a floor belongs to: 0 for all when the kept floors are within
     * {@value #PLACEMENT_FACTOR}x of each other; otherwise 0 (near) below the geometric mean of
     * the smallest and largest floor, 1 (far) above.
     */
    static int placement(double floor, double min, double max) {
        if (max < PLACEMENT_FACTOR * min) {
            return 0;
        }
        return floor < Math.sqrt(min * max) ? 0 : 1;
    }

    /** Chooses the placement, merges the histograms, writes the JSON entries and a summary. */
    static void report(ThreadKind kind, Map<String, List<Segment>> segments, JmhJson json, java.io.PrintStream out) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (List<Segment> list : segments.values()) {
            for (Segment s : list) {
                if (s.drift() <= DRIFT_LIMIT) {
                    min = Math.min(min, s.floor());
                    max = Math.max(max, s.floor());
                }
            }
        }
        boolean anyKept = max > 0;
        // the placement at which the contender with the fewest kept segments has the most
        int best = 0;
        int bestCount = -1;
        for (int p = 0; p < 2; p++) {
            int fewest = Integer.MAX_VALUE;
            for (List<Segment> list : segments.values()) {
                int n = 0;
                for (Segment s : list) {
                    if (keep(s, p, min, max, anyKept)) {
                        n++;
                    }
                }
                fewest = Math.min(fewest, n);
            }
            if (fewest > bestCount) {
                best = p;
                bestCount = fewest;
            }
        }
        String placementName = !anyKept ? "all (every segment drifted)"
                : max < PLACEMENT_FACTOR * min ? "one" : best == 0 ? "near" : "far";
        List<Segment> floorSegments = segments.getOrDefault(CONTENDERS.get(0), List.of());
        Histogram floorMerged = merge(floorSegments, best, min, max, anyKept);
        double floorP50 = floorMerged.getValueAtPercentile(50);
        out.printf("Tail latency of single round trips, %s threads, placement: %s (floors %.0f-%.0f ns)%n",
                kind.name().toLowerCase(), placementName, min, max);
        out.printf("%-24s %8s %8s %8s %8s %9s %9s %9s %10s%n", "contender", "p50", "p99", "p99.9", "max",
                "p99/p50", "p99.9/p50", "x floor", "segments");
        for (String name : CONTENDERS) {
            List<Segment> list = segments.getOrDefault(name, List.of());
            List<Segment> kept = new ArrayList<>();
            for (Segment s : list) {
                if (keep(s, best, min, max, anyKept)) {
                    kept.add(s);
                }
            }
            Histogram h = merge(kept, 0, 0, 0, false);
            double p50 = h.getValueAtPercentile(50);
            JmhJson.Entry e = new JmhJson.Entry("tail.RoundTrip")
                    .param("impl", name)
                    .param("threads", kind.name().toLowerCase())
                    .param("placement", placementName);
            e.metric("p50", p50, "ns", each(kept, x -> x.getValueAtPercentile(50)));
            for (double p : new double[] {90, 99, 99.9, 99.99}) {
                e.metric("p" + fmt(p), h.getValueAtPercentile(p), "ns", each(kept, x -> x.getValueAtPercentile(p)));
            }
            e.metric("max", h.getMaxValue(), "ns", each(kept, x -> x.getMaxValue()));
            e.metric("mean", h.getMean(), "ns", each(kept, Histogram::getMean));
            e.metric("p99/p50", h.getValueAtPercentile(99) / p50, "x",
                    each(kept, x -> (double) x.getValueAtPercentile(99) / x.getValueAtPercentile(50)));
            e.metric("p99.9/p50", h.getValueAtPercentile(99.9) / p50, "x",
                    each(kept, x -> (double) x.getValueAtPercentile(99.9) / x.getValueAtPercentile(50)));
            e.metric("ratio", p50 / floorP50, "x", ratios(kept, floorSegments));
            e.metric("floor", median(kept.stream().mapToDouble(Segment::floor).toArray()), "ns",
                    kept.stream().mapToDouble(Segment::floor).toArray());
            e.metric("drift", median(kept.stream().mapToDouble(Segment::drift).toArray()), "%",
                    kept.stream().mapToDouble(Segment::drift).toArray());
            e.metric("samples", h.getTotalCount(), "#", each(kept, x -> x.getTotalCount()));
            e.metric("segments", kept.size(), "#", kept.size());
            e.metric("segmentsLeftOut", list.size() - kept.size(), "#", list.size() - kept.size());
            json.add(e);
            out.printf("%-24s %8.0f %8.0f %8.0f %8d %9.2f %9.2f %9.2f %6d of %d%n", name, p50,
                    (double) h.getValueAtPercentile(99), (double) h.getValueAtPercentile(99.9), h.getMaxValue(),
                    h.getValueAtPercentile(99) / p50, h.getValueAtPercentile(99.9) / p50, p50 / floorP50,
                    kept.size(), list.size());
        }
        out.println("Targets: p99/p50 within 3, p99.9/p50 within 10 (times include about one nanoTime call).");
    }

    private static boolean keep(Segment s, int placement, double min, double max, boolean anyKept) {
        if (!anyKept) {
            return true; // every segment drifted: keep them all (the placement says so)
        }
        return s.drift() <= DRIFT_LIMIT && placement(s.floor(), min, max) == placement;
    }

    private static Histogram merge(List<Segment> list, int placement, double min, double max, boolean filter) {
        Histogram h = new Histogram(TimeUnit.MINUTES.toNanos(1), 2);
        for (Segment s : list) {
            if (!filter || keep(s, placement, min, max, true)) {
                h.add(s.histogram());
            }
        }
        return h;
    }

    /** Per kept segment: its p50 over the floor contender's p50 in the same round, if that was kept too. */
    private static double[] ratios(List<Segment> kept, List<Segment> floors) {
        List<Double> r = new ArrayList<>();
        for (Segment s : kept) {
            for (Segment f : floors) {
                if (f.round() == s.round() && f.drift() <= DRIFT_LIMIT) {
                    r.add((double) s.histogram().getValueAtPercentile(50) / f.histogram().getValueAtPercentile(50));
                }
            }
        }
        return r.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double[] each(List<Segment> list, java.util.function.ToDoubleFunction<Histogram> f) {
        return list.stream().mapToDouble(s -> f.applyAsDouble(s.histogram())).toArray();
    }

    private static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String fmt(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
    }

    /**
     * Several round-trip contenders behind one workload, so that one rig (one partner thread)
     * serves them in turn. The driver sets {@link #current} only between segments, while the
     * partner is away in the rig's floor; the partner reads it when it comes back (the rig's
     * interrupt orders the write before that read, and the field is volatile).
     */
    static final class Rotation implements Workload {
        private final List<PingPong> all;
        volatile PingPong current;

        Rotation(List<PingPong> all) {
            this.all = List.copyOf(all);
            this.current = all.get(0);
        }

        @Override
        public void drive(int n) throws InterruptedException {
            current.drive(n);
        }

        @Override
        public void serve() throws InterruptedException {
            current.serve();
        }

        @Override
        public void close() {
            all.forEach(Workload::close);
        }

        @Override
        public String toString() {
            return "tail rotation";
        }
    }
}
