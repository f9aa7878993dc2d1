package dev.channels.bench;

import dev.channels.bench.contenders.Batches;
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
 * Batched one-way stream: the same stream as {@link StreamBenchmark}, moved {@code batch} items
 * at a time. One operation is one item.
 *
 * <p>Contenders ({@code impl}, see {@link Batches}): our {@code sendAll} / {@code receiveInto}
 * with each wait strategy, JCTools {@code SpscArrayQueue} {@code fill} / {@code drain}, and
 * Agrona {@code OneToOneConcurrentArrayQueue} {@code offer} / {@code drain}, all with the same
 * batch size.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = Main.AGRONA_EXPORTS)
public class BatchBenchmark extends RigBenchmark {
    /** Items per invocation: a multiple of every batch size. */
    public static final int OPS = 16384;

    /** The contender. */
    @Param({"channels-busySpin", "channels-spinThenPark", "channels-park", "jctools", "agrona"})
    public String impl;

    /** Items per batch. */
    @Param({"1", "16", "256", "4096"})
    public int batch;

    /** The kind of both threads: platform or virtual. */
    @Param({"platform", "virtual"})
    public String threads;

    @Override
    protected Rig startRig() {
        return Rig.start(ThreadKind.of(threads), Batches.create(impl, batch), OPS, 1);
    }

    /** {@value #OPS} items in batches. */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public void batches() {
        rig.invoke();
    }
}
