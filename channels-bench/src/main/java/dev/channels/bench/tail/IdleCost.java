package dev.channels.bench.tail;

import dev.channels.Channel;
import dev.channels.ChannelClosedException;
import dev.channels.Channels;
import dev.channels.Endpoint;
import dev.channels.WaitStrategy;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The idle cost of a waiter: the CPU time a thread blocked in {@code receive()} uses once it has
 * waited {@value #GRACE_MICROS} µs, in percent of one core (target for the default strategy:
 * under 1%). Writes {@code OUTDIR/idle.json} in JMH's JSON format (benchmark
 * {@code idle.Waiter}, parameters {@code strategy} and {@code threads}) and prints a summary.
 *
 * <pre>
 * java -cp channels-bench/target/benchmarks.jar dev.channels.bench.tail.IdleCost OUTDIR [quick|thorough|smoke]
 * </pre>
 *
 * <h2>How</h2>
 * A waiter thread calls {@code receive()} on the first endpoint of a new channel (its first call:
 * it hands the start signal over and waits for the second endpoint's first value, which never
 * comes). The main thread waits until the second endpoint has started (so the waiter is inside
 * {@code receive()}), then until {@value #GRACE_MICROS} µs after the waiter's call began, reads
 * the waiter's CPU time, sleeps until {@code waitMillis} after the call began, reads it again, and
 * closes the channel, which ends the waiter's call. The figure is the CPU time between the two
 * readings over the wall time between them.
 *
 * <ul>
 * <li><b>Platform thread:</b> the waiter's own CPU time,
 *     {@link ThreadMXBean#getThreadCpuTime(long)} (nanosecond resolution on Linux). Also
 *     published: {@code firstMsCpu}, the CPU time from the call to the first reading (the spin
 *     phase).</li>
 * <li><b>Virtual thread:</b> the JDK does not measure a virtual thread's CPU time
 *     ({@code getThreadCpuTime} answers -1 for it). What can be measured is the CPU time of the
 *     carrier threads (the default scheduler's {@code ForkJoinPool} workers) over the same
 *     window: everything the waiter costs (its spinning and yielding while mounted, its parking
 *     and unmounting) plus the scheduler's own idle work, with nothing else running on them.
 *     {@code firstMsCpu} is not available.</li>
 * </ul>
 * {@code busySpin} is measured too, as a control: it must come out near 100% of a core, which
 * shows that the measurement sees a spinning waiter.
 */
public final class IdleCost {
    /** The waiter is measured from this long after its call began. */
    static final long GRACE_MICROS = 1000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Settings of one run. */
    record Settings(int repetitions, long waitMillis) {
        static Settings of(String mode) {
            return switch (mode) {
                case "smoke" -> new Settings(1, 200);
                case "quick" -> new Settings(3, 1000);
                case "thorough" -> new Settings(10, 1000);
                default -> throw new IllegalArgumentException("mode: smoke, quick or thorough, not " + mode);
            };
        }
    }

    /** One measurement: CPU time in the window, the window's length, and the CPU time before it (or -1). */
    record Sample(long cpuNanos, long windowNanos, long firstCpuNanos) {
        double percentOfCore() {
            return 100.0 * cpuNanos / windowNanos;
        }
    }

    private IdleCost() {
    }

    /**
     * Runs the measurement.
     *
     * @param args the output directory, then optionally the mode (quick by default)
     * @throws Exception if it fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: IdleCost OUTDIR [quick|thorough|smoke]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        Settings settings = Settings.of(args.length > 1 ? args[1] : "quick");
        if (!THREADS.isThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM does not measure thread CPU time");
        }
        THREADS.setThreadCpuTimeEnabled(true);
        JmhJson json = new JmhJson();
        System.out.printf("CPU time of a waiter in receive(), from %d us after its call to %d ms%n",
                GRACE_MICROS, settings.waitMillis());
        System.out.printf("%-22s %-9s %12s %14s %s%n", "strategy", "threads", "% of a core", "first ms, us", "repetitions");
        for (String strategy : List.of("default", "busySpin")) {
            for (boolean virtual : new boolean[] {false, true}) {
                measure(strategy, virtual, 1, settings.waitMillis()); // warm-up, not recorded
                Sample[] samples = new Sample[settings.repetitions()];
                for (int i = 0; i < samples.length; i++) {
                    samples[i] = measure(strategy, virtual, i, settings.waitMillis());
                }
                add(json, strategy, virtual, samples);
            }
        }
        json.write(out.resolve("idle.json"));
        System.out.println("Target: the default strategy under 1% of a core. Idle cost: " + out.resolve("idle.json"));
    }

    private static void add(JmhJson json, String strategy, boolean virtual, Sample[] samples) {
        int n = samples.length;
        double[] pct = new double[n];
        double[] cpu = new double[n];
        double[] window = new double[n];
        double[] first = new double[n];
        for (int i = 0; i < n; i++) {
            pct[i] = samples[i].percentOfCore();
            cpu[i] = samples[i].cpuNanos();
            window[i] = samples[i].windowNanos() / 1e6;
            first[i] = samples[i].firstCpuNanos() / 1e3;
        }
        JmhJson.Entry e = new JmhJson.Entry("idle.Waiter")
                .param("strategy", strategy)
                .param("threads", virtual ? "virtual" : "platform");
        e.metric("cpu", mean(pct), "% of a core", pct);
        e.metric("cpuNanos", mean(cpu), "ns", cpu);
        e.metric("windowMillis", mean(window), "ms", window);
        if (!virtual) {
            e.metric("firstMsCpu", mean(first), "us", first);
        }
        json.add(e);
        System.out.printf("%-22s %-9s %12.3f %14s %d%n", strategy, virtual ? "virtual" : "platform", mean(pct),
                virtual ? "-" : String.format("%.0f", mean(first)), n);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** One waiter, one window. */
    static Sample measure(String strategy, boolean virtual, int index, long waitMillis) throws InterruptedException {
        Channel<Object, Object> ch = strategy.equals("default") ? Channels.create()
                : Channels.create(WaitStrategy.busySpin());
        Endpoint<Object, Object> first = ch.first();
        Endpoint<Object, Object> second = ch.second();
        long[] start = new long[2]; // nanoTime and own CPU time when the call began; published by the channel
        Runnable waiter = () -> {
            start[0] = System.nanoTime();
            start[1] = virtual ? -1L : THREADS.getCurrentThreadCpuTime();
            try {
                first.receive();
                throw new IllegalStateException("the waiter received a value nobody sent");
            } catch (ChannelClosedException expected) {
                // the end of the window
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        Thread t = virtual ? Thread.ofVirtual().name("idle waiter " + index).start(waiter)
                : Thread.ofPlatform().name("idle waiter " + index).start(waiter);
        second.start(); // returns once the first endpoint started: the waiter is in receive()
        long callStart = start[0]; // written before the start signal was handed over
        sleepUntil(callStart + TimeUnit.MICROSECONDS.toNanos(GRACE_MICROS));
        Map<Long, Long> carriers0 = virtual ? carrierCpu() : Map.of();
        long cpu0 = virtual ? 0L : THREADS.getThreadCpuTime(t.threadId());
        long t0 = System.nanoTime();
        sleepUntil(callStart + TimeUnit.MILLISECONDS.toNanos(waitMillis));
        long cpu1;
        if (virtual) {
            Map<Long, Long> carriers1 = carrierCpu();
            cpu1 = 0L;
            for (Map.Entry<Long, Long> c : carriers1.entrySet()) { // a carrier that started in the window counts whole
                cpu1 += c.getValue() - carriers0.getOrDefault(c.getKey(), 0L);
            }
        } else {
            cpu1 = THREADS.getThreadCpuTime(t.threadId());
        }
        long t1 = System.nanoTime();
        if (t.getState() == Thread.State.TERMINATED) {
            throw new IllegalStateException("the waiter left receive() before the end of the window");
        }
        second.close();
        t.join(TimeUnit.SECONDS.toMillis(10));
        if (t.isAlive()) {
            throw new IllegalStateException("the waiter did not leave receive() on close");
        }
        long firstCpu = virtual ? -1L : cpu0 - start[1];
        return new Sample(cpu1 - cpu0, t1 - t0, firstCpu);
    }

    /** CPU time of every carrier thread of the default virtual-thread scheduler, by thread id. */
    private static Map<Long, Long> carrierCpu() {
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("ForkJoinPool-") && info.getThreadName().contains("worker")) {
                long c = THREADS.getThreadCpuTime(info.getThreadId());
                if (c >= 0) {
                    cpu.put(info.getThreadId(), c);
                }
            }
        }
        return cpu;
    }

    private static void sleepUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }
}
