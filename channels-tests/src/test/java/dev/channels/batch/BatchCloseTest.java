package dev.channels.batch;

import static dev.channels.batch.Items.list;
import static dev.channels.batch.Items.region;
import static dev.channels.batch.Items.seq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.Channel;
import dev.channels.ChannelClosedException;
import dev.channels.Endpoint;
import dev.channels.testing.Config;
import dev.channels.testing.EachConfig;
import dev.channels.testing.Peer;
import dev.channels.testing.Probe;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A batch cut short by a close: the sender learns from {@code taken()} exactly how many items went
 * over, the receiver got exactly those, and the end (or the cause) reaches both sides.
 */
class BatchCloseTest {
    @RegisterExtension
    final Cleanup cleanup = new Cleanup();


    /** What a sender saw when its batch was closed under it. */
    record Outcome(int taken, boolean replyPending, ChannelClosedException e, int pulled) {
    }

    static final int N = 10;

    /** Sends one batch of N items (array or iterator) and reports how the close ended it. */
    static Peer<Outcome> sendOneBatch(Config config, Endpoint<Void, Integer> sender, boolean iterator) {
        return config.start("sender", () -> {
            Source source = new Source(0, N);
            try {
                if (iterator) {
                    sender.sendAll(source);
                } else {
                    sender.sendAll(seq(0, N), 0, N);
                }
            } catch (ChannelClosedException e) {
                return new Outcome(sender.taken(), sender.isReplyPending(), e, source.pulled());
            }
            throw new AssertionError("sendAll returned although the channel was closed");
        });
    }

    /** Takes k items with receiveInto (array) or receive (either); k = 0 only starts the receiver. */
    static List<Integer> take(Endpoint<Integer, Void> receiver, int k, boolean oneByOne) throws InterruptedException {
        List<Integer> got = new ArrayList<>();
        if (k == 0) {
            receiver.start();
        } else if (oneByOne) {
            for (int i = 0; i < k; i++) {
                got.add(receiver.receive());
            }
        } else {
            Integer[] buffer = new Integer[k];
            assertEquals(k, receiver.receiveInto(buffer, 0, k));
            got.addAll(region(buffer, 0, k));
        }
        return got;
    }

    /**
     * The receiver closes after taking k items: the sender gets ChannelClosedException (closed by
     * the other end, no cause) with {@code taken() == k}, and the receiver got items 0..k exactly.
     */
    @EachConfig
    @Timeout(30)
    void receiverClosesAfterK(Config config) throws Exception {
        for (boolean iterator : new boolean[] {false, true}) {
            for (int k : new int[] {0, 1, 6, N}) {
                String what = (iterator ? "iterator" : "array") + ", k " + k;
                Channel<Integer, Void> ch = cleanup.channel(config);
                Endpoint<Integer, Void> receiver = ch.first();
                Endpoint<Void, Integer> sender = ch.second();
                Peer<Outcome> peer = sendOneBatch(config, sender, iterator);
                List<Integer> got = take(receiver, k, iterator);
                Probe.awaitWaitingInChannel(peer.thread());
                receiver.close();
                Outcome o = peer.join();
                assertEquals(k, o.taken(), what);
                assertTrue(o.e().isClosedByOtherEnd(), what);
                assertNull(o.e().getCause(), what);
                assertEquals(k > 0, o.replyPending(), what + ": a reply is pending if and only if items were taken");
                if (iterator) {
                    assertEquals(k, o.pulled(), what + ": pulled");
                }
                assertEquals(list(0, k), got, what);
                assertEquals(-1, receiver.receiveInto(new Integer[4], 0, 4), what);
                assertThrows(ChannelClosedException.class, receiver::receive, what);
            }
        }
    }

    /** {@code close(cause)} by the receiver part-way reaches the sender as the cause. */
    @EachConfig
    @Timeout(20)
    void receiverClosesWithCause(Config config) throws Exception {
        for (boolean iterator : new boolean[] {false, true}) {
            Channel<Integer, Void> ch = cleanup.channel(config);
            Endpoint<Integer, Void> receiver = ch.first();
            Endpoint<Void, Integer> sender = ch.second();
            Peer<Outcome> peer = sendOneBatch(config, sender, iterator);
            List<Integer> got = take(receiver, 4, iterator);
            Probe.awaitWaitingInChannel(peer.thread());
            Exception cause = new Exception("enough");
            receiver.close(cause);
            Outcome o = peer.join();
            assertSame(cause, o.e().getCause());
            assertEquals(4, o.taken());
            assertEquals(list(0, 4), got);
            ChannelClosedException own = assertThrows(ChannelClosedException.class,
                    () -> receiver.receiveInto(new Integer[4], 0, 4), "receiveInto throws after a close with a cause");
            assertSame(cause, own.getCause());
        }
    }

    /**
     * A third thread closes the sending endpoint mid-batch: the sender's call ends (closed at its
     * own end) with {@code taken() == k}; the receiver's receiveInto then returns -1, or throws
     * with the cause if there is one, and iteration ends or throws alike.
     */
    @EachConfig
    @Timeout(30)
    void thirdThreadClosesTheSendingSide(Config config) throws Exception {
        for (boolean iterator : new boolean[] {false, true}) {
            for (boolean withCause : new boolean[] {false, true}) {
                String what = (iterator ? "iterator" : "array") + (withCause ? ", with cause" : "");
                Channel<Integer, Void> ch = cleanup.channel(config);
                Endpoint<Integer, Void> receiver = ch.first();
                Endpoint<Void, Integer> sender = ch.second();
                Peer<Outcome> peer = sendOneBatch(config, sender, iterator);
                List<Integer> got = take(receiver, 3, iterator);
                Probe.awaitWaitingInChannel(peer.thread());
                RuntimeException cause = new IllegalArgumentException("stop");
                Peer<Void> closer = config.start("closer", () -> {
                    if (withCause) {
                        sender.close(cause);
                    } else {
                        sender.close();
                    }
                    return null;
                });
                closer.join();
                Outcome o = peer.join();
                assertEquals(3, o.taken(), what);
                assertFalse(o.e().isClosedByOtherEnd(), what + ": closed at the sender's own end");
                assertEquals(list(0, 3), got, what);
                Integer[] buffer = new Integer[4];
                if (withCause) {
                    ChannelClosedException e = assertThrows(ChannelClosedException.class,
                            () -> receiver.receiveInto(buffer, 0, 4), what);
                    assertSame(cause, e.getCause(), what);
                    assertTrue(e.isClosedByOtherEnd(), what);
                    Iterator<Integer> it = receiver.iterator();
                    assertSame(cause, assertThrows(ChannelClosedException.class, it::hasNext).getCause(), what);
                } else {
                    assertEquals(-1, receiver.receiveInto(buffer, 0, 4), what);
                    assertFalse(receiver.iterator().hasNext(), what);
                }
            }
        }
    }

    /** A close from another thread ends a receiveInto blocked with no batch in sight: -1 without a cause. */
    @EachConfig
    @Timeout(20)
    void closeEndsABlockedReceiveInto(Config config) throws Exception {
        Channel<Integer, Void> ch = cleanup.channel(config);
        Endpoint<Integer, Void> receiver = ch.first();
        Peer<Integer> peer = config.start("receiver", () -> receiver.receiveInto(new Integer[8], 0, 8));
        Probe.awaitWaitingInChannel(peer.thread());
        ch.second().close();
        assertEquals(-1, peer.join());
    }

    /**
     * A close while the receiving thread is inside the iterator's {@code next()}: the sender's call
     * waits for {@code next()} to return, {@code taken()} counts the item pulled, and the
     * receiver's call still returns that item before the close is seen.
     */
    @EachConfig
    @Timeout(20)
    void closeWhileReceiverInsideNext(Config config) throws Exception {
        for (boolean closeSenderSide : new boolean[] {false, true}) {
            Channel<Integer, Void> ch = cleanup.channel(config);
            Endpoint<Integer, Void> receiver = ch.first();
            Endpoint<Void, Integer> sender = ch.second();
            CountDownLatch insideNext = new CountDownLatch(1);
            CountDownLatch releaseNext = new CountDownLatch(1);
            Source source = new Source(0, N).blockingAt(2, insideNext, releaseNext);
            Peer<Outcome> peer = config.start("sender", () -> {
                try {
                    sender.sendAll(source);
                } catch (ChannelClosedException e) {
                    return new Outcome(sender.taken(), sender.isReplyPending(), e, source.pulled());
                }
                throw new AssertionError("sendAll returned although the channel was closed");
            });
            Peer<List<Integer>> rec = config.start("receiver", () -> {
                List<Integer> got = new ArrayList<>();
                try {
                    for (;;) {
                        got.add(receiver.receive());
                    }
                } catch (ChannelClosedException e) {
                    return got;
                }
            });
            Waits.await(insideNext);
            (closeSenderSide ? (Endpoint<?, ?>) sender : receiver).close();
            Waits.awaitWaitingForIterator(peer.thread());
            assertFalse(peer.isDone(), "the sender returned while the receiving thread was inside next()");
            releaseNext.countDown();
            Outcome o = peer.join();
            assertEquals(3, o.taken(), "taken() counts the item pulled during the close");
            assertEquals(3, o.pulled());
            assertEquals(list(0, 3), rec.join(), "the pulled item is still delivered");
            assertInstanceOf(ChannelClosedException.class, o.e());
        }
    }
}
