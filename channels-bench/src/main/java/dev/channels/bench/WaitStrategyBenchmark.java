package dev.channels.bench;

import dev.channels.bench.contenders.RoundTrips;
import dev.channels.bench.rig.Rig;
import dev.channels.bench.rig.ThreadKind;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
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
 * <p>{@code spinThenPark-N} is {@code WaitStrategy.spinThenPark(N, N, 2)}: N spins on either kind
 * of thread, then the default's 2 yields; {@code spinThenPark} is the default.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WaitStrategyBenchmark extends RigBenchmark {
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

    @Override
    protected Rig startRig() {
        return Rig.start(ThreadKind.of(threads), RoundTrips.channel(strategy, delayNanos), OPS, 1);
    }

    /** {@value #OPS} round trips. */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public void roundTrip() {
        rig.invoke();
    }
}
