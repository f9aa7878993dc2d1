package dev.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.testing.Config;
import dev.channels.testing.EachConfig;
import dev.channels.testing.Peer;
import dev.channels.testing.Probe;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;

/**
 * Iteration and streams (DESIGN.md, "Iteration and streams"): each step is a {@code receive()};
 * a plain close ends it, a close with a cause throws; the stream is lazy and closing it closes the
 * endpoint; an interrupt throws {@link ChannelInterruptedException} with the status set, and
 * iteration resumes without losing a value.
 */
@Timeout(20)
class IterationTest {

    /** A peer that sends {@code values} on the second endpoint and then closes it. */
    private static Peer<Void> sendAndClose(Config config, Endpoint<Void, String> out, String... values) {
        return config.start("sender", () -> {
            try (out) {
                for (String v : values) {
                    out.send(v);
                }
            }
            return null;
        });
    }

    /** Iteration returns every value in order, nulls included, and ends normally when the sender closes. */
    @EachConfig
    void iterationEndsNormallyOnAPlainClose(Config config) throws Exception {
        Channel<String, Void> ch = config.channel();
        Peer<Void> sender = sendAndClose(config, ch.second(), "a", null, "b", null);
        List<String> got = new ArrayList<>();
        for (String s : ch.first()) {
            got.add(s);
        }
        assertEquals(Arrays.asList("a", null, "b", null), got);
        sender.join();
    }

    /** Closing the iterating endpoint itself, from another thread, ends its iteration normally too. */
    @EachConfig
    void iterationEndsNormallyWhenItsOwnEndpointCloses(Config config) throws Exception {
        Channel<String, Void> ch = config.channel();
        Endpoint<String, Void> in = ch.first();
        Peer<List<String>> iterating = config.start("iterating", () -> {
            List<String> got = new ArrayList<>();
            in.forEach(got::add);
            return got;
        });
        Probe.awaitWaitingInChannel(iterating.thread());
        in.close();
        assertEquals(List.of(), iterating.join(Peer.PROMPTLY));
    }

    /**
     * A close with a cause makes iteration throw {@link ChannelClosedException} with that cause,
     * after the values sent before it.
     */
    @EachConfig
    void iterationThrowsOnACloseWithACause(Config config) throws Exception {
        Channel<String, Void> ch = config.channel();
        Exception cause = new Exception("the reason");
        Peer<Void> sender = config.start("sender", () -> {
            Endpoint<Void, String> out = ch.second();
            out.send("a");
            out.close(cause);
            return null;
        });
        Iterator<String> it = ch.first().iterator();
        assertEquals("a", it.next());
        ChannelClosedException e = assertThrows(ChannelClosedException.class, it::hasNext);
        assertSame(cause, e.getCause());
        assertSame(cause, assertThrows(ChannelClosedException.class, it::hasNext).getCause(), "and again");
        sender.join();

        Channel<String, Void> ch2 = config.channel();
        ch2.second().close(cause);
        assertSame(cause, assertThrows(ChannelClosedException.class, () -> ch2.first().stream().toList()).getCause(),
                "a stream throws the cause too");
    }

    /**
     * {@code hasNext()} blocks until a value or the end arrives and takes one value however often
     * it is called; {@code next()} works without {@code hasNext()}; after the end, {@code hasNext()}
     * stays false and {@code next()} throws {@link NoSuchElementException}.
     */
    @EachConfig
    void hasNextBlocksAndIsIdempotent(Config config) throws Exception {
        Channel<String, Void> ch = config.channel();
        Iterator<String> it = ch.first().iterator();
        Peer<Boolean> waiting = config.start("iterating", it::hasNext);
        Probe.awaitWaitingInChannel(waiting.thread());
        assertFalse(waiting.isDone(), "hasNext() waits for a value");
        Peer<Void> sender = sendAndClose(config, ch.second(), "a", "b", "c");
        assertTrue(waiting.join());
        assertTrue(it.hasNext());
        assertTrue(it.hasNext());
        assertEquals("a", it.next());
        assertEquals("b", it.next());
        assertTrue(it.hasNext());
        assertEquals("c", it.next());
        assertFalse(it.hasNext());
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
        sender.join();
    }

    /**
     * {@code stream()} is lazy: making the stream and its pipeline receives nothing (the second
     * endpoint still waits for the start), and a short-circuiting operation receives only the
     * values it needs.
     */
    @EachConfig
    void streamIsLazy(Config config) throws Exception {
        Channel<String, Void> ch = config.channel();
        Endpoint<String, Void> in = ch.first();
        Stream<String> pipeline = in.stream().map(String::toUpperCase).limit(2);
        AtomicInteger sends = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        Endpoint<Void, String> out = ch.second();
        Peer<Void> sender = config.start("sender", () -> {
            out.start();
            started.countDown();
            for (String v : List.of("a", "b", "c", "d")) {
                sends.incrementAndGet();
                out.send(v);
            }
            return null;
        });
        Probe.awaitWaitingInChannel(sender.thread());
        assertEquals(1, started.getCount(), "making the stream started nothing");
        assertEquals(List.of("A", "B"), pipeline.toList());
        Probe.awaitWaitingInChannel(sender.thread());
        assertEquals(2, sends.get(), "the sender is still in its second send: the stream asked for no third value");
        assertFalse(in.isClosed(), "a stream that is not closed leaves the endpoint open");
        in.close();
        sender.failure(ChannelClosedException.class);
        assertEquals(1, out.taken(), "b was taken");
    }

    /** Closing the stream closes the endpoint: the sender's pending send throws, and so does every later call. */
    @EachConfig
    void closingTheStreamClosesTheEndpoint(Config config) throws Exception {
        Channel<String, Void> ch = config.channel();
        Endpoint<String, Void> in = ch.first();
        Peer<Void> sender = config.start("sender", () -> {
            Endpoint<Void, String> out = ch.second();
            for (int i = 0; ; i++) {
                out.send("v" + i);
            }
        });
        try (Stream<String> s = in.stream()) {
            assertEquals("v0", s.findFirst().orElseThrow());
        }
        assertTrue(in.isClosed());
        assertTrue(sender.failure(ChannelClosedException.class, Peer.PROMPTLY).isClosedByOtherEnd());
        assertThrows(ChannelClosedException.class, in::receive);

        Channel<String, Void> unused = config.channel();
        unused.first().stream().close();
        assertTrue(unused.second().isClosed(), "closing a stream that never ran closes the endpoint too");
    }

    /**
     * An interrupt while an iteration waits, before its request was taken, throws
     * {@link ChannelInterruptedException} with the status set again and the
     * {@link InterruptedException} as cause; the iteration then resumes and loses nothing.
     */
    @EachConfig
    void interruptBeforeTheRequestWasTakenThenResume(Config config) throws Exception {
        Channel<String, Void> ch = config.channel();
        Endpoint<String, Void> in = ch.first();
        CompletableFuture<Boolean> statusSet = new CompletableFuture<>();
        Peer<List<String>> iterating = config.start("iterating", () -> {
            Iterator<String> it = in.iterator();
            ChannelInterruptedException e = assertThrows(ChannelInterruptedException.class, it::hasNext);
            assertInstanceOf(InterruptedException.class, e.getCause());
            statusSet.complete(Thread.interrupted()); // clears the status, to resume
            assertFalse(in.isReplyPending(), "the request was not taken");
            List<String> got = new ArrayList<>();
            it.forEachRemaining(got::add);
            return got;
        });
        Probe.awaitWaitingInChannel(iterating.thread());
        iterating.thread().interrupt();
        assertTrue(statusSet.get(Peer.PROMPTLY.toNanos(), TimeUnit.NANOSECONDS), "the status is set again");
        Peer<Void> sender = sendAndClose(config, ch.second(), "a", "b");
        assertEquals(List.of("a", "b"), iterating.join());
        sender.join();
    }

    /**
     * An interrupt while an iteration waits for the answer to a request the sender already took
     * throws {@link ChannelInterruptedException}; the next step returns that answer: nothing is
     * lost or asked for twice.
     */
    @EachConfig
    void interruptAfterTheRequestWasTakenThenResume(Config config) throws Exception {
        Channel<String, Void> ch = config.channel();
        Endpoint<String, Void> in = ch.first();
        Endpoint<Void, String> out = ch.second();
        CountDownLatch aReturned = new CountDownLatch(1);
        CountDownLatch sendB = new CountDownLatch(1);
        Peer<Void> sender = config.start("sender", () -> {
            try (out) {
                out.send("a"); // returns once the iteration asked for the next value
                aReturned.countDown();
                sendB.await();
                out.send("b");
            }
            return null;
        });
        CompletableFuture<Boolean> pending = new CompletableFuture<>();
        Peer<List<String>> iterating = config.start("iterating", () -> {
            List<String> got = new ArrayList<>();
            Iterator<String> it = in.iterator();
            got.add(it.next());
            ChannelInterruptedException e = assertThrows(ChannelInterruptedException.class, it::hasNext);
            assertTrue(Thread.interrupted(), "the status is set again");
            pending.complete(in.isReplyPending());
            assertInstanceOf(InterruptedException.class, e.getCause());
            it.forEachRemaining(got::add);
            return got;
        });
        aReturned.await();
        Probe.awaitWaitingInChannel(iterating.thread());
        iterating.thread().interrupt();
        assertTrue(pending.get(Peer.PROMPTLY.toNanos(), TimeUnit.NANOSECONDS),
                "the request was taken: a reply is pending");
        sendB.countDown();
        assertEquals(List.of("a", "b"), iterating.join());
        sender.join();
    }

    /**
     * Iteration and streams started with the interrupt status set throw {@link
     * ChannelInterruptedException} at once and keep the status set.
     */
    @EachConfig
    void iterationWithTheStatusSetThrowsAtOnce(Config config) throws Exception {
        Channel<String, Void> ch = config.channel();
        Endpoint<String, Void> in = ch.first();
        config.start("iterating", () -> {
            Thread.currentThread().interrupt();
            assertThrows(ChannelInterruptedException.class, () -> in.iterator().hasNext());
            assertTrue(Thread.currentThread().isInterrupted(), "the status is still set");
            assertThrows(ChannelInterruptedException.class, () -> in.stream().findFirst());
            assertTrue(Thread.interrupted(), "the status is still set");
            assertFalse(in.isReplyPending(), "nothing was handed over");
            return null;
        }).join(Peer.PROMPTLY);
        Peer<Void> sender = sendAndClose(config, ch.second(), "a");
        assertEquals(List.of("a"), in.stream().toList());
        sender.join();
    }
}
