package dev.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.testing.Config;
import dev.channels.testing.EachConfig;
import dev.channels.testing.Peer;
import dev.channels.testing.Probe;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * Closing (DESIGN.md, "Closing and failure"): idempotent, from any thread, wakes a blocked peer
 * promptly, makes every later call on either end throw, keeps what was handed over, and carries
 * a cause (first close wins).
 */
@Timeout(20)
class ClosingTest {

    /** {@code close()} is idempotent and may be called from any thread, on either endpoint, any number of times. */
    @EachConfig
    void closeIsIdempotentFromAnyThread(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        assertFalse(ch.first().isClosed());
        assertFalse(ch.second().isClosed());
        Peer<Void> a = config.start("closer-a", () -> {
            ch.second().close();
            ch.second().close();
            return null;
        });
        Peer<Void> b = config.start("closer-b", () -> {
            ch.first().close();
            ch.second().close();
            return null;
        });
        a.join();
        b.join();
        ch.first().close();
        ch.first().close(new IllegalStateException("late")); // the first close won: ignored
        assertTrue(ch.first().isClosed());
        assertTrue(ch.second().isClosed());
        ChannelClosedException e = assertThrows(ChannelClosedException.class, ch.first()::receive);
        assertNull(e.getCause(), "the first close had no cause");
    }

    /**
     * A first endpoint blocked in its first receive, before anything was sent, is woken promptly by
     * a close of the other end.
     */
    @EachConfig
    void closeWakesAReceiverBeforeAnythingWasSent(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        Endpoint<String, String> first = ch.first();
        Peer<String> receiver = config.start("receiver", first::receive);
        Probe.awaitWaitingInChannel(receiver.thread());
        ch.second().close();
        ChannelClosedException e = receiver.failure(ChannelClosedException.class, Peer.PROMPTLY);
        assertTrue(e.isClosedByOtherEnd());
        assertNull(e.getCause());
        assertEquals(0, first.taken(), "the start signal was never taken");
    }

    /** A second endpoint blocked in {@code start()} is woken promptly by a close of either end, from any thread. */
    @EachConfig
    void closeWakesASecondEndpointBlockedInStart(Config config) throws Exception {
        for (boolean closeFirst : new boolean[] {true, false}) {
            Channel<String, String> ch = config.channel();
            Peer<Void> starter = config.start("starter", () -> {
                ch.second().start();
                return null;
            });
            Probe.awaitWaitingInChannel(starter.thread());
            (closeFirst ? ch.first() : ch.second()).close();
            ChannelClosedException e = starter.failure(ChannelClosedException.class, Peer.PROMPTLY);
            assertEquals(closeFirst, e.isClosedByOtherEnd(), "who closed");
        }
    }

    /**
     * A second endpoint blocked in its first send, waiting for the first endpoint to start, is
     * woken promptly by a close; its value was not taken.
     */
    @EachConfig
    void closeWakesASenderWaitingForTheStart(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        Endpoint<String, String> second = ch.second();
        Peer<String> sender = config.start("sender", () -> second.send("x"));
        Probe.awaitWaitingInChannel(sender.thread());
        ch.first().close();
        assertTrue(sender.failure(ChannelClosedException.class, Peer.PROMPTLY).isClosedByOtherEnd());
        assertEquals(0, second.taken());
        assertFalse(second.isReplyPending());
    }

    /**
     * A value in transit that was not taken when the channel closed stays its sender's: the
     * sender learns {@code taken() == 0} and the other end never receives it.
     */
    @EachConfig
    void aValueNotTakenBeforeTheCloseStaysTheSenders(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        Endpoint<String, String> first = ch.first();
        Endpoint<String, String> second = ch.second();
        first.start();
        CountDownLatch started = new CountDownLatch(1);
        Peer<String> sender = config.start("sender", () -> {
            second.start(); // takes the start signal at once
            started.countDown();
            return second.send("x"); // deposits x; nobody takes it
        });
        started.await();
        Probe.awaitWaitingInChannel(sender.thread());
        first.close();
        sender.failure(ChannelClosedException.class, Peer.PROMPTLY);
        assertEquals(0, second.taken(), "x was not taken");
        ChannelClosedException e = assertThrows(ChannelClosedException.class, first::receive);
        assertFalse(e.isClosedByOtherEnd(), "the first endpoint closed the channel");
    }

    /**
     * A value taken before the close is returned at the other end, and its sender, woken by the
     * close while it waits for the answer, learns {@code taken() == 1}.
     */
    @EachConfig
    void aValueTakenBeforeTheCloseIsReceivedAndCounted(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        Endpoint<String, String> second = ch.second();
        Peer<String> sender = config.start("sender", () -> second.send("x"));
        assertEquals("x", ch.first().receive());
        Probe.awaitWaitingInChannel(sender.thread());
        ch.first().close();
        assertTrue(sender.failure(ChannelClosedException.class, Peer.PROMPTLY).isClosedByOtherEnd());
        assertEquals(1, second.taken(), "x was taken");
    }

    /** Values handed over before a close are all received, in order, before the receiver sees the close. */
    @EachConfig
    void valuesSentBeforeTheCloseAreReceivedFirst(Config config) throws Exception {
        Channel<String, Void> ch = config.channel();
        Peer<Void> sender = config.start("sender", () -> {
            try (var out = ch.second()) {
                out.send("a");
                out.send("b");
                out.send("c");
            }
            return null;
        });
        Endpoint<String, Void> in = ch.first();
        assertEquals("a", in.receive());
        assertEquals("b", in.receive());
        assertEquals("c", in.receive());
        ChannelClosedException e = assertThrows(ChannelClosedException.class, in::receive);
        assertTrue(e.isClosedByOtherEnd());
        sender.join();
    }

    /**
     * Closing an endpoint from another thread than the one blocked on it cancels that call
     * promptly; the exception says this end closed, not the other.
     */
    @EachConfig
    void closeCancelsACallBlockedOnTheSameEndpoint(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        Endpoint<String, String> first = ch.first();
        Peer<String> receiver = config.start("receiver", () -> first.receive(Duration.ofMinutes(5)));
        Probe.awaitWaitingInChannel(receiver.thread());
        first.close(); // from this thread, not the receiver's
        ChannelClosedException e = receiver.failure(ChannelClosedException.class, Peer.PROMPTLY);
        assertFalse(e.isClosedByOtherEnd());
        assertTrue(ch.second().isClosed());
    }

    /**
     * After a close, every call on either endpoint throws {@link ChannelClosedException} at once,
     * whatever state the endpoint was in, and {@code receiveInto} reports the end with -1.
     */
    @EachConfig
    void everyLaterCallOnEitherEndThrows(Config config) throws Exception {
        for (int when = 0; when < 3; when++) {
            Channel<String, String> ch = config.channel();
            Endpoint<String, String> first = ch.first();
            Endpoint<String, String> second = ch.second();
            if (when >= 1) { // the first endpoint started: a reply is pending
                first.start();
            }
            if (when >= 2) { // one value each way: the first holds the turn
                Peer<String> s = config.start("second", () -> second.send("v"));
                assertEquals("v", first.receive());
                Probe.awaitWaitingInChannel(s.thread());
                second.close();
                s.failure(ChannelClosedException.class, Peer.PROMPTLY);
            } else {
                second.close();
            }
            int state = when;
            Peer<Void> calls = config.start("late-calls", () -> {
                for (Endpoint<String, String> e : List.of(first, second)) {
                    boolean otherEnd = e == first;
                    String where = (e == first ? "first" : "second") + " endpoint, state " + state;
                    for (Map.Entry<String, Executable> call : lateCalls(e).entrySet()) {
                        String what = call.getKey() + " on the " + where;
                        ChannelClosedException x = assertThrows(ChannelClosedException.class, call.getValue(), what);
                        assertEquals(otherEnd, x.isClosedByOtherEnd(), what);
                        assertNull(x.getCause(), what);
                    }
                    assertEquals(-1, e.receiveInto(new String[1], 0, 1), where);
                    assertFalse(e.iterator().hasNext(), where);
                    assertEquals(0, e.stream().count(), where);
                }
                return null;
            });
            calls.join(Peer.PROMPTLY);
        }
    }

    private static Map<String, Executable> lateCalls(Endpoint<String, String> e) {
        Map<String, Executable> calls = new LinkedHashMap<>();
        calls.put("receive()", e::receive);
        calls.put("send(null)", () -> e.send(null));
        calls.put("send(v)", () -> e.send("v"));
        calls.put("send(v, 1 min)", () -> e.send("v", Duration.ofMinutes(1)));
        calls.put("receive(ZERO)", () -> e.receive(Duration.ZERO));
        calls.put("start()", e::start);
        calls.put("open()", e::open);
        calls.put("sendAll(array)", () -> e.sendAll(new String[] {"v"}, 0, 1));
        calls.put("sendAll(iterable)", () -> e.sendAll(List.of("v")));
        return calls;
    }

    /**
     * {@code close(cause)} wakes the other end with the cause, every later call on either end
     * carries it, and the first close wins over later ones, with or without a cause.
     */
    @EachConfig
    void closeWithACauseCarriesItAndTheFirstCloseWins(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        Endpoint<String, String> first = ch.first();
        Endpoint<String, String> second = ch.second();
        Peer<String> receiver = config.start("receiver", first::receive);
        Probe.awaitWaitingInChannel(receiver.thread());
        Exception cause = new Exception("the reason");
        second.close(cause);
        second.close(new Exception("later"));
        first.close(new Exception("later still"));
        second.close();
        ChannelClosedException e = receiver.failure(ChannelClosedException.class, Peer.PROMPTLY);
        assertSame(cause, e.getCause());
        assertTrue(e.isClosedByOtherEnd());
        ChannelClosedException atCloser = assertThrows(ChannelClosedException.class, () -> second.send("v"));
        assertSame(cause, atCloser.getCause());
        assertFalse(atCloser.isClosedByOtherEnd());
        assertSame(cause, assertThrows(ChannelClosedException.class, first::receive).getCause());
        assertSame(cause, assertThrows(ChannelClosedException.class,
                () -> first.receiveInto(new String[1], 0, 1)).getCause(), "receiveInto throws the cause, not -1");
        assertSame(cause, assertThrows(ChannelClosedException.class, () -> first.iterator().hasNext()).getCause());

        Channel<String, String> plainFirst = config.channel();
        plainFirst.second().close();
        plainFirst.second().close(new Exception("too late"));
        assertNull(assertThrows(ChannelClosedException.class, plainFirst.first()::receive).getCause(),
                "a plain close won over a later close with a cause");
    }

    /** {@code close(null)} is rejected and leaves the channel open. */
    @EachConfig
    void closeWithANullCauseIsRejected(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        assertThrows(NullPointerException.class, () -> ch.first().close(null));
        assertFalse(ch.first().isClosed());
        Peer<String> sender = config.start("sender", () -> ch.second().send("a"));
        assertEquals("a", ch.first().receive(), "the channel still works");
        ch.first().close();
        sender.failure(ChannelClosedException.class);
    }
}
