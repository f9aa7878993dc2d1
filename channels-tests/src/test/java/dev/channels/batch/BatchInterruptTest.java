package dev.channels.batch;

import static dev.channels.batch.Items.drain;
import static dev.channels.batch.Items.list;
import static dev.channels.batch.Items.region;
import static dev.channels.batch.Items.seq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.channels.Channel;
import dev.channels.Endpoint;
import dev.channels.testing.Config;
import dev.channels.testing.EachConfig;
import dev.channels.testing.Peer;
import dev.channels.testing.Probe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Interrupts (and timeouts) part-way through a batch: {@code taken()} tells exactly what went over,
 * a reply is pending if and only if something did, and the sender resumes with {@code receive()}
 * and the rest, so that the receiver gets every item exactly once, in order.
 */
class BatchInterruptTest {
    @RegisterExtension
    final Cleanup cleanup = new Cleanup();


    static final int N = 10;

    /** What the interrupted sender saw, right after its InterruptedException. */
    record Seen(int taken, boolean replyPending, boolean stillInterrupted, int pulled) {
    }

    /**
     * The sender is interrupted after the receiver took k items: {@code taken() == k}; if k > 0 a
     * reply is pending and {@code receive()} then {@code sendAll} of the rest resumes; if k == 0
     * nothing went over and the whole batch is sent again. The receiver gets each item once.
     */
    @EachConfig
    @Timeout(30)
    void senderInterruptedAfterK(Config config) throws Exception {
        for (boolean iterator : new boolean[] {false, true}) {
            for (int k : new int[] {0, 1, 6, N}) {
                String what = (iterator ? "iterator" : "array") + ", k " + k;
                Channel<Integer, Void> ch = cleanup.channel(config);
                Endpoint<Integer, Void> receiver = ch.first();
                Endpoint<Void, Integer> sender = ch.second();
                CompletableFuture<Seen> seen = new CompletableFuture<>();
                Peer<Void> peer = config.start("sender", () -> {
                    Integer[] items = seq(0, N);
                    Source source = new Source(0, N);
                    try (sender) {
                        try {
                            if (iterator) {
                                sender.sendAll(source);
                            } else {
                                sender.sendAll(items, 0, N);
                            }
                            fail("sendAll returned although interrupted");
                        } catch (InterruptedException e) {
                            int taken = sender.taken();
                            seen.complete(new Seen(taken, sender.isReplyPending(),
                                    Thread.currentThread().isInterrupted(), source.pulled()));
                            if (sender.isReplyPending()) {
                                assertNull(sender.receive(), "the receiver's answer to a batch is null");
                            }
                            if (iterator) {
                                sender.sendAll(source); // the iterator goes on where the receiver left it
                            } else {
                                sender.sendAll(items, taken, N - taken);
                            }
                        }
                    }
                    return null;
                });
                List<Integer> got = BatchCloseTest.take(receiver, k, iterator);
                Probe.awaitWaitingInChannel(peer.thread());
                peer.thread().interrupt();
                Seen s = seen.get();
                assertEquals(k, s.taken(), what);
                assertEquals(k > 0, s.replyPending(), what + ": reply pending");
                assertFalse(s.stillInterrupted(), what + ": the interrupt status is cleared");
                if (iterator) {
                    assertEquals(k, s.pulled(), what + ": pulled");
                }
                got.addAll(drain(receiver, new Integer[3]));
                peer.join();
                assertEquals(list(0, N), got, what + ": every item exactly once, in order");
            }
        }
    }

    /**
     * The sender is interrupted while the receiving thread is inside the iterator's {@code next()}:
     * {@code sendAll} waits for {@code next()} to return, {@code taken()} counts the item pulled,
     * and resuming delivers the rest.
     */
    @EachConfig
    @Timeout(20)
    void senderInterruptedWhileReceiverInsideNext(Config config) throws Exception {
        Channel<Integer, Void> ch = cleanup.channel(config);
        Endpoint<Integer, Void> receiver = ch.first();
        Endpoint<Void, Integer> sender = ch.second();
        CountDownLatch insideNext = new CountDownLatch(1);
        CountDownLatch releaseNext = new CountDownLatch(1);
        Source source = new Source(0, N).blockingAt(2, insideNext, releaseNext);
        CompletableFuture<Seen> seen = new CompletableFuture<>();
        Peer<Void> peer = config.start("sender", () -> {
            try (sender) {
                try {
                    sender.sendAll(source);
                    fail("sendAll returned although interrupted");
                } catch (InterruptedException e) {
                    seen.complete(new Seen(sender.taken(), sender.isReplyPending(),
                            Thread.currentThread().isInterrupted(), source.pulled()));
                    sender.receive();
                    sender.sendAll(source);
                }
            }
            return null;
        });
        Peer<List<Integer>> rec = config.start("receiver", () -> Items.drainOneByOne(receiver));
        Waits.await(insideNext);
        peer.thread().interrupt();
        Waits.awaitWaitingForIterator(peer.thread());
        assertFalse(seen.isDone(), "sendAll ended while the receiving thread was inside next()");
        releaseNext.countDown();
        Seen s = seen.get();
        assertEquals(3, s.taken(), "taken() counts the item pulled");
        assertEquals(3, s.pulled());
        assertTrue(s.replyPending());
        assertFalse(s.stillInterrupted());
        peer.join();
        assertEquals(list(0, N), rec.join());
        assertEquals(Set.of(rec.thread()), source.callers());
    }

    /**
     * The sender is interrupted while the receiving thread is in {@code hasNext()}: if that finds
     * the iterator exhausted, the batch is over although nothing was taken, so {@code taken()} is
     * the count pulled and a reply is pending all the same: {@code isReplyPending()}, not
     * {@code taken() > 0}, says whether to {@code receive()} first.
     */
    @EachConfig
    @Timeout(20)
    void senderInterruptedWhileReceiverFindsTheEnd(Config config) throws Exception {
        for (int n : new int[] {0, 2}) {
            Channel<Integer, Void> ch = cleanup.channel(config);
            Endpoint<Integer, Void> receiver = ch.first();
            Endpoint<Void, Integer> sender = ch.second();
            CountDownLatch insideHasNext = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Source source = new Source(0, n).blockingInHasNextAt(n, insideHasNext, release);
            CompletableFuture<Seen> seen = new CompletableFuture<>();
            Peer<Void> peer = config.start("sender", () -> {
                try (sender) {
                    try {
                        sender.sendAll(source);
                        fail("sendAll returned although interrupted");
                    } catch (InterruptedException e) {
                        seen.complete(new Seen(sender.taken(), sender.isReplyPending(),
                                Thread.currentThread().isInterrupted(), source.pulled()));
                        if (sender.isReplyPending()) {
                            sender.receive();
                        }
                        sender.send(100);
                    }
                }
                return null;
            });
            Peer<List<Integer>> rec = config.start("receiver", () -> Items.drainOneByOne(receiver));
            Waits.await(insideHasNext);
            peer.thread().interrupt();
            Waits.awaitWaitingForIterator(peer.thread());
            release.countDown();
            Seen s = seen.get();
            assertEquals(n, s.taken(), "n " + n);
            assertTrue(s.replyPending(), "n " + n + ": the receiver reached the end, so it holds the turn");
            peer.join();
            List<Integer> expected = new ArrayList<>(list(0, n));
            expected.add(100);
            assertEquals(expected, rec.join(), "n " + n);
        }
    }

    /**
     * A sendAll (or send) entered with the interrupt status set throws at once and hands nothing
     * over: {@code taken()} is 0 even after an earlier call took items, no reply is pending, the
     * status is cleared, and the same batch can then be sent.
     */
    @EachConfig
    @Timeout(20)
    void interruptedOnEntry(Config config) throws Exception {
        Channel<Integer, Void> ch = cleanup.channel(config);
        Endpoint<Integer, Void> receiver = ch.first();
        Endpoint<Void, Integer> sender = ch.second();
        Peer<Void> peer = config.start("sender", () -> {
            try (sender) {
                sender.sendAll(seq(0, 5), 0, 5);
                assertEquals(5, sender.taken());
                Integer[] next = seq(5, 5);
                Thread.currentThread().interrupt();
                assertThrows(InterruptedException.class, () -> sender.sendAll(next, 0, 5));
                assertEquals(0, sender.taken(), "taken() of a sendAll interrupted on entry");
                assertFalse(sender.isReplyPending());
                assertFalse(Thread.currentThread().isInterrupted());
                sender.sendAll(next, 0, 5);

                Source source = new Source(10, 5);
                Thread.currentThread().interrupt();
                assertThrows(InterruptedException.class, () -> sender.sendAll(source));
                assertEquals(0, sender.taken(), "taken() of a sendAll(iterator) interrupted on entry");
                assertEquals(0, source.pulled());
                sender.sendAll(source);

                sender.send(15);
                assertEquals(1, sender.taken());
                Thread.currentThread().interrupt();
                assertThrows(InterruptedException.class, () -> sender.send(16));
                assertEquals(0, sender.taken(), "taken() of a send interrupted on entry");
                sender.send(16);
            }
            return null;
        });
        List<Integer> got = drain(receiver, new Integer[4]);
        peer.join();
        assertEquals(list(0, 17), got);
    }

    /**
     * receiveInto interrupted while it waits, or entered with the interrupt status set in the middle
     * of a batch, throws InterruptedException and takes no item: the next call gets it.
     */
    @EachConfig
    @Timeout(20)
    void receiveIntoInterrupted(Config config) throws Exception {
        Channel<Integer, Void> ch = cleanup.channel(config);
        Endpoint<Integer, Void> receiver = ch.first();
        Endpoint<Void, Integer> sender = ch.second();
        CountDownLatch interrupted = new CountDownLatch(1);
        Peer<List<Integer>> rec = config.start("receiver", () -> {
            Integer[] buffer = new Integer[4];
            assertThrows(InterruptedException.class, () -> receiver.receiveInto(buffer, 0, 4));
            assertFalse(Thread.currentThread().isInterrupted());
            interrupted.countDown();
            List<Integer> got = new ArrayList<>();
            int n = receiver.receiveInto(buffer, 0, 4);
            got.addAll(region(buffer, 0, n));
            Thread.currentThread().interrupt(); // in the middle of the batch: items are there
            assertThrows(InterruptedException.class, () -> receiver.receiveInto(buffer, 0, 4));
            got.addAll(drain(receiver, buffer));
            return got;
        });
        Probe.awaitWaitingInChannel(rec.thread());
        rec.thread().interrupt();
        Waits.await(interrupted);
        try (sender) {
            sender.sendAll(seq(0, N), 0, N);
        }
        assertEquals(list(0, N), rec.join());
    }

    /**
     * A timed receive that expires before a batch arrives leaves nothing behind, and a timed
     * receive never times out while items of the current batch remain.
     */
    @EachConfig
    @Timeout(20)
    void timedReceiveAroundABatch(Config config) throws Exception {
        Channel<Integer, Void> ch = cleanup.channel(config);
        Endpoint<Integer, Void> receiver = ch.first();
        Endpoint<Void, Integer> sender = ch.second();
        CountDownLatch go = new CountDownLatch(1);
        Peer<Void> peer = config.start("sender", () -> {
            try (sender) {
                sender.start();
                Waits.await(go);
                sender.sendAll(seq(0, N), 0, N);
                sender.sendAll(new Source(N, N));
            }
            return null;
        });
        assertThrows(TimeoutException.class, () -> receiver.receive(Duration.ofMillis(5)));
        assertThrows(TimeoutException.class, () -> receiver.receive(Duration.ZERO));
        go.countDown();
        List<Integer> got = new ArrayList<>();
        got.add(receiver.receive(Duration.ofSeconds(20)));
        for (int i = 1; i < N; i++) {
            got.add(receiver.receive(Duration.ZERO)); // items of the current batch are there at once
        }
        got.add(receiver.receive(Duration.ofSeconds(20))); // asks for more: the iterator batch
        for (int i = 1; i < N; i++) {
            got.add(receiver.receive(Duration.ZERO)); // pulled at once
        }
        assertEquals(list(0, 2 * N), got);
        assertEquals(-1, receiver.receiveInto(new Integer[2], 0, 2));
        peer.join();
    }
}
