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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * Interruption (DESIGN.md, "Closing and failure"): as in {@code java.util.concurrent}, a call
 * made with the interrupt status set throws at once, a blocked call throws promptly, the status
 * is cleared either way, and afterwards {@code taken()} and {@code isReplyPending()} tell whether
 * the value went over, so the caller can resume without losing or repeating a value.
 */
@Timeout(20)
class InterruptTest {

    /** What a call that threw {@link InterruptedException} left behind, seen by its own thread. */
    record After(boolean statusSet, int taken, boolean replyPending) {
        static After of(Endpoint<?, ?> e) {
            return new After(Thread.currentThread().isInterrupted(), e.taken(), e.isReplyPending());
        }
    }

    private static final After NOT_TAKEN = new After(false, 0, false);
    private static final After TAKEN = new After(false, 1, true);

    // ---------------------------------------------------------------- status set on entry

    /**
     * With the interrupt status set, every call on a fresh first endpoint throws at once, clears
     * the status and hands nothing over: the second endpoint still waits for the start signal.
     */
    @EachConfig
    void firstEndpointThrowsAtOnceWithTheStatusSet(Config config) throws Exception {
        Map<String, Executable> calls = new LinkedHashMap<>();
        Channel<String, String> ch = config.channel();
        Endpoint<String, String> first = ch.first();
        calls.put("receive()", first::receive);
        calls.put("send(null)", () -> first.send(null));
        calls.put("receive(1 min)", () -> first.receive(Duration.ofMinutes(1)));
        calls.put("receive(ZERO)", () -> first.receive(Duration.ZERO));
        calls.put("start()", first::start);
        calls.put("open()", first::open);
        calls.put("receiveInto", () -> first.receiveInto(new String[1], 0, 1));
        config.start("first", () -> {
            for (Map.Entry<String, Executable> call : calls.entrySet()) {
                Thread.currentThread().interrupt();
                assertThrows(InterruptedException.class, call.getValue(), call.getKey());
                assertEquals(NOT_TAKEN, After.of(first), call.getKey());
            }
            return null;
        }).join();
        assertSecondStillWaitsForTheStart(config, ch);
    }

    /**
     * With the interrupt status set, every call on the second endpoint throws at once, clears the
     * status and neither takes the start signal nor hands a value over.
     */
    @EachConfig
    void secondEndpointThrowsAtOnceWithTheStatusSet(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        Endpoint<String, String> first = ch.first();
        Endpoint<String, String> second = ch.second();
        first.start(); // so that each call below could go through at once
        Map<String, Executable> calls = new LinkedHashMap<>();
        calls.put("start()", second::start);
        calls.put("open()", second::open);
        calls.put("send(x)", () -> second.send("x"));
        calls.put("send(x, 1 min)", () -> second.send("x", Duration.ofMinutes(1)));
        calls.put("receive()", second::receive);
        calls.put("sendAll(array)", () -> second.sendAll(new String[] {"x"}, 0, 1));
        calls.put("sendAll(iterable)", () -> second.sendAll(List.of("x")));
        calls.put("receiveInto", () -> second.receiveInto(new String[1], 0, 1));
        config.start("second", () -> {
            for (Map.Entry<String, Executable> call : calls.entrySet()) {
                Thread.currentThread().interrupt();
                assertThrows(InterruptedException.class, call.getValue(), call.getKey());
                assertEquals(NOT_TAKEN, After.of(second), call.getKey());
            }
            return null;
        }).join();
        // The start signal is still in transit: a poll with receive(ZERO) leaves it posted.
        assertThrows(TimeoutException.class, () -> first.receive(Duration.ZERO));
        assertTrue(first.isReplyPending(), "the start signal stays posted");
        assertEquals(0, first.taken(), "nobody took the start signal");
        Peer<List<String>> receiver = collect(config, first);
        config.start("second", () -> {
            try (second) {
                second.send("y");
            }
            return null;
        }).join();
        assertEquals(List.of("y"), receiver.join(), "no value went over before y");
    }

    /**
     * In the middle of a conversation, a send with the status set throws at once and reports its
     * value as not taken ({@code taken() == 0}), whatever the previous call handed over.
     */
    @EachConfig
    void aSendWithTheStatusSetReportsItsValueNotTaken(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        Endpoint<String, String> second = ch.second();
        Peer<List<String>> receiver = collect(config, ch.first());
        config.start("second", () -> {
            try (second) {
                second.send("a");
                assertEquals(1, second.taken(), "a was taken");
                Thread.currentThread().interrupt();
                assertThrows(InterruptedException.class, () -> second.send("b"));
                assertEquals(NOT_TAKEN, After.of(second), "b was not taken");
                Thread.currentThread().interrupt();
                assertThrows(InterruptedException.class, () -> second.send("b", Duration.ofMinutes(1)));
                assertEquals(NOT_TAKEN, After.of(second), "b was not taken by the timed send");
                second.send("c");
            }
            return null;
        }).join();
        assertEquals(List.of("a", "c"), receiver.join());
    }

    // ---------------------------------------------------------------- interrupted while blocked

    /**
     * A first endpoint interrupted in its first receive before the second endpoint took the start
     * signal throws promptly with the status cleared, reports nothing taken, withdraws the start
     * signal (the receive deposited it), and resumes with {@code receive()}. After an explicit
     * {@code start()}, the interrupted receive withdraws nothing: the signal is start()'s, so it
     * stays posted and a reply is pending (a call withdraws only what it deposited itself).
     */
    @EachConfig
    void firstInterruptedBeforeTheStartSignalWasTaken(Config config) throws Exception {
        for (boolean explicitStart : new boolean[] {false, true}) {
            Channel<String, String> ch = config.channel();
            Endpoint<String, String> first = ch.first();
            CompletableFuture<After> after = new CompletableFuture<>();
            Peer<List<String>> receiver = config.start("first", () -> {
                if (explicitStart) {
                    first.start();
                }
                try {
                    first.receive();
                    throw new AssertionError("receive() returned without a sender");
                } catch (InterruptedException e) {
                    after.complete(After.of(first));
                }
                assertThrows(IllegalStateException.class, () -> first.send("x"), explicitStart
                        ? "start()'s signal stays posted: a reply is pending"
                        : "the start signal was taken back: the first endpoint has not started");
                return drain(first);
            });
            Probe.awaitWaitingInChannel(receiver.thread());
            receiver.thread().interrupt();
            assertEquals(explicitStart ? new After(false, 0, true) : NOT_TAKEN,
                    after.get(Peer.PROMPTLY.toNanos(), TimeUnit.NANOSECONDS), "explicit start: " + explicitStart);
            try (var second = ch.second()) {
                second.send("a");
            }
            assertEquals(List.of("a"), receiver.join());
        }
    }

    /**
     * A request left posted by a timed-out {@code receive(Duration)} (here the first endpoint's
     * start signal) is not withdrawn by a later {@code receive()} that is interrupted: that call
     * deposited nothing, so it takes nothing back, and the request is still answered.
     */
    @EachConfig
    void anInterruptedReceiveKeepsTheRequestOfAnEarlierTimedReceive(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        Endpoint<String, String> first = ch.first();
        CompletableFuture<After> after = new CompletableFuture<>();
        CountDownLatch timedOut = new CountDownLatch(1);
        Peer<String> receiver = config.start("first", () -> {
            assertThrows(TimeoutException.class, () -> first.receive(Duration.ofMillis(1)));
            assertTrue(first.isReplyPending(), "the timed receive's request stays posted");
            timedOut.countDown();
            try {
                first.receive();
                throw new AssertionError("receive() returned without a sender");
            } catch (InterruptedException e) {
                after.complete(After.of(first));
            }
            try (first) {
                return first.receive();
            }
        });
        assertTrue(timedOut.await(Peer.JOIN_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS), "the timed receive ended");
        Probe.awaitWaitingInChannel(receiver.thread());
        receiver.thread().interrupt();
        assertEquals(new After(false, 0, true), after.get(Peer.PROMPTLY.toNanos(), TimeUnit.NANOSECONDS),
                "the request stays posted, not taken");
        Peer<Void> sender = config.start("second", () -> {
            ChannelClosedException e = assertThrows(ChannelClosedException.class, () -> ch.second().send("answer"));
            assertTrue(e.isClosedByOtherEnd());
            return null;
        });
        assertEquals("answer", receiver.join(), "the kept request was answered");
        sender.join();
    }

    /**
     * A first endpoint interrupted after the second endpoint took its start signal reports it
     * taken with a reply pending, and its next {@code receive()} returns the second's first value.
     */
    @EachConfig
    void firstInterruptedAfterTheStartSignalWasTaken(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        Endpoint<String, String> first = ch.first();
        CompletableFuture<After> after = new CompletableFuture<>();
        Peer<List<String>> receiver = config.start("first", () -> {
            try {
                first.receive();
                throw new AssertionError("receive() returned without a value");
            } catch (InterruptedException e) {
                after.complete(After.of(first));
            }
            return drain(first);
        });
        Probe.awaitWaitingInChannel(receiver.thread());
        Endpoint<String, String> second = ch.second();
        second.start(); // takes the start signal
        receiver.thread().interrupt();
        assertEquals(TAKEN, after.get(Peer.PROMPTLY.toNanos(), TimeUnit.NANOSECONDS));
        second.send("a");
        second.close();
        assertEquals(List.of("a"), receiver.join());
    }

    /**
     * A second endpoint interrupted in {@code start()} throws promptly with the status cleared, and
     * can start again.
     */
    @EachConfig
    void secondInterruptedInStart(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        Endpoint<String, String> second = ch.second();
        CompletableFuture<After> after = new CompletableFuture<>();
        Peer<Void> starter = config.start("second", () -> {
            try {
                second.start();
                throw new AssertionError("start() returned before the first endpoint started");
            } catch (InterruptedException e) {
                after.complete(After.of(second));
            }
            try (second) {
                second.start();
                second.send("a");
            }
            return null;
        });
        Probe.awaitWaitingInChannel(starter.thread());
        starter.thread().interrupt();
        assertEquals(NOT_TAKEN, after.get(Peer.PROMPTLY.toNanos(), TimeUnit.NANOSECONDS));
        assertEquals(List.of("a"), drain(ch.first()));
        starter.join();
    }

    /**
     * A second endpoint interrupted in a send, untimed or timed, before its value was taken
     * (waiting for the start, or with its value deposited) throws promptly, reports the value not
     * taken, and the value never arrives: the next send is the one received.
     */
    @EachConfig
    void secondInterruptedBeforeItsValueWasTaken(Config config) throws Exception {
        for (boolean firstStarted : new boolean[] {false, true}) {
            for (boolean timed : new boolean[] {false, true}) {
                String label = "first started: " + firstStarted + ", timed: " + timed;
                Channel<String, String> ch = config.channel();
                Endpoint<String, String> first = ch.first();
                Endpoint<String, String> second = ch.second();
                if (firstStarted) {
                    first.start();
                }
                CountDownLatch sending = new CountDownLatch(1);
                CompletableFuture<After> after = new CompletableFuture<>();
                Peer<Void> sender = config.start("second", () -> {
                    if (firstStarted) {
                        second.start(); // takes the signal at once; the send below deposits x
                    }
                    sending.countDown();
                    try {
                        if (timed) {
                            second.send("x", Duration.ofMinutes(5));
                        } else {
                            second.send("x");
                        }
                        throw new AssertionError("send returned without a receiver");
                    } catch (InterruptedException e) {
                        after.complete(After.of(second));
                    }
                    try (second) {
                        second.send("y");
                    }
                    return null;
                });
                sending.await();
                Probe.awaitWaitingInChannel(sender.thread());
                sender.thread().interrupt();
                assertEquals(NOT_TAKEN, after.get(Peer.PROMPTLY.toNanos(), TimeUnit.NANOSECONDS), label);
                assertEquals(List.of("y"), drain(first), label);
                sender.join();
            }
        }
    }

    /**
     * A second endpoint interrupted after its value was taken, while it waits for the answer,
     * throws promptly and reports a reply pending; sending a value then is an error, and
     * {@code receive()} resumes and returns the answer.
     */
    @EachConfig
    void secondInterruptedAfterItsValueWasTaken(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        Endpoint<String, String> first = ch.first();
        Endpoint<String, String> second = ch.second();
        CompletableFuture<After> after = new CompletableFuture<>();
        Peer<String> sender = config.start("second", () -> {
            try {
                second.send("x");
                throw new AssertionError("send returned without an answer");
            } catch (InterruptedException e) {
                after.complete(After.of(second));
            }
            assertThrows(IllegalStateException.class, () -> second.send("y"), "a reply is pending");
            assertTrue(second.isReplyPending());
            try (second) {
                return second.receive();
            }
        });
        assertEquals("x", first.receive());
        Probe.awaitWaitingInChannel(sender.thread());
        sender.thread().interrupt();
        assertEquals(TAKEN, after.get(Peer.PROMPTLY.toNanos(), TimeUnit.NANOSECONDS));
        assertThrows(ChannelClosedException.class, () -> first.send("answer"));
        assertEquals(1, first.taken(), "the answer was taken before the second closed");
        assertEquals("answer", sender.join());
    }

    /** A call interrupted again while its reply is still pending throws again and keeps the reply pending. */
    @EachConfig
    void interruptedAgainWhileTheReplyIsPending(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        Endpoint<String, String> first = ch.first();
        Endpoint<String, String> second = ch.second();
        List<After> afters = new ArrayList<>();
        CountDownLatch interruptedTwice = new CountDownLatch(2);
        Peer<String> sender = config.start("second", () -> {
            for (int i = 0; i < 2; i++) {
                try {
                    if (i == 0) {
                        second.send("x");
                    } else {
                        second.receive();
                    }
                    throw new AssertionError("returned without an answer");
                } catch (InterruptedException e) {
                    synchronized (afters) {
                        afters.add(After.of(second));
                    }
                    interruptedTwice.countDown();
                }
            }
            try (second) {
                return second.receive();
            }
        });
        assertEquals("x", first.receive());
        for (int i = 0; i < 2; i++) {
            Probe.awaitWaitingInChannel(sender.thread());
            long before = interruptedTwice.getCount();
            sender.thread().interrupt();
            while (interruptedTwice.getCount() == before) {
                Thread.onSpinWait();
            }
        }
        synchronized (afters) {
            assertEquals(List.of(TAKEN, TAKEN), afters);
        }
        assertThrows(ChannelClosedException.class, () -> first.send("answer"));
        assertEquals("answer", sender.join());
    }

    // ---------------------------------------------------------------- helpers

    /** Receives until the channel closes. */
    private static List<String> drain(Endpoint<String, String> e) {
        List<String> got = new ArrayList<>();
        e.forEach(got::add);
        return got;
    }

    /** A peer that receives on {@code e} until the channel closes. */
    private static Peer<List<String>> collect(Config config, Endpoint<String, String> e) {
        return config.start("collector", () -> drain(e));
    }

    /** The second endpoint of a channel whose first endpoint never started waits in start(). */
    private static void assertSecondStillWaitsForTheStart(Config config, Channel<String, String> ch)
            throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Peer<Void> second = config.start("second", () -> {
            try (var e = ch.second()) {
                e.start();
                started.countDown();
                e.send("a");
            }
            return null;
        });
        Probe.awaitWaitingInChannel(second.thread());
        assertEquals(1, started.getCount(), "no start signal went over");
        assertEquals(List.of("a"), drain(ch.first()));
        second.join();
    }
}
