package dev.channels.bench.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.bench.contenders.RoundTrips;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The work per message of WorkRoundTripBenchmark: which contenders take it, that every reply is
 * still right with it, and that both sides do it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WorkTest {

    @ParameterizedTest
    @ValueSource(strings = {"singleWordFloor", "exchangeFloor", "channels-busySpin", "channels-spinThenPark", "jctools", "agrona"})
    void theContendersWithWorkStillAnswerEveryRequestRight(String impl) {
        PingPong p = RoundTrips.create(impl).withWork(64);
        assertEquals(64, p.work());
        Rig rig = Rig.start(ThreadKind.PLATFORM, p, 256, 1);
        try {
            rig.beforeIteration();
            for (int i = 0; i < 4; i++) {
                rig.invoke(); // PingPong.drive checks every reply and throws on a wrong one
            }
            rig.afterIteration();
        } finally {
            rig.close();
            IterationMetrics.drain();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"exchanger", "versionedFloor", "protocolFloor", "synchronousQueue", "jox"})
    void aContenderWhosePartnerDoesNoWorkRefusesIt(String impl) {
        PingPong p = RoundTrips.create(impl);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.withWork(8));
        assertTrue(e.getMessage().contains("does no work before its replies"), e.getMessage());
        assertEquals(0, p.withWork(0).work(), "no work is always accepted");
    }

    @Test
    void negativeWorkIsRefused() {
        PingPong p = RoundTrips.create("singleWordFloor");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.withWork(-1));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
    }

    /**
     * Both sides work: a round trip holds the work twice. A lower bound only, with a wide margin
     * (1.5 times the fastest the work alone ever ran here): a missing half would leave about 1x.
     */
    @ParameterizedTest
    @ValueSource(strings = {"singleWordFloor", "channels-busySpin"})
    void aRoundTripHoldsTheWorkOfBothSides(String impl) {
        final int tokens = 20_000; // tens of microseconds: far above the hand-off's cost
        long alone = Long.MAX_VALUE;
        for (int i = 0; i < 50; i++) {
            long t0 = System.nanoTime();
            Blackhole.consumeCPU(tokens);
            alone = Math.min(alone, System.nanoTime() - t0);
        }
        PingPong p = RoundTrips.create(impl).withWork(tokens);
        Rig rig = Rig.start(ThreadKind.PLATFORM, p, 16, 1);
        long best = Long.MAX_VALUE;
        try {
            rig.beforeIteration();
            for (int i = 0; i < 8; i++) {
                long t0 = System.nanoTime();
                rig.invoke();
                best = Math.min(best, (System.nanoTime() - t0) / 16);
            }
            rig.afterIteration();
        } finally {
            rig.close();
            IterationMetrics.drain();
        }
        assertTrue(best >= alone * 3 / 2, impl + ": a round trip took " + best + " ns, the work alone " + alone
                + " ns: both sides must do it");
    }
}
