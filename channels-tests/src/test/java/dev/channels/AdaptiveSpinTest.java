package dev.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.testing.Peer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The default strategy's per-endpoint spin budget on virtual threads (SpinThenPark, ADR 0004):
 * the rules, checked step by step, and which waits use it. Whether it pays is for the benchmarks
 * (RoundTripBenchmark and ManyPairsBenchmark, side by side).
 */
class AdaptiveSpinTest {

    private static final boolean MULTIPROCESSOR = Runtime.getRuntime().availableProcessors() > 1;

    private static SpinThenPark.Adaptive endpoint() {
        return (SpinThenPark.Adaptive) ((ExchangeEndpoint<?, ?>) Channels.<String, String>create().first()).strategy;
    }

    @Test
    void startsAtTheMinimumAndStaysWithinTheBounds() {
        SpinThenPark.Adaptive e = endpoint();
        assertEquals(SpinThenPark.VIRTUAL_SPINS, e.spins);
        for (int i = 0; i < 20; i++) {
            e.missedWhileSpinning();
            assertEquals(SpinThenPark.VIRTUAL_SPINS, e.spins, "a miss never goes below the minimum");
        }
        for (int i = 0; i < 20; i++) {
            e.metWhileSpinning(e.spins);
            assertTrue(e.spins <= SpinThenPark.MAX_VIRTUAL_SPINS, "a hit never goes above the maximum");
        }
        assertEquals(SpinThenPark.MAX_VIRTUAL_SPINS, e.spins);
    }

    @Test
    void hitsDoubleAndMissesHalve() {
        SpinThenPark.Adaptive e = endpoint();
        e.metWhileSpinning(e.spins);
        assertEquals(2 * SpinThenPark.VIRTUAL_SPINS, e.spins);
        e.metWhileSpinning(e.spins);
        assertEquals(4 * SpinThenPark.VIRTUAL_SPINS, e.spins);
        e.missedWhileSpinning();
        assertEquals(2 * SpinThenPark.VIRTUAL_SPINS, e.spins);
    }

    @Test
    void everyProbeSpinsAtLeastTheProbeLengthAndAHitOnAProbeJumpsThere() {
        SpinThenPark.Adaptive e = endpoint();
        int probes = 0;
        for (int wait = 1; wait <= 4 * SpinThenPark.PROBE_PERIOD; wait++) {
            int budget = e.nextBudget();
            if (!MULTIPROCESSOR) {
                assertEquals(0, budget, "no spinning on a single CPU");
            } else if (wait % SpinThenPark.PROBE_PERIOD == 0) {
                probes++;
                assertEquals(SpinThenPark.PROBE_SPINS, budget, "wait " + wait + " is a probe");
            } else {
                assertEquals(SpinThenPark.VIRTUAL_SPINS, budget, "wait " + wait + " uses the endpoint's budget");
            }
        }
        assertEquals(MULTIPROCESSOR ? 4 : 0, probes);
        e.metWhileSpinning(SpinThenPark.PROBE_SPINS);
        assertEquals(SpinThenPark.PROBE_SPINS, e.spins, "a probe that met its answer");
        e.metWhileSpinning(e.spins);
        assertEquals(2 * SpinThenPark.PROBE_SPINS, e.spins, "hits go on doubling past the probe's length");
    }

    /** A lone pair climbs to the platform budget; a probe then never shortens its waits. */
    @Test
    void theMaximumIsThePlatformBudgetAndAProbeNeverShortensAWait() {
        SpinThenPark.Adaptive e = endpoint();
        assertEquals(SpinThenPark.SPINS, SpinThenPark.MAX_VIRTUAL_SPINS);
        assertTrue(SpinThenPark.PROBE_SPINS > SpinThenPark.VIRTUAL_SPINS
                && SpinThenPark.PROBE_SPINS < SpinThenPark.MAX_VIRTUAL_SPINS);
        while (e.spins < SpinThenPark.MAX_VIRTUAL_SPINS) {
            e.metWhileSpinning(e.spins);
        }
        for (int wait = 1; wait <= 2 * SpinThenPark.PROBE_PERIOD; wait++) {
            assertEquals(MULTIPROCESSOR ? SpinThenPark.MAX_VIRTUAL_SPINS : 0, e.nextBudget(), "wait " + wait);
        }
    }

    /** Only the default strategy adapts, and only on virtual threads; explicit budgets stay as given. */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void onlyTheDefaultAdaptsAndOnlyOnVirtualThreads() {
        assertEquals(0, adaptiveWaits(WaitStrategy.spinThenPark(), Thread.ofPlatform()));
        assertEquals(0, adaptiveWaits(WaitStrategy.spinThenPark(1_024, 4, 2), Thread.ofVirtual()));
        assertTrue(adaptiveWaits(WaitStrategy.spinThenPark(), Thread.ofVirtual()) > 0,
                "the default adapts on virtual threads");
    }

    private static final int ROUND_TRIPS = 1_000;

    /**
     * Runs ROUND_TRIPS round trips, the first endpoint echoing; returns how many adaptive waits
     * the first endpoint made (waits that idled on a virtual thread).
     */
    private static int adaptiveWaits(WaitStrategy strategy, Thread.Builder threads) {
        Channel<Integer, Integer> ch = Channels.create(strategy);
        Peer<Void> echo = Peer.start(threads, () -> {
            try (var end = ch.first()) {
                Integer v = end.receive();
                for (;;) {
                    v = end.send(v);
                }
            } catch (ChannelClosedException expected) {
                return null; // the driver left
            }
        });
        Peer<Void> driver = Peer.start(threads, () -> {
            try (var end = ch.second()) {
                for (int i = 0; i < ROUND_TRIPS; i++) {
                    assertEquals(i, end.send(i));
                }
            }
            return null;
        });
        driver.join();
        echo.join();
        // join: happens-before; only the default hands its endpoints an adaptive instance
        return ((ExchangeEndpoint<?, ?>) ch.first()).strategy instanceof SpinThenPark.Adaptive a ? a.waits : 0;
    }
}
