package dev.channels.bench.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.bench.contenders.Batches;
import dev.channels.bench.contenders.RoundTrips;
import dev.channels.bench.contenders.Streams;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every contender runs under the rig as a benchmark would use it: start (with the slow-path
 * warm-up), two iterations with the floor paused in and out around them, and a clean stop. These
 * tests check that the pause and resume protocol works for each contender on both kinds of thread
 * and that every figure is published; they assert nothing about speed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RigTest {

    static Stream<Arguments> roundTrips() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (String impl : new String[] {"singleWordFloor", "protocolFloor", "oneCasFloor", "oneCasFloorOwned", "exchangeFloor", "versionedFloor", "exchangeFloor-quiet4", "versionedFloor-quiet4", "twoFieldFloor", "floor", "channels-busySpin", "channels-spinThenPark", "channels-park", "exchanger",
            "synchronousQueue", "linkedTransferQueue", "jox", "jctools", "agrona"}) {
            b.add(Arguments.of(impl, "platform"));
            b.add(Arguments.of(impl, "virtual"));
        }
        return b.build();
    }

    static Stream<Arguments> streams() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (String impl : new String[] {"singleWordFloor", "protocolFloor", "channels-busySpin", "channels-park",
            "synchronousQueue", "linkedTransferQueue", "jox", "joxBuffered", "jctools", "agrona"}) {
            b.add(Arguments.of(impl, "platform"));
        }
        b.add(Arguments.of("singleWordFloor", "virtual"));
        b.add(Arguments.of("protocolFloor", "virtual"));
        b.add(Arguments.of("channels-spinThenPark", "virtual"));
        b.add(Arguments.of("joxBuffered", "virtual"));
        b.add(Arguments.of("jctools", "virtual"));
        return b.build();
    }

    static Stream<Arguments> batches() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (String impl : new String[] {"channels-spinThenPark", "channels-busySpin", "jctools", "agrona"}) {
            for (int batch : new int[] {1, 16, 256}) {
                b.add(Arguments.of(impl, batch, "platform"));
            }
            b.add(Arguments.of(impl, 256, "virtual"));
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("roundTrips")
    void roundTripPausesForTheFloorAndStops(String impl, String threads) {
        Map<String, Double> m = run(Rig.start(ThreadKind.of(threads), RoundTrips.create(impl), 64, 64), 64);
        assertTrue(m.get("p50") > 0, "p50 " + m);
        // one round trip in 64 is timed; on virtual threads an untimed one precedes each invocation
        assertTrue(m.get("samples") >= 3 && m.get("samples") <= 4, "one round trip in 64 is timed: " + m);
        assertTrue(m.get("floorP50") > 0, "floorP50 " + m);
    }

    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("streams")
    void streamPausesForTheFloorAndStops(String impl, String threads) {
        Map<String, Double> m = run(Rig.start(ThreadKind.of(threads), Streams.create(impl), 256, 1), 256);
        assertTrue(!m.containsKey("p50"), "no percentiles for streams: " + m);
    }

    @ParameterizedTest(name = "{0}, batch {1}, {2} threads")
    @MethodSource("batches")
    void batchPausesForTheFloorAndStops(String impl, int batch, String threads) {
        run(Rig.start(ThreadKind.of(threads), Batches.create(impl, batch), 1024, 1), 1024);
    }

    @ParameterizedTest(name = "delay {0} ns")
    @MethodSource("delays")
    void waitStrategyRoundTripWithDelay(long delay) {
        Map<String, Double> m = run(Rig.start(ThreadKind.PLATFORM, RoundTrips.channel("spinThenPark-64", delay), 16, 1), 16);
        assertTrue(m.get("ns") >= delay, "a round trip takes at least the partner's delay: " + m);
        assertEquals(3 * 16, m.get("samples"), "every round trip is timed: " + m);
    }

    static Stream<Long> delays() {
        return Stream.of(0L, 20_000L);
    }

    /** Two iterations of three invocations; returns the second iteration's figures. */
    private static Map<String, Double> run(Rig rig, int opsPerInvocation) {
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
                for (String name : new String[] {"ns", "nsMedian", "floor", "floorBefore", "floorAfter", "ratio"}) {
                    assertTrue(m.containsKey(name) && m.get(name) > 0, name + " published and positive: " + m);
                }
                for (String name : new String[] {"allocPerOp", "drift", "cpu"}) { // cpu: 10 ms ticks, may be 0 here
                    assertTrue(m.containsKey(name) && m.get(name) >= 0, name + " published and not negative: " + m);
                }
                if (rig.toString().endsWith("PLATFORM]")) {
                    assertTrue(m.containsKey("driverCpu"), "driverCpu on platform threads: " + m);
                } else {
                    assertTrue(!m.containsKey("driverCpu"), "no driverCpu on virtual threads: " + m);
                }
            }
        } finally {
            rig.close();
        }
        assertTrue(opsPerInvocation > 0);
        return m;
    }
}
