package dev.channels.bench;

import dev.channels.bench.contenders.Streams;
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
 * One-way stream, one item per call: the driver sends, the partner receives and checks every
 * item. One operation is one item; the time per invocation runs until the partner has consumed
 * every item sent, so buffered contenders get no credit for items still in their buffer.
 *
 * <p>Contenders ({@code impl}, see {@link Streams}): the one-way floor ({@code singleWordFloor}:
 * one word carrying item and turn), the protocol floor ({@code protocolFloor}: one CAS to
 * deposit, one to take), our channel ({@code send} /
 * {@code receive}) with each wait strategy, {@code SynchronousQueue}, {@code LinkedTransferQueue}
 * ({@code transfer}), jox rendezvous and buffered, JCTools and Agrona SPSC queues.
 *
 * <p>Read {@code ns} (ns per item) and {@code ratio} (ns per item divided by the floor round trip
 * of the same iteration: a placement-independent figure to compare contenders across
 * iterations); see {@link Rig}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = Main.AGRONA_EXPORTS)
public class StreamBenchmark extends RigBenchmark {
    /** Items per invocation. */
    public static final int OPS = 4096;

    /** The contender. */
    @Param({"singleWordFloor", "protocolFloor", "channels-busySpin", "channels-spinThenPark", "channels-park", "synchronousQueue",
            "linkedTransferQueue", "jox", "joxBuffered", "jctools", "agrona"})
    public String impl;

    /** The kind of both threads: platform or virtual. */
    @Param({"platform", "virtual"})
    public String threads;

    @Override
    protected Rig startRig() {
        return Rig.start(ThreadKind.of(threads), Streams.create(impl), OPS, 1);
    }

    /** {@value #OPS} items. */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public void stream() {
        rig.invoke();
    }
}
