package dev.channels.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What {@link WorkRoundTripBenchmark}'s work costs on one thread, nothing else running: a round
 * trip there holds it twice (once per side), so its time minus twice this is what the hand-offs
 * cost.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WorkAloneBenchmark {

    /** Busy work, in consumeCPU tokens (as in WorkRoundTripBenchmark). */
    @Param({"0", "8", "16", "32", "64", "128"})
    public int work;

    /** The work once. */
    @Benchmark
    public void work() {
        Blackhole.consumeCPU(work);
    }
}
