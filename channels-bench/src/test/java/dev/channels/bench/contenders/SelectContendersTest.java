package dev.channels.bench.contenders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.bench.rig.IterationMetrics;
import dev.channels.bench.rig.Rig;
import dev.channels.bench.rig.ThreadKind;
import dev.channels.bench.rig.Workload;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The select contenders (fan-in, server, worker pool) under the rig as {@code SelectBenchmark}
 * uses them, on both kinds of thread: start with the slow-path warm-up, two iterations with the
 * partner paused for the floor around them (every contender must resume where it stopped), and a
 * clean stop in which every helper thread ends. They check every item, reply and result, and
 * assert nothing about speed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SelectContendersTest {

    static Stream<Arguments> fanIns() {
        return both("channels-spinThenPark", "channels-busySpin", "single-spinThenPark", "jox", "synchronousQueue");
    }

    static Stream<Arguments> servers() {
        return both("channels-spinThenPark", "channels-busySpin", "channelsPost-spinThenPark", "oneActive-spinThenPark", "single-spinThenPark", "jox",
                "synchronousQueue");
    }

    static Stream<Arguments> pools() {
        return both("channels-spinThenPark", "synchronousQueue", "jox");
    }

    private static Stream<Arguments> both(String... impls) {
        Stream.Builder<Arguments> b = Stream.builder();
        for (String impl : impls) {
            b.add(Arguments.of(impl, "platform"));
            b.add(Arguments.of(impl, "virtual"));
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("fanIns")
    void fanInPausesForTheFloorAndStops(String impl, String threads) {
        run(FanIns::create, impl, threads, 256, impl.startsWith("single-") ? 0 : FanIns.PRODUCERS - 1);
    }

    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("servers")
    void serverPausesForTheFloorAndStops(String impl, String threads) {
        boolean one = impl.startsWith("single-") || impl.startsWith("oneActive-");
        run(Servers::create, impl, threads, 128, one ? 0 : Servers.CLIENTS - 1);
    }

    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("pools")
    void workerPoolPausesForTheFloorAndStops(String impl, String threads) {
        run(WorkerPools::create, impl, threads, 128, WorkerPools.WORKERS - 1);
    }

    @Test
    void unknownNamesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> FanIns.create("nope", ThreadKind.PLATFORM));
        assertThrows(IllegalArgumentException.class, () -> Servers.create("nope", ThreadKind.PLATFORM));
        assertThrows(IllegalArgumentException.class, () -> WorkerPools.create("nope", ThreadKind.PLATFORM));
    }

    /** Closing a contender that never ran still ends its helpers (a trial whose set-up failed). */
    @Test
    void closeEndsHelpersOfAnIdleContender() {
        Workload w = Servers.create("channels-spinThenPark", ThreadKind.VIRTUAL);
        List<Thread> helpers = ((Helpers) w).helpers();
        assertEquals(1, helpers.size());
        w.close();
        assertFalse(helpers.get(0).isAlive());
    }

    /** Two iterations of three invocations, then the stop: every helper thread has ended. */
    private static void run(BiFunction<String, ThreadKind, Workload> create, String impl, String threads, int ops,
            int helpers) {
        ThreadKind kind = ThreadKind.of(threads);
        Workload w = create.apply(impl, kind);
        List<Thread> started = List.copyOf(((Helpers) w).helpers());
        assertEquals(helpers, started.size(), "helper threads of " + impl);
        Rig rig = Rig.start(kind, w, ops, 1);
        Map<String, Double> m = new HashMap<>();
        try {
            for (int iteration = 0; iteration < 2; iteration++) {
                IterationMetrics.drain();
                rig.beforeIteration();
                for (int i = 0; i < 3; i++) {
                    rig.invoke();
                }
                rig.afterIteration();
                m.clear();
                for (IterationMetrics.Metric metric : IterationMetrics.drain()) {
                    m.put(metric.name(), metric.value());
                }
                for (String name : new String[] {"ns", "nsMedian", "floor", "ratio"}) {
                    assertTrue(m.containsKey(name) && m.get(name) > 0, name + " published and positive: " + m);
                }
            }
        } finally {
            rig.close();
        }
        for (Thread t : started) {
            assertFalse(t.isAlive(), t + " still alive after close");
        }
    }
}
