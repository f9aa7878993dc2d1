package dev.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.testing.Config;
import dev.channels.testing.EachConfig;
import dev.channels.testing.Peer;
import dev.channels.testing.Probe;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Endpoint#post}: hands a value over without waiting for the answer (DESIGN.md,
 * "Alternation", "Hand over without waiting"). The answer is a later arrival; until then a reply
 * is pending, as after a {@code send} cut short; a value the close beats stays the poster's.
 */
@Timeout(20)
class PostTest {

    /** post returns at once; the other end takes the value, and the answer is the poster's next receive. */
    @EachConfig
    void postHandsOverWithoutWaiting(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        Endpoint<String, String> server = ch.first();
        Endpoint<String, String> client = ch.second();
        server.post(null); // the first endpoint's first post is the start signal, like start()
        assertTrue(server.isReplyPending());
        client.post("request 1");
        assertEquals("request 1", server.receive());
        assertFalse(server.isReplyPending(), "the server holds the turn");
        server.post("reply 1");
        assertTrue(server.isReplyPending());
        assertEquals("reply 1", client.receive(), "the client took the reply");
        client.post("request 2");
        assertEquals("request 2", server.receive());
    }

    /** A server on one thread answering with post, a client on another calling send: every reply matches its request. */
    @EachConfig
    void postServesAClientOnAnotherThread(Config config) throws Exception {
        Channel<Integer, Integer> ch = config.channel();
        int calls = config.rounds(1_000, 50_000);
        Peer<Void> client = config.start("client", () -> {
            try (Endpoint<Integer, Integer> c = ch.second()) {
                for (int i = 0; i < calls; i++) {
                    assertEquals(i * 2, c.send(i));
                }
            }
            return null;
        });
        Endpoint<Integer, Integer> server = ch.first();
        int answered = 0;
        try {
            while (true) {
                int request = server.receive();
                server.post(request * 2);
                answered++;
            }
        } catch (ChannelClosedException end) {
            assertTrue(end.isClosedByOtherEnd());
        }
        assertEquals(calls, answered);
        client.join();
    }

    /** post on the first endpoint's first call must carry null (the start signal); a value is refused and nothing changes. */
    @EachConfig
    void firstPostMustBeTheStartSignal(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        assertThrows(IllegalStateException.class, () -> ch.first().post("too early"));
        assertFalse(ch.first().isReplyPending());
        ch.first().post(null);
        ch.second().post("after the start");
        assertEquals("after the start", ch.first().receive());
    }

    /** On the second endpoint before the start, post waits for the start signal; interrupted there, it hands nothing over. */
    @EachConfig
    void secondPostWaitsForTheStartAndIsInterruptible(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        Peer<Boolean> poster = config.start("poster", () -> {
            try {
                ch.second().post("x");
                return false;
            } catch (InterruptedException e) {
                return !Thread.currentThread().isInterrupted() && ch.second().taken() == 0;
            }
        });
        Probe.awaitWaitingInChannel(poster.thread());
        poster.thread().interrupt();
        assertTrue(poster.join(Peer.PROMPTLY), "InterruptedException, status cleared, nothing taken");
        ch.first().post(null);
        Peer<Void> again = config.start("poster-2", () -> {
            ch.second().post("y"); // the start signal is there: no wait
            return null;
        });
        again.join();
        assertEquals("y", ch.first().receive(), "only the second post's value went over");
    }

    /** post with the interrupt status set throws at once and hands nothing over. */
    @EachConfig
    void postInterruptedOnEntryHandsNothingOver(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        ch.first().post(null);
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> ch.second().post("x"));
        assertFalse(Thread.currentThread().isInterrupted());
        assertThrows(TimeoutException.class, () -> ch.first().receive(Duration.ZERO), "nothing went over");
        ch.second().post("y");
        assertEquals("y", ch.first().receive());
    }

    /** post while a reply is pending is refused, on either end, and nothing changes. */
    @EachConfig
    void postWhileAReplyIsPendingIsRefused(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        Endpoint<String, String> a = ch.first();
        Endpoint<String, String> b = ch.second();
        a.post(null);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> a.post(null));
        assertTrue(e.getMessage().contains("pending"), e.getMessage());
        b.post("one");
        assertThrows(IllegalStateException.class, () -> b.post("two"));
        assertThrows(IllegalStateException.class, () -> b.post(null));
        assertEquals("one", a.receive(), "only the first value went over");
        assertThrows(TimeoutException.class, () -> a.receive(Duration.ZERO), "one value only");
    }

    /** post on a closed channel throws ChannelClosedException and hands nothing over: taken() is 0. */
    @EachConfig
    void postOnAClosedChannelHandsNothingOver(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        ch.first().post(null);
        ch.second().post("v");
        assertEquals("v", ch.first().receive());
        ch.second().close();
        ChannelClosedException e = assertThrows(ChannelClosedException.class, () -> ch.first().post("lost?"));
        assertTrue(e.isClosedByOtherEnd());
        assertEquals(0, ch.first().taken());

        Channel<String, String> fresh = config.channel();
        fresh.first().close();
        assertThrows(ChannelClosedException.class, () -> fresh.first().post(null));
        assertEquals(0, fresh.first().taken());
    }

    /** A value posted, then the channel closed before the other end took it: the later receive reports the close with taken() 0. */
    @EachConfig
    void postThenCloseBeforeTakenStaysThePostersValue(Config config) throws Exception {
        for (boolean closeHere : new boolean[] {false, true}) {
            Channel<String, String> ch = config.channel();
            Endpoint<String, String> a = ch.first();
            Endpoint<String, String> b = ch.second();
            holdTheTurn(a, b);
            a.post("reply");
            (closeHere ? a : b).close();
            assertThrows(ChannelClosedException.class, a::receive);
            assertEquals(0, a.taken(), "the reply was not taken: it stays the poster's");
            assertThrows(ChannelClosedException.class, b::receive, "the other end never gets it");
        }
    }

    /**
     * A value posted and taken, then a call refused at once (interrupt status set: taken() 0 for
     * that call), then the close: the call that reports the close, or the next timeout, says the
     * posted value was taken. Found by the randomized stress test's fan-in rounds: the refused
     * call's 0 stuck, and a producer counted a value the consumer had received as its own.
     */
    @EachConfig
    void aRefusedCallInBetweenDoesNotHideThatThePostWasTaken(Config config) throws Exception {
        for (boolean timeoutFirst : new boolean[] {false, true}) {
            Channel<String, String> ch = config.channel();
            Endpoint<String, String> a = ch.first();
            Endpoint<String, String> b = ch.second();
            holdTheTurn(a, b);
            a.post("posted");
            Peer<String> other = config.start("other", b::receive);
            assertEquals("posted", other.join(), "the other end took the posted value");
            if (timeoutFirst) {
                assertThrows(TimeoutException.class, () -> a.receive(Duration.ZERO));
                assertEquals(1, a.taken(), "the timeout reports the post as taken");
            }
            refusedAtOnce(a);
            assertTrue(a.isReplyPending());
            assertThrows(TimeoutException.class, () -> a.receive(Duration.ZERO));
            assertEquals(1, a.taken(), "the next timeout reports the post as taken again");
            refusedAtOnce(a);
            b.close();
            assertThrows(ChannelClosedException.class, a::receive);
            assertEquals(1, a.taken(), "the call that reports the close says the posted value was taken");
        }
    }

    /** The same for a send whose wait was interrupted after its value was taken. */
    @EachConfig
    void aRefusedCallInBetweenDoesNotHideThatASendWasTaken(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        Endpoint<String, String> a = ch.first();
        Endpoint<String, String> b = ch.second();
        holdTheTurn(a, b);
        Peer<Integer> sender = config.start("sender", () -> {
            assertThrows(InterruptedException.class, () -> a.send("sent"));
            return a.taken();
        });
        assertEquals("sent", b.receive(), "the other end took the value and does not answer");
        Probe.awaitWaitingInChannel(sender.thread());
        sender.thread().interrupt();
        assertEquals(1, sender.join(), "interrupted after the take: taken, a reply pending");
        assertTrue(a.isReplyPending());
        refusedAtOnce(a);
        b.close();
        assertThrows(ChannelClosedException.class, a::receive);
        assertEquals(1, a.taken(), "the call that reports the close says the value sent was taken");
    }

    /** A posted value is never withdrawn by a later call that times out or is interrupted: that call did not post it. */
    @EachConfig
    void aLaterCallCutShortDoesNotWithdrawThePost(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        Endpoint<String, String> a = ch.first();
        Endpoint<String, String> b = ch.second();
        holdTheTurn(a, b);
        a.post("posted");
        assertThrows(TimeoutException.class, () -> a.receive(Duration.ofMillis(5)));
        assertThrows(TimeoutException.class, () -> a.send(null, Duration.ZERO));
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, a::receive);
        assertTrue(a.isReplyPending());
        Peer<String> other = config.start("other", b::receive);
        assertEquals("posted", other.join());
        Peer<String> answer = config.start("answer", () -> {
            b.post("answer");
            return null;
        });
        answer.join();
        assertEquals("answer", a.receive());
    }

    /**
     * A batch is one-way: while it is being taken, post is refused, value or null (take it with
     * receive(), which answers the batch with a request once it is over).
     */
    @EachConfig
    void postIsRefusedWhileTakingABatch(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        Peer<String> sender = config.start("sender", () -> {
            ch.second().sendAll(new String[] {"a", "b"}, 0, 2);
            return ch.second().send("c");
        });
        Endpoint<String, String> r = ch.first();
        assertEquals("a", r.receive());
        assertThrows(IllegalStateException.class, () -> r.post("x"), "taking a batch");
        assertThrows(IllegalStateException.class, () -> r.post(null), "taking a batch");
        assertEquals("b", r.receive());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.post("x"));
        assertTrue(e.getMessage().contains("batch"), e.getMessage());
        assertEquals("c", r.receive(), "receive answers the batch and takes the next value");
        r.post("done");
        assertEquals("done", sender.join());
    }

    /** A second thread's post while a call is using the endpoint is refused at once; the call is unaffected. */
    @EachConfig
    void postFromASecondThreadIsRefused(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        Peer<String> receiver = config.start("receiver", () -> ch.first().receive());
        Probe.awaitWaitingInChannel(receiver.thread());
        assertThrows(IllegalStateException.class, () -> ch.first().post(null));
        ch.second().post("v");
        assertEquals("v", receiver.join());
    }

    /** Starts the channel and hands {@code a} the second endpoint's request: {@code a} holds the turn. */
    private static void holdTheTurn(Endpoint<String, String> a, Endpoint<String, String> b) throws InterruptedException {
        a.post(null);
        b.post("request");
        assertEquals("request", a.receive());
    }

    /** A receive() refused at once for the interrupt status set: it hands nothing over, taken() 0. */
    private static void refusedAtOnce(Endpoint<String, String> a) {
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, a::receive);
        assertEquals(0, a.taken(), "a call refused at once hands nothing over");
    }
}
