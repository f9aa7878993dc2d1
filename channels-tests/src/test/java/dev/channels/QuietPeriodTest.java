package dev.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The quiet period of an untimed wait for an answer (EndpointWaits.awaitAnswer, ADR 0008): the
 * rules, checked step by step, and that a conversation keeps every value and learns a period
 * within its bounds on both kinds of thread. Whether it pays is for the benchmarks
 * (RoundTripBenchmark and WorkRoundTripBenchmark, side by side).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class QuietPeriodTest {

    @Test
    void aProbeSetsThreeEighthsOfItsWaitFromAboveAtOnce() {
        assertEquals(75L, EndpointWaits.nextQuiet(500L, 200L));
        assertEquals(0L, EndpointWaits.nextQuiet(90L, 0L), "an answer already there: no quiet period");
    }

    @Test
    void aProbeRaisesThePeriodHalfwayFromBelow() {
        long q = 0L;
        q = EndpointWaits.nextQuiet(q, 240L); // target 90
        assertEquals(45L, q);
        q = EndpointWaits.nextQuiet(q, 240L);
        assertEquals(68L, q);
        for (int i = 0; i < 20; i++) {
            q = EndpointWaits.nextQuiet(q, 240L);
        }
        assertEquals(90L, q, "it settles on the target");
    }

    @Test
    void thePeriodIsAtMostThreeEighthsOfTheSlowestAnswerThatTeaches() {
        long q = 0L;
        for (int i = 0; i < 64; i++) {
            q = EndpointWaits.nextQuiet(q, EndpointWaits.QUIET_ANSWERS_NANOS);
            assertTrue(q <= EndpointWaits.MAX_QUIET_NANOS, "at most " + EndpointWaits.MAX_QUIET_NANOS + ": " + q);
        }
        assertEquals(EndpointWaits.MAX_QUIET_NANOS, q);
    }

    /** Answers slower than that, or a probe that parked: no quiet period (a crowd of virtual threads needs its carriers). */
    @Test
    void aSlowOrParkedProbeEndsThePeriod() {
        assertEquals(0L, EndpointWaits.nextQuiet(300L, EndpointWaits.QUIET_ANSWERS_NANOS + 1));
        assertEquals(0L, EndpointWaits.nextQuiet(300L, Long.MAX_VALUE), "a probe that parked");
    }

    @Test
    void nanosBecomePausesOnlyOnceAPauseIsTimed() {
        assertEquals(0, EndpointWaits.pausesFor(100L, 0), "no timing yet: no pauses");
        assertEquals(8, EndpointWaits.pausesFor(100L, 12 * 16), "12 ns pauses");
        assertEquals(2, EndpointWaits.pausesFor(100L, 40 * 16), "40 ns pauses");
        assertEquals(EndpointWaits.MAX_QUIET_PAUSES, EndpointWaits.pausesFor(EndpointWaits.MAX_QUIET_NANOS, 1),
                "bounded whatever the timing says");
    }

    /**
     * A conversation of single values on both kinds of thread: every answer is the right one,
     * and the period each endpoint learned is within its bounds.
     */
    @ParameterizedTest(name = "{0} threads")
    @ValueSource(booleans = {false, true})
    void aConversationKeepsEveryValueAndLearnsABoundedPeriod(boolean virtual) throws Exception {
        Channel<Integer, Integer> ch = Channels.create(WaitStrategy.busySpin());
        final int rounds = 20 * EndpointWaits.QUIET_PROBE_PERIOD;
        AtomicReference<Throwable> failed = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Runnable partner = () -> {
            try {
                Integer request = ch.first().receive();
                while (request != null && request >= 0) {
                    request = ch.first().send(request + 1);
                }
                ch.first().post(-1); // the last answer, handed over without waiting for another request
            } catch (Throwable t) {
                failed.set(t);
            } finally {
                done.countDown();
            }
        };
        Thread t = virtual ? Thread.ofVirtual().start(partner) : Thread.ofPlatform().start(partner);
        try {
            for (int i = 0; i < rounds; i++) {
                assertEquals(i + 1, ch.second().send(i), "the answer to " + i);
            }
            assertEquals(-1, ch.second().send(-5));
        } finally {
            assertTrue(done.await(30, TimeUnit.SECONDS), "the partner ends");
            t.join();
        }
        assertEquals(null, failed.get());
        for (Endpoint<?, ?> e : new Endpoint<?, ?>[] {ch.first(), ch.second()}) {
            ExchangeEndpoint<?, ?> x = (ExchangeEndpoint<?, ?>) e;
            assertTrue(x.quietNanos >= 0L && x.quietNanos <= EndpointWaits.MAX_QUIET_NANOS, "quietNanos " + x.quietNanos);
            assertTrue(x.quietPauses >= 0 && x.quietPauses <= EndpointWaits.MAX_QUIET_PAUSES, "quietPauses " + x.quietPauses);
            if (!EndpointWaits.QUIET_PERIOD) {
                assertEquals(0, x.quietPauses, "no quiet period on a single processor");
            }
        }
    }
}
