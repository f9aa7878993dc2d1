package dev.channels.bench;

import dev.channels.bench.contenders.RoundTrips;
import dev.channels.bench.rig.Rig;
import dev.channels.bench.rig.ThreadKind;
import java.util.concurrent.TimeUnit;
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
 * Choosing the spin budget: a round trip on our channel whose partner answers after
 * {@code delayNanos} of busy work, for spin-then-park with several spin budgets, pure park and
 * busy spin. The driver is the waiting side.
 *
 * <p>Read {@code ns} (round trip, mean) and {@code ns} minus the delay (what waiting costs in
 * latency), the percentiles (every round trip is timed: {@code p50} to {@code p99.9}), and the
 * CPU time the waiting costs: {@code driverCpu}, the driver thread's CPU time per round trip
 * (platform threads only: the JDK does not measure a virtual thread's CPU time), and
 * {@code cpu}, the whole process's (which includes the partner's busy work, about
 * {@code delayNanos} per round trip).
 *
 * <p>{@code spinThenPark-N} is {@code WaitStrategy.spinThenPark(N, N, 4)}: N spins on either kind
 * of thread, then the default's 2 yields; {@code spinThenPark} is the default.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class WaitStrategyBenchmark {
    /** Round trips per invocation. */
    public static final int OPS = 256;

    /** The wait strategy of the channel (both ends). */
    @Param({"spinThenPark-0", "spinThenPark-64", "spinThenPark-256", "spinThenPark-1024", "spinThenPark-4096",
            "spinThenPark", "park", "busySpin"})
    public String strategy;

    /** The partner's busy work before each answer, in nanoseconds. */
    @Param({"0", "1000", "5000", "20000", "100000"})
    public long delayNanos;

    /** The kind of both threads: platform or virtual. */
    @Param({"platform", "virtual"})
    public String threads;

    private Rig rig;

    /** Starts the partner and warms up. */
    @Setup(Level.Trial)
    public void start() {
        rig = Rig.start(ThreadKind.of(threads), RoundTrips.channel(strategy, delayNanos), OPS, 1);
    }

    /** Floor before the iteration. */
    @Setup(Level.Iteration)
    public void beforeIteration() {
        rig.beforeIteration();
    }

    /** Floor after the iteration; publishes its figures. */
    @TearDown(Level.Iteration)
    public void afterIteration() {
        rig.afterIteration();
    }

    /** Stops the partner. */
    @TearDown(Level.Trial)
    public void stop() {
        if (rig != null) { // null if start() failed: let its exception be the one reported
            rig.close();
        }
    }

    /** {@value #OPS} round trips. */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public void roundTrip() {
        rig.invoke();
    }
}
