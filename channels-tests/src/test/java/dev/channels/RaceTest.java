package dev.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.testing.Config;
import dev.channels.testing.EachConfig;
import dev.channels.testing.Outcomes;
import dev.channels.testing.Peer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Timeout;

/**
 * Races between a handover and a close, an interrupt, a timeout, or a second thread, repeated
 * many times ({@link Config#rounds}): every legal outcome is accepted and checked (STYLE 19): a value
 * either went over (the receiver has it, the sender's {@code taken()} is 1) or did not (the
 * receiver never sees it, and the sender still has it); nothing is ever lost, duplicated or
 * reordered, and the channel works afterwards.
 */
@Timeout(120)
class RaceTest {

    /** Rounds per race and configuration: 200 quick (50 where threads busy-spin), 20,000 thorough. */
    private static int rounds(Config config) {
        return config.rounds(200, 20_000);
    }

    /** Spins a random, short while: lets the race land at different points of a handover. */
    private static void spin(SplittableRandom random, int max) {
        for (int i = random.nextInt(max); i > 0; i--) {
            Thread.onSpinWait();
        }
    }

    /** The outcome of the sender in {@link #closeRacesWithHandovers}: the send that failed, and what it learned. */
    record SenderEnd(int failedAt, int taken, ChannelClosedException e) {
    }

    /** The outcome of the receiver in {@link #closeRacesWithHandovers}. */
    record ReceiverEnd(List<Integer> got, ChannelClosedException e) {
    }

    /**
     * A close, from either end, with or without a cause, races with a stream of handovers: the
     * receiver gets exactly the values the sender counts as taken, in order, and both see the
     * close with the right cause and side.
     */
    @EachConfig
    void closeRacesWithHandovers(Config config) throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        Outcomes outcomes = new Outcomes();
        for (int round = 0, rounds = rounds(config); round < rounds; round++) {
            String label = "round " + round;
            Channel<Integer, Void> ch = config.channel();
            Endpoint<Integer, Void> in = ch.first();
            Endpoint<Void, Integer> out = ch.second();
            AtomicInteger received = new AtomicInteger();
            Peer<ReceiverEnd> receiver = config.start("receiver", () -> {
                List<Integer> got = new ArrayList<>();
                try {
                    for (;;) {
                        got.add(in.receive());
                        received.incrementAndGet();
                    }
                } catch (ChannelClosedException e) {
                    return new ReceiverEnd(got, e);
                }
            });
            Peer<SenderEnd> sender = config.start("sender", () -> {
                for (int i = 0; ; i++) {
                    try {
                        out.send(i);
                    } catch (ChannelClosedException e) {
                        return new SenderEnd(i, out.taken(), e);
                    }
                }
            });
            int after = random.nextInt(4);
            while (received.get() < after && !receiver.isDone()) {
                Thread.yield();
            }
            spin(random, 2_000);
            int how = random.nextInt(4);
            Endpoint<?, ?> closer = how % 2 == 0 ? in : out;
            Exception cause = how < 2 ? null : new Exception("cause " + round);
            if (cause == null) {
                closer.close();
            } else {
                closer.close(cause);
            }
            ReceiverEnd r = receiver.join();
            SenderEnd s = sender.join();
            assertEquals(IntStream.range(0, r.got().size()).boxed().toList(), r.got(), label + ": in order, no gaps");
            assertTrue(s.taken() == 0 || s.taken() == 1, label);
            assertEquals(s.failedAt() + s.taken(), r.got().size(),
                    label + ": the receiver has exactly the values the sender counts as taken");
            assertSame(cause, r.e().getCause(), label);
            assertSame(cause, s.e().getCause(), label);
            assertEquals(closer != in, r.e().isClosedByOtherEnd(), label);
            assertEquals(closer != out, s.e().isClosedByOtherEnd(), label);
            outcomes.record(s.taken() == 1 ? TAKEN : NOT_TAKEN);
        }
        outcomes.assertEachSeenWhenThorough("close vs handover, " + config, TAKEN, NOT_TAKEN);
    }

    /**
     * Interrupts land at random moments on the sender and the receiver of a conversation: after
     * each {@link InterruptedException}, {@code taken()} and {@code isReplyPending()} tell whether
     * the value went over, the caller resumes accordingly, and the receiver gets every value
     * exactly once, in order.
     */
    @EachConfig
    void interruptsRaceWithHandovers(Config config) throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        int values = 10;
        int interrupts = 3;
        Outcomes outcomes = new Outcomes();
        for (int round = 0, rounds = rounds(config); round < rounds; round++) {
            String label = "round " + round;
            Channel<Integer, Void> ch = config.channel();
            Endpoint<Integer, Void> in = ch.first();
            Endpoint<Void, Integer> out = ch.second();
            SplittableRandom receiverThinks = random.split();
            SplittableRandom senderThinks = random.split();
            Peer<List<Integer>> receiver = config.start("receiver",
                    () -> receiveAll(in, null, receiverThinks, outcomes));
            Peer<Void> sender = config.start("sender", () -> {
                sendAll(out, values, null, senderThinks, outcomes);
                return null;
            });
            for (int k = 0; k < interrupts; k++) {
                spin(random, 5_000);
                Peer<?> target = random.nextBoolean() ? sender : receiver;
                Thread t = target.thread();
                t.interrupt();
                while (t.isInterrupted() && !target.isDone()) { // wait until the target took it
                    Thread.yield();
                }
            }
            assertEquals(IntStream.range(0, values).boxed().toList(), receiver.join(), label);
            sender.join();
        }
        outcomes.assertEachSeenWhenThorough("interrupt vs handover, " + config,
                SENT_TAKEN, SENT_NOT_TAKEN, SENT_ON_ENTRY, SENT_RACE_LOST,
                REQUEST_TAKEN, REQUEST_NOT_TAKEN, REQUEST_RACE_LOST);
    }

    /**
     * Timed sends and receives with short random timeouts, from zero up: after each
     * {@link TimeoutException}, {@code taken()} and {@code isReplyPending()} tell whether the
     * value went over, the caller resumes accordingly, and the receiver gets every value exactly
     * once, in order.
     */
    @EachConfig
    void timeoutsRaceWithHandovers(Config config) throws Exception {
        int values = 20;
        int rounds = Math.max(1, rounds(config) / 4);
        Outcomes outcomes = new Outcomes();
        for (int round = 0; round < rounds; round++) {
            String label = "round " + round;
            Channel<Integer, Void> ch = config.channel();
            Endpoint<Integer, Void> in = ch.first();
            Endpoint<Void, Integer> out = ch.second();
            SplittableRandom random = new SplittableRandom(round);
            SplittableRandom receiverRandom = random.split();
            SplittableRandom senderRandom = random.split();
            Peer<List<Integer>> receiver = config.start("receiver",
                    () -> receiveAll(in, receiverRandom, receiverRandom, outcomes));
            Peer<Void> sender = config.start("sender", () -> {
                sendAll(out, values, senderRandom, senderRandom, outcomes);
                return null;
            });
            assertEquals(IntStream.range(0, values).boxed().toList(), receiver.join(), label);
            sender.join();
        }
        outcomes.assertEachSeenWhenThorough("timeout vs handover, " + config,
                SENT_TAKEN, SENT_NOT_TAKEN, REQUEST_TAKEN, REQUEST_NOT_TAKEN);
    }

    /**
     * Two threads race to call {@code receive()} on one endpoint: the loser gets
     * {@link IllegalStateException} at once (or calls after the winner finished), the winner's
     * call is unaffected, and the values received over all rounds are exactly 0, 1, 2, ...
     */
    @EachConfig
    void twoThreadsRaceForOneEndpoint(Config config) throws Exception {
        Channel<Integer, Void> ch = config.channel();
        Endpoint<Integer, Void> in = ch.first();
        Peer<Void> sender = config.start("sender", () -> {
            Endpoint<Void, Integer> out = ch.second();
            try {
                for (int i = 0; ; i++) {
                    out.send(i);
                }
            } catch (ChannelClosedException e) {
                return null;
            }
        });
        List<Integer> all = new ArrayList<>();
        Outcomes outcomes = new Outcomes();
        for (int round = 0, rounds = rounds(config); round < rounds; round++) {
            CountDownLatch go = new CountDownLatch(1);
            List<Peer<Integer>> racers = new ArrayList<>();
            for (int k = 0; k < 2; k++) {
                racers.add(config.start("racer-" + k, () -> {
                    go.await();
                    try {
                        return in.receive();
                    } catch (IllegalStateException e) {
                        return null; // lost the race; the endpoint was in use
                    }
                }));
            }
            go.countDown();
            int winners = 0;
            for (Peer<Integer> racer : racers) {
                Integer v = racer.join();
                if (v != null) {
                    all.add(v);
                    winners++;
                }
            }
            assertTrue(winners >= 1, "round " + round + ": at least one racer got in");
            outcomes.record(winners == 1 ? "one rejected" : "both in turn");
            all.sort(null);
        }
        assertEquals(IntStream.range(0, all.size()).boxed().toList(), all, "no value lost or duplicated");
        assertEquals(all.size(), in.receive(), "the channel works after the races");
        outcomes.assertEachSeenWhenThorough("two threads on one endpoint, " + config, "one rejected", "both in turn");
        in.close();
        sender.join();
    }

    // ---------------------------------------------------------------- resuming sender and receiver

    /**
     * Sends 0 .. n-1 and closes, resuming after every interrupt or timeout as the contract says:
     * a value not taken is sent again, a value taken is followed by {@code receive()} for the
     * answer. With {@code random}, each call is timed with a random short timeout; between calls
     * it thinks for a random short while ({@code thinks}), so that the other end waits at times.
     */
    private static void sendAll(Endpoint<Void, Integer> out, int n, SplittableRandom random, SplittableRandom thinks,
            Outcomes outcomes) throws Exception {
        try (out) {
            int i = 0;
            while (i < n) {
                boolean statusSetBefore = Thread.currentThread().isInterrupted();
                try {
                    if (random == null) {
                        out.send(i);
                    } else {
                        out.send(i, timeout(random));
                    }
                    if (Thread.interrupted()) {
                        outcomes.record(SENT_RACE_LOST); // returned normally: the answer won the race
                    }
                    i++;
                    spin(thinks, THINK);
                    continue;
                } catch (InterruptedException | TimeoutException e) {
                    if (out.taken() == 1) {
                        assertTrue(out.isReplyPending(), "taken: the answer is pending");
                        outcomes.record(SENT_TAKEN);
                        awaitAnswer(out, random);
                        i++;
                    } else {
                        assertEquals(0, out.taken());
                        assertFalse(out.isReplyPending(), "not taken: no answer pending");
                        outcomes.record(statusSetBefore ? SENT_ON_ENTRY : SENT_NOT_TAKEN);
                        // i is still ours: send it again
                    }
                }
            }
        } finally {
            Thread.interrupted(); // an interrupt that lost the race to the last return
        }
    }

    /** Takes the answer to a value that was taken, however often the wait is interrupted or times out. */
    private static void awaitAnswer(Endpoint<Void, Integer> out, SplittableRandom random) throws Exception {
        for (;;) {
            try {
                assertNull(random == null ? out.receive() : out.receive(timeout(random)));
                return;
            } catch (InterruptedException | TimeoutException e) {
                assertTrue(out.isReplyPending(), "still pending");
            }
        }
    }

    /** Receives until the channel closes, resuming after every interrupt or timeout; see {@link #sendAll}. */
    private static List<Integer> receiveAll(Endpoint<Integer, Void> in, SplittableRandom random,
            SplittableRandom thinks, Outcomes outcomes) throws Exception {
        List<Integer> got = new ArrayList<>();
        try {
            for (;;) {
                try {
                    got.add(random == null ? in.receive() : in.receive(timeout(random)));
                    if (Thread.interrupted()) {
                        outcomes.record(REQUEST_RACE_LOST); // returned normally: the value won the race
                    }
                    spin(thinks, THINK);
                } catch (InterruptedException | TimeoutException e) {
                    if (in.taken() == 1) {
                        assertTrue(in.isReplyPending(), "the request was taken: the value is pending");
                        outcomes.record(REQUEST_TAKEN);
                    } else {
                        outcomes.record(REQUEST_NOT_TAKEN);
                    }
                    // either way, receive() again resumes
                }
            }
        } catch (ChannelClosedException e) {
            assertNull(e.getCause());
            return got;
        } finally {
            in.close(); // if an assertion failed here, the sender must not wait forever
            Thread.interrupted();
        }
    }

    /** The most spins a side thinks between two calls. */
    private static final int THINK = 2_000;

    private static final String TAKEN = "taken";
    private static final String NOT_TAKEN = "not taken";
    private static final String SENT_TAKEN = "value taken";
    private static final String SENT_NOT_TAKEN = "value not taken";
    private static final String SENT_ON_ENTRY = "send interrupted on entry";
    private static final String SENT_RACE_LOST = "send returned with the status set";
    private static final String REQUEST_TAKEN = "request taken";
    private static final String REQUEST_NOT_TAKEN = "request not taken";
    private static final String REQUEST_RACE_LOST = "receive returned with the status set";

    private static final Duration[] TIMEOUTS = {Duration.ZERO, Duration.ofNanos(1_000), Duration.ofNanos(20_000),
            Duration.ofNanos(200_000), Duration.ofMillis(5), Duration.ofSeconds(10)};

    private static Duration timeout(SplittableRandom random) {
        return TIMEOUTS[random.nextInt(TIMEOUTS.length)];
    }
}
