package dev.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.testing.Config;
import dev.channels.testing.EachConfig;
import dev.channels.testing.Peer;
import dev.channels.testing.Probe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * Timeouts (DESIGN.md, "Closing and failure"): the timed calls throw {@link TimeoutException},
 * never early; {@link Duration#ZERO} (or a negative duration) polls without blocking; afterwards
 * {@code taken()} and {@code isReplyPending()} tell whether the value went over, and the caller
 * resumes.
 */
@Timeout(20)
class TimeoutTest {

    private static final List<Duration> TIMEOUTS = List.of(Duration.ofMillis(1), Duration.ofMillis(7),
            Duration.ofMillis(25));

    /** What a timed-out call left behind, seen by its own thread. */
    record After(int taken, boolean replyPending) {
        static After of(Endpoint<?, ?> e) {
            return new After(e.taken(), e.isReplyPending());
        }
    }

    private static final After NOT_TAKEN = new After(0, false);
    private static final After TAKEN = new After(1, true);
    /** The request of a timed-out receive(Duration) stays posted: a reply is pending (ADR 0002). */
    private static final After POSTED = new After(0, true);

    /** Throws TimeoutException from {@code call}, never before {@code timeout} has passed. */
    private static void assertTimesOutNoEarlierThan(Duration timeout, Executable call, String what) {
        long start = System.nanoTime();
        assertThrows(TimeoutException.class, call, what);
        long elapsed = System.nanoTime() - start;
        assertTrue(elapsed >= timeout.toNanos(), what + " timed out after " + elapsed + " ns, before " + timeout);
    }

    /**
     * A first endpoint's timed receive with no second endpoint in sight times out, never early;
     * its start signal was not taken but stays posted (a reply is pending, ADR 0002). A timed
     * send(null) that follows deposits nothing (a reply is pending, so null only waits for it) and
     * so withdraws nothing either: a call takes back only what it deposited itself.
     */
    @EachConfig
    void aReceiveWithoutASenderTimesOutNeverEarly(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        Endpoint<String, String> first = ch.first();
        config.start("first", () -> {
            for (Duration d : TIMEOUTS) {
                assertTimesOutNoEarlierThan(d, () -> first.receive(d), "receive(" + d + ")");
                assertEquals(POSTED, After.of(first));
                assertTimesOutNoEarlierThan(d, () -> first.send(null, d), "send(null, " + d + ")");
                assertEquals(POSTED, After.of(first), "the receive's request is not send(null)'s to withdraw");
                assertThrows(IllegalStateException.class, () -> first.send("x"), "a reply is pending");
            }
            return null;
        }).join();
        assertChannelWorks(config, ch);
    }

    /**
     * A second endpoint's timed send times out, never early, both while it waits for the start and
     * with its value deposited but not taken.
     */
    @EachConfig
    void aSendThatIsNotTakenTimesOutNeverEarly(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        Endpoint<String, String> first = ch.first();
        Endpoint<String, String> second = ch.second();
        config.start("second", () -> {
            for (Duration d : TIMEOUTS) {
                assertTimesOutNoEarlierThan(d, () -> second.send("x", d), "send(x, " + d + ") before the start");
                assertEquals(NOT_TAKEN, After.of(second));
            }
            return null;
        }).join();
        first.start();
        config.start("second", () -> {
            second.start();
            for (Duration d : TIMEOUTS) {
                assertTimesOutNoEarlierThan(d, () -> second.send("x", d), "send(x, " + d + ") deposited");
                assertEquals(NOT_TAKEN, After.of(second));
            }
            return null;
        }).join();
        Peer<List<String>> receiver = config.start("receiver", () -> drain(first));
        try (second) {
            second.send("y");
        }
        assertEquals(List.of("y"), receiver.join(), "no x that timed out ever arrives");
    }

    /**
     * A timed receive whose request was taken but not answered times out, never early, with a
     * reply pending; the next receive returns the answer.
     */
    @EachConfig
    void aReceiveWhoseRequestWasTakenTimesOutWithAReplyPending(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        Endpoint<String, String> first = ch.first();
        Endpoint<String, String> second = ch.second();
        first.start();
        second.start(); // takes the start signal: the first endpoint waits for the second's first value
        config.start("first", () -> {
            for (Duration d : TIMEOUTS) {
                assertTimesOutNoEarlierThan(d, () -> first.receive(d), "receive(" + d + ")");
                assertEquals(TAKEN, After.of(first));
            }
            return null;
        }).join();
        Peer<List<String>> receiver = config.start("receiver", () -> drain(first));
        try (second) {
            second.send("a");
        }
        assertEquals(List.of("a"), receiver.join());
    }

    /**
     * A loop of {@code receive(Duration.ZERO)} receives every value of a sender, in order: the
     * first poll posts the request, and later polls pick up the answers (ADR 0002).
     */
    @EachConfig
    void pollingWithZeroReceivesEverything(Config config) throws Exception {
        Channel<Integer, Void> ch = config.channel();
        int n = 200;
        Peer<Void> sender = config.start("sender", () -> {
            try (var out = ch.second().open()) {
                for (int i = 0; i < n; i++) {
                    out.send(i);
                }
            }
            return null;
        });
        Endpoint<Integer, Void> in = ch.first();
        int next = 0;
        while (true) {
            try {
                assertEquals(next, in.receive(Duration.ZERO));
                next++;
            } catch (TimeoutException e) {
                assertTrue(in.isReplyPending(), "the request stays posted between polls");
                Thread.yield();
            } catch (ChannelClosedException e) {
                break;
            }
        }
        assertEquals(n, next);
        sender.join();
    }

    /**
     * {@link Duration#ZERO} and negative durations poll: with no answer they time out without
     * blocking (a non-null value is withdrawn, a request stays posted); with the answer there
     * they return it.
     */
    @EachConfig
    void zeroAndNegativeDurationsPoll(Config config) throws Exception {
        for (Duration poll : List.of(Duration.ZERO, Duration.ofNanos(-1), Duration.ofDays(-1))) {
            Channel<String, String> ch = config.channel();
            Endpoint<String, String> first = ch.first();
            Endpoint<String, String> second = ch.second();
            config.start("poller", () -> {
                assertThrows(TimeoutException.class, () -> first.receive(poll));
                assertEquals(POSTED, After.of(first)); // the request stays posted
                assertThrows(TimeoutException.class, () -> second.send("x", poll));
                assertEquals(NOT_TAKEN, After.of(second));
                return null;
            }).join(Peer.PROMPTLY);
            first.start();
            CountDownLatch started = new CountDownLatch(1);
            Peer<String> sender = config.start("sender", () -> {
                second.start();
                started.countDown();
                return second.send("x"); // deposits x and waits
            });
            started.await();
            Probe.awaitWaitingInChannel(sender.thread());
            assertEquals("x", config.start("poller", () -> first.receive(poll)).join(Peer.PROMPTLY),
                    "a poll takes the answer that is there");
            first.close();
            sender.failure(ChannelClosedException.class);
        }
    }

    /**
     * A timed send whose value was taken but not answered in time times out with a reply pending
     * ({@code taken() == 1}); sending a value is then an error, and {@code receive()} resumes and
     * returns the answer.
     */
    @EachConfig
    void aSendWhoseValueWasTakenTimesOutWithAReplyPending(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        Endpoint<String, String> first = ch.first();
        Endpoint<String, String> second = ch.second();
        CompletableFuture<After> after = new CompletableFuture<>();
        Peer<String> sender = config.start("second", () -> {
            for (;;) {
                try {
                    second.send("x", Duration.ofMillis(50));
                    throw new AssertionError("send returned without an answer");
                } catch (TimeoutException e) {
                    if (second.taken() == 1) {
                        break;
                    }
                    assertEquals(NOT_TAKEN, After.of(second)); // timed out before x was taken: resend
                }
            }
            after.complete(After.of(second));
            assertThrows(IllegalStateException.class, () -> second.send("y"), "a reply is pending");
            try (second) {
                return second.receive();
            }
        });
        assertEquals("x", first.receive());
        assertEquals(TAKEN, after.get(Peer.JOIN_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS));
        assertThrows(ChannelClosedException.class, () -> first.send("answer"));
        assertEquals(1, first.taken());
        assertEquals("answer", sender.join());
    }

    /** A huge timeout does not overflow: the call waits and returns the value, and a close still wakes it. */
    @EachConfig
    void aHugeTimeoutWaitsLikeAnUntimedCall(Config config) throws Exception {
        Duration huge = Duration.ofSeconds(Long.MAX_VALUE);
        Channel<String, String> ch = config.channel();
        Endpoint<String, String> first = ch.first();
        Peer<List<String>> receiver = config.start("receiver", () -> {
            List<String> got = new ArrayList<>();
            got.add(first.receive(huge));
            got.add(first.receive(Duration.ofNanos(Long.MAX_VALUE)));
            assertThrows(ChannelClosedException.class, () -> first.receive(huge));
            return got;
        });
        Endpoint<String, String> second = ch.second();
        assertEquals(null, second.send("a", huge));
        second.send("b");
        Probe.awaitWaitingInChannel(receiver.thread());
        second.close();
        assertEquals(List.of("a", "b"), receiver.join(Peer.PROMPTLY));
    }

    /** A null timeout is rejected and hands nothing over. */
    @EachConfig
    void aNullTimeoutIsRejected(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        Endpoint<String, String> first = ch.first();
        Endpoint<String, String> second = ch.second();
        assertThrows(NullPointerException.class, () -> first.receive(null));
        assertThrows(NullPointerException.class, () -> first.send(null, null));
        assertFalse(first.isReplyPending());
        assertThrows(NullPointerException.class, () -> second.send("x", null));
        assertChannelWorks(config, ch);
    }

    // ---------------------------------------------------------------- helpers

    private static List<String> drain(Endpoint<String, String> e) {
        List<String> got = new ArrayList<>();
        e.forEach(got::add);
        return got;
    }

    /** The channel hands the second endpoint's values to the first, and nothing else, then ends. */
    private static void assertChannelWorks(Config config, Channel<String, String> ch) throws Exception {
        Peer<List<String>> receiver = config.start("receiver", () -> drain(ch.first()));
        try (var second = ch.second()) {
            second.send("a");
            second.send("b");
        }
        assertEquals(List.of("a", "b"), receiver.join());
    }
}
