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
 * The round trip with work between the messages: each side spends {@code work} tokens of
 * {@link org.openjdk.jmh.infra.Blackhole#consumeCPU} before it hands its next message over (the
 * driver before each request, the partner before each reply), as a handler does between receiving
 * and answering. At {@code work} 0 it is {@link RoundTripBenchmark}'s round trip.
 *
 * <p>Why it exists (ADR 0008): with nothing to do between messages, the floors answer within a few
 * nanoseconds of seeing a request, while the slot's cache line is still theirs alone, and the
 * answer's store costs no second trip between the cores; a side that answers later finds that
 * the waiting side has read the line back, and pays one more. This benchmark shows the floor, the
 * exchange floor, the channel and the JCTools pair side by side as the work grows. Compare the
 * contenders at the same {@code work} (same run), not with the rig's {@code ratio}, whose floor
 * does no work; {@link WorkAloneBenchmark} measures the work itself in the same run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = Main.AGRONA_EXPORTS)
public class WorkRoundTripBenchmark extends RigBenchmark {

    /** The contender: those whose partner does the work before each reply. */
    @Param({"singleWordFloor", "exchangeFloor", "channels-busySpin", "channels-spinThenPark", "jctools"})
    public String impl;

    /** Busy work per message on each side, in consumeCPU tokens. */
    @Param({"0", "8", "16", "32", "64", "128"})
    public int work;

    /** The kind of both threads: platform or virtual. */
    @Param({"platform"})
    public String threads;

    @Override
    protected Rig startRig() {
        return Rig.start(ThreadKind.of(threads), RoundTrips.create(impl).withWork(work),
                RoundTripBenchmark.OPS, RoundTripBenchmark.SAMPLE_PERIOD);
    }

    /** {@value RoundTripBenchmark#OPS} round trips, with the work on both sides. */
    @Benchmark
    @OperationsPerInvocation(RoundTripBenchmark.OPS)
    public void roundTrip() {
        rig.invoke();
    }
}
