package dev.channels.bench;

import dev.channels.bench.contenders.FanIns;
import dev.channels.bench.contenders.Servers;
import dev.channels.bench.contenders.WorkerPools;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Alternation (issue 11): one thread serving several endpoints at once, side by side with jox's
 * {@code select} and the JDK's shared {@code SynchronousQueue}. Three workloads, each a
 * {@code @Benchmark} method with its own state and parameters, all measured by the {@link Rig}:
 * the driver (timed, and the floor's measuring side) is the selecting thread, the partner is one
 * of its peers, and the other peers run on helper threads of the same kind.
 * <ul>
 * <li>{@code fanIn}: 2 producers, 1 consumer taking whichever item is ready; one operation is one
 *     item ({@link FanIns}; {@code single-spinThenPark} is the one-way stream on one channel for
 *     reference).</li>
 * <li>{@code server}: 2 clients doing request/response, 1 server answering whichever request is
 *     ready; one operation is one request ({@link Servers}): the server answers with
 *     {@code a = a.send(reply)}, {@code channelsPost-spinThenPark} with {@code post} and
 *     {@code select} as two calls. {@code oneActive-spinThenPark} (a
 *     select over 2 members of which one has a client) against {@code single-spinThenPark} (a
 *     ping-pong on one channel) is the target "a select over 2 endpoints within 1.5x of a single
 *     endpoint's round trip".</li>
 * <li>{@code workerPool}: a dispatcher and 4 workers; one operation is one job handed over
 *     ({@link WorkerPools}); the report turns the time per job into jobs per second.</li>
 * </ul>
 * Our channel appears as {@code channels-<strategy>} (the default strategy by default; e.g.
 * {@code -p impl=channels-busySpin} on request). Read {@code ns}, {@code nsMedian} and
 * {@code ratio} as in the other rig benchmarks; the floor is measured by the driver and the
 * partner while the helpers wait on their contender.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SelectBenchmark {
    /** Items per invocation of {@code fanIn}. */
    public static final int FAN_IN_OPS = 4096;
    /** Requests per invocation of {@code server}. */
    public static final int SERVER_OPS = 1024;
    /** Jobs per invocation of {@code workerPool}. */
    public static final int POOL_OPS = 1024;

    /** Fan-in: 2 producers, 1 consumer. */
    @State(Scope.Thread)
    public static class FanIn extends RigBenchmark {
        /** The contender (see {@link FanIns}). */
        @Param({"channels-spinThenPark", "single-spinThenPark", "jox", "synchronousQueue"})
        public String impl;

        /** The kind of every thread: platform or virtual. */
        @Param({"platform", "virtual"})
        public String threads;

        @Override
        protected Rig startRig() {
            ThreadKind kind = ThreadKind.of(threads);
            return Rig.start(kind, FanIns.create(impl, kind), FAN_IN_OPS, 1);
        }
    }

    /** A server with 2 clients. */
    @State(Scope.Thread)
    public static class Server extends RigBenchmark {
        /** The contender (see {@link Servers}). */
        @Param({"channels-spinThenPark", "channelsPost-spinThenPark", "oneActive-spinThenPark", "single-spinThenPark", "jox",
            "synchronousQueue"})
        public String impl;

        /** The kind of every thread: platform or virtual. */
        @Param({"platform", "virtual"})
        public String threads;

        @Override
        protected Rig startRig() {
            ThreadKind kind = ThreadKind.of(threads);
            return Rig.start(kind, Servers.create(impl, kind), SERVER_OPS, 1);
        }
    }

    /** A dispatcher and 4 workers. */
    @State(Scope.Thread)
    public static class WorkerPool extends RigBenchmark {
        /** The contender (see {@link WorkerPools}). */
        @Param({"channels-spinThenPark", "synchronousQueue", "jox"})
        public String impl;

        /** The kind of every thread: platform or virtual. */
        @Param({"platform", "virtual"})
        public String threads;

        @Override
        protected Rig startRig() {
            ThreadKind kind = ThreadKind.of(threads);
            return Rig.start(kind, WorkerPools.create(impl, kind), POOL_OPS, 1);
        }
    }

    /**
     * {@value #FAN_IN_OPS} items taken by the consumer.
     *
     * @param s the trial's state
     */
    @Benchmark
    @OperationsPerInvocation(FAN_IN_OPS)
    public void fanIn(FanIn s) {
        s.rig.invoke();
    }

    /**
     * {@value #SERVER_OPS} requests answered by the server.
     *
     * @param s the trial's state
     */
    @Benchmark
    @OperationsPerInvocation(SERVER_OPS)
    public void server(Server s) {
        s.rig.invoke();
    }

    /**
     * {@value #POOL_OPS} jobs handed to the workers.
     *
     * @param s the trial's state
     */
    @Benchmark
    @OperationsPerInvocation(POOL_OPS)
    public void workerPool(WorkerPool s) {
        s.rig.invoke();
    }
}
