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
 * Round-trip (ping-pong) latency: the driver hands a token over and waits for the reply; the
 * partner answers each request. Both threads are of the {@code threads} kind. One operation is
 * one round trip.
 *
 * <p>Contenders ({@code impl}, see {@link RoundTrips}): the floor itself ({@code singleWordFloor},
 * a control), the protocol floor ({@code protocolFloor}: one CAS to deposit and one to take per
 * hand-off, a bare exact rendezvous), the former two-field floor
 * ({@code twoFieldFloor}), our channel with each wait strategy, {@code Exchanger}, a {@code SynchronousQueue}
 * pair, a {@code LinkedTransferQueue} transfer pair, a jox rendezvous pair, a JCTools
 * {@code SpscArrayQueue} pair and an Agrona {@code OneToOneConcurrentArrayQueue} pair, both with
 * busy spin.
 *
 * <p>Read {@code ns} (mean, timed on the driver), {@code ratio} (to the floor measured by the
 * same threads right before and after the same iteration), and the sampled percentiles
 * {@code p50} to {@code p99.9}; see {@link Rig}. JMH's primary score is the same mean for
 * platform threads, and includes the hand-off from the JMH thread to the virtual driver (and one
 * untimed round trip per invocation) for virtual threads.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = Main.AGRONA_EXPORTS)
public class RoundTripBenchmark extends RigBenchmark {
    /** Round trips per invocation. */
    public static final int OPS = 1024;
    /** One round trip in this many is timed on its own, for the percentiles. */
    public static final int SAMPLE_PERIOD = 64;

    /** The contender. */
    @Param({"singleWordFloor", "protocolFloor", "oneCasFloor", "oneCasFloorOwned", "twoFieldFloor", "channels-busySpin", "channels-spinThenPark", "channels-park", "exchanger",
            "synchronousQueue", "linkedTransferQueue", "jox", "jctools", "agrona"})
    public String impl;

    /** The kind of both threads: platform or virtual. */
    @Param({"platform", "virtual"})
    public String threads;

    @Override
    protected Rig startRig() {
        return Rig.start(ThreadKind.of(threads), RoundTrips.create(impl), OPS, SAMPLE_PERIOD);
    }

    /** {@value #OPS} round trips. */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public void roundTrip() {
        rig.invoke();
    }
}
