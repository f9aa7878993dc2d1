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

/**
 * The work per message of WorkRoundTripBenchmark: which contenders take it, and that every reply
 * is still right with it. That both sides do the work is a matter of time, so it is measured by
 * the benchmark (a round trip against WorkAloneBenchmark's work alone), not asserted here: a timed
 * test of it failed in a fresh-clone CI run on a noisy 2-core guest (the work alone, timed before
 * it was compiled, looked slower than a whole round trip).
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
}
