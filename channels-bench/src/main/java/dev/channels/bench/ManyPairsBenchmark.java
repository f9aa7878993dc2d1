package dev.channels.bench;

import dev.channels.bench.contenders.RoundTrips;
import dev.channels.bench.rig.IterationMetrics;
import dev.channels.bench.rig.PingPong;
import dev.channels.bench.rig.ThreadKind;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Many pairs at once: {@value #PAIRS} pairs of virtual threads, each pair ping-ponging on its own
 * channel (or queue pair), all at the same time on the few carrier threads: far more runnable
 * threads than cores, where spinning only delays the peer that would answer (carrier
 * starvation). Each invocation releases every pinger for {@value #ROUND_TRIPS} round trips and
 * waits until all are done. One operation is one round trip; the score is wall time per round
 * trip over all pairs together.
 *
 * <p>Contenders ({@code impl}): our channel with each wait strategy, a {@code SynchronousQueue}
 * pair, a jox rendezvous pair (the same round trips as {@link RoundTripBenchmark}). Also
 * published: {@code cpu}, process CPU time per round trip.
 *
 * <p>There is no floor here (the pairs never stop waiting on their contender between
 * iterations, and a spinning floor means nothing with 2,000 threads): compare rows of one run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class ManyPairsBenchmark {
    /** Pairs of virtual threads. */
    public static final int PAIRS = 1000;
    /** Round trips per pair per invocation. */
    public static final int ROUND_TRIPS = 100;
    /** Round trips per invocation. */
    public static final int OPS = PAIRS * ROUND_TRIPS;

    /** How long one invocation may take before the benchmark fails. */
    static final long DEADLINE_SECONDS = 60;

    /**
     * The contender. {@code channels-busySpin} is left out of the defaults: with 1,000 partners
     * spinning and yielding to each other, the pingers woken by the JMH thread never get a
     * carrier and the first invocation never ends (observed on JDK 25); run it with
     * {@code -p impl=channels-busySpin} to see it fail after {@value #DEADLINE_SECONDS} s.
     */
    @Param({"channels-spinThenPark", "channels-park", "synchronousQueue", "jox"})
    public String impl;

    private final PingPong[] pairs = new PingPong[PAIRS];
    private final Thread[] pingers = new Thread[PAIRS];
    private final Thread[] partners = new Thread[PAIRS];
    private final AtomicInteger remaining = new AtomicInteger();
    private volatile int generation;
    private volatile boolean stopping;
    private volatile Thread waiter;
    private volatile Throwable failure;
    private long processCpuStart;
    private long iterationOps;

    /** Creates the pairs and starts their threads; the pingers wait for the first invocation. */
    @Setup(Level.Trial)
    public void start() {
        for (int i = 0; i < PAIRS; i++) {
            PingPong pair = RoundTrips.create(impl);
            pairs[i] = pair;
            int index = i;
            partners[i] = ThreadKind.VIRTUAL.start("partner " + i, () -> serve(pair, index));
        }
        for (int i = 0; i < PAIRS; i++) {
            PingPong pair = pairs[i];
            Thread partner = partners[i];
            pingers[i] = ThreadKind.VIRTUAL.start("pinger " + i, () -> ping(pair, partner));
        }
    }

    /** Starts counting CPU time. */
    @Setup(Level.Iteration)
    public void beforeIteration() {
        processCpuStart = processCpu();
        iterationOps = 0;
    }

    /** Publishes the process's CPU time per round trip. */
    @TearDown(Level.Iteration)
    public void afterIteration() {
        double cpu = (processCpu() - processCpuStart) / (double) Math.max(1L, iterationOps);
        IterationMetrics.publish("cpu", cpu, "ns/op");
    }

    /** Stops every thread. */
    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        stopping = true;
        for (int i = 0; i < PAIRS; i++) {
            pingers[i].interrupt(); // out of the gate, or out of a round trip cut short by a failure
            partners[i].interrupt();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        for (int i = 0; i < PAIRS; i++) {
            for (Thread t : new Thread[] {pingers[i], partners[i]}) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !t.join(java.time.Duration.ofNanos(left))) {
                    throw new IllegalStateException(impl + ": " + t + " did not stop");
                }
            }
        }
        for (PingPong p : pairs) {
            p.close();
        }
        check();
    }

    /** Every pair does {@value #ROUND_TRIPS} round trips; returns when all are done. */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public void manyPairs() {
        remaining.set(PAIRS);
        waiter = Thread.currentThread();
        generation++; // volatile: opens the gate for this round
        for (Thread t : pingers) {
            LockSupport.unpark(t);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (remaining.get() != 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException(impl + ": " + remaining.get() + " of " + PAIRS
                        + " pairs did not finish " + ROUND_TRIPS + " round trips within " + DEADLINE_SECONDS
                        + " s (carrier starvation?)");
            }
            LockSupport.parkNanos(this, left);
        }
        iterationOps += OPS;
        check();
    }

    private void ping(PingPong pair, Thread partner) {
        int seen = 0;
        try {
            for (;;) {
                while (generation == seen) {
                    if (stopping) {
                        return;
                    }
                    LockSupport.park(this); // unparked by the JMH thread, or interrupted at the end
                }
                seen++;
                pair.drive(ROUND_TRIPS);
                if (remaining.decrementAndGet() == 0) {
                    LockSupport.unpark(waiter);
                }
            }
        } catch (Throwable t) {
            fail(t); // ignored when stopping: the interrupt that ends the trial can land in a round trip
            partner.interrupt();
        }
    }

    private void serve(PingPong pair, int index) {
        try {
            pair.serve();
        } catch (InterruptedException stop) {
            // the end
        } catch (Throwable t) {
            fail(t);
            Thread pinger = pingers[index];
            if (pinger != null) {
                pinger.interrupt(); // it waits for this partner's answer
            }
        }
    }

    private void fail(Throwable t) {
        if (!stopping) {
            failure = t;
            remaining.set(0);
            LockSupport.unpark(waiter);
        }
    }

    private void check() {
        Throwable f = failure;
        if (f != null) {
            throw new IllegalStateException(impl + ": a pair failed", f);
        }
    }

    /** The CPU time of this process so far, in ns. Also ManyClientsBenchmark's. */
    static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
