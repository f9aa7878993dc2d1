package dev.channels.batch;

import static dev.channels.batch.Items.list;
import static dev.channels.batch.Items.region;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.Channel;
import dev.channels.Endpoint;
import dev.channels.testing.Config;
import dev.channels.testing.EachConfig;
import dev.channels.testing.Peer;
import dev.channels.testing.Probe;
import java.io.IOException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code sendAll(Iterator)} and {@code sendAll(Iterable)}: the receiving thread pulls the items,
 * lazily; empty and failing iterators; {@code receiveInto} over an iterator.
 */
class BatchIteratorTest {
    @RegisterExtension
    final Cleanup cleanup = new Cleanup();


    /**
     * The iterator's {@code hasNext()} and {@code next()} run on the receiving thread, and an item
     * is pulled only when the receiver asks for it: nothing before its first call, one per
     * {@code receive()}, at most {@code length} per {@code receiveInto}.
     */
    @EachConfig
    @Timeout(20)
    void pulledLazilyOnTheReceivingThread(Config config) throws Exception {
        Channel<Integer, Void> ch = cleanup.channel(config);
        Endpoint<Integer, Void> receiver = ch.first();
        Endpoint<Void, Integer> sender = ch.second();
        Source items = new Source(0, 20);
        Peer<Void> peer = config.start("sender", () -> {
            try (sender) {
                sender.sendAll(items);
                assertEquals(20, sender.taken());
            }
            return null;
        });
        receiver.start(); // lets the sender deposit its batch without asking for an item
        Probe.awaitWaitingInChannel(peer.thread());
        assertEquals(0, items.pulled(), "pulled before the receiver asked");
        assertEquals(0, items.hasNextCalls(), "hasNext() called before the receiver asked");
        List<Integer> got = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            got.add(receiver.receive());
            assertEquals(i, items.pulled(), "one item per receive()");
        }
        Integer[] buffer = new Integer[4];
        for (int i = 1; i <= 3; i++) {
            int n = receiver.receiveInto(buffer, 1, 3);
            assertEquals(3, n);
            got.addAll(region(buffer, 1, n));
            assertEquals(5 + 3 * i, items.pulled(), "at most length items per receiveInto");
        }
        got.addAll(Items.drain(receiver, new Integer[5]));
        peer.join();
        assertEquals(list(0, 20), got);
        assertEquals(Set.of(Thread.currentThread()), items.callers(), "threads that called the iterator");
    }

    /**
     * {@code sendAll(Iterable)} creates the iterator on the sending thread and pulls it on the
     * receiving thread.
     */
    @EachConfig
    @Timeout(20)
    void iterableCreatesOnSenderPullsOnReceiver(Config config) throws Exception {
        Channel<Integer, Void> ch = cleanup.channel(config);
        Endpoint<Integer, Void> receiver = ch.first();
        Endpoint<Void, Integer> sender = ch.second();
        AtomicReference<Thread> creator = new AtomicReference<>();
        Source items = new Source(0, 7);
        Iterable<Integer> iterable = () -> {
            creator.set(Thread.currentThread());
            return items;
        };
        Peer<Void> peer = config.start("sender", () -> {
            try (sender) {
                sender.sendAll(iterable);
            }
            return null;
        });
        assertEquals(list(0, 7), Items.drainOneByOne(receiver));
        peer.join();
        assertSame(peer.thread(), creator.get(), "iterator() runs on the sending thread");
        assertEquals(Set.of(Thread.currentThread()), items.callers());
    }

    /**
     * An empty iterator is one exchange that delivers nothing: the receiver's call goes on to the
     * sender's next value, and the sender's {@code taken()} is 0.
     */
    @EachConfig
    @Timeout(20)
    void emptyIterator(Config config) throws Exception {
        Channel<Integer, Void> ch = cleanup.channel(config);
        Endpoint<Integer, Void> receiver = ch.first();
        Endpoint<Void, Integer> sender = ch.second();
        Peer<Void> peer = config.start("sender", () -> {
            try (sender) {
                sender.send(1);
                sender.sendAll(Collections.emptyIterator());
                assertEquals(0, sender.taken());
                assertFalse(sender.isReplyPending());
                sender.sendAll(List.of());
                assertEquals(0, sender.taken());
                sender.send(2);
                sender.sendAll(new Source(0, 0));
                sender.send(3);
            }
            return null;
        });
        assertEquals(1, receiver.receive());
        assertEquals(2, receiver.receive(), "receive() skips the empty batches");
        Integer[] buffer = new Integer[4];
        assertEquals(1, receiver.receiveInto(buffer, 0, 4), "receiveInto skips the empty batch");
        assertEquals(3, buffer[0]);
        assertEquals(-1, receiver.receiveInto(buffer, 0, 4));
        peer.join();
    }

    /**
     * An iterator that throws ends its batch: the sender's {@code sendAll} rethrows the very
     * exception with {@code taken()} counting the items pulled before it, the receiver's call just
     * continues with the sender's next value, and the channel keeps working.
     */
    @EachConfig
    @Timeout(20)
    void throwingIterator(Config config) throws Exception {
        for (boolean inHasNext : new boolean[] {false, true}) {
            for (boolean receiveInto : new boolean[] {false, true}) {
                for (int failAt : new int[] {0, 3}) {
                    String what = (inHasNext ? "hasNext" : "next") + " fails at " + failAt
                            + (receiveInto ? ", receiveInto" : ", receive");
                    Channel<Integer, Void> ch = cleanup.channel(config);
                    Endpoint<Integer, Void> receiver = ch.first();
                    Endpoint<Void, Integer> sender = ch.second();
                    RuntimeException boom = new IllegalStateException("boom");
                    Peer<Void> peer = config.start("sender", () -> {
                        try (sender) {
                            Source items = new Source(0, 10).failingAt(failAt, inHasNext, boom);
                            RuntimeException e = assertThrows(RuntimeException.class, () -> sender.sendAll(items));
                            assertSame(boom, e, what);
                            assertEquals(failAt, sender.taken(), what);
                            assertEquals(failAt, items.pulled(), what);
                            assertFalse(sender.isReplyPending(), what);
                            sender.send(100); // the channel keeps working
                            sender.sendAll(new Source(101, 2));
                        }
                        return null;
                    });
                    List<Integer> got = receiveInto ? Items.drain(receiver, new Integer[8]) : Items.drainOneByOne(receiver);
                    peer.join();
                    List<Integer> expected = new ArrayList<>(list(0, failAt));
                    expected.addAll(list(100, 3));
                    assertEquals(expected, got, what);
                }
            }
        }
    }

    /** A checked exception thrown by the iterator reaches the sender wrapped in an UndeclaredThrowableException. */
    @EachConfig
    @Timeout(20)
    void checkedExceptionFromIterator(Config config) throws Exception {
        Channel<Integer, Void> ch = cleanup.channel(config);
        Endpoint<Integer, Void> receiver = ch.first();
        Endpoint<Void, Integer> sender = ch.second();
        IOException io = new IOException("disk");
        Peer<Void> peer = config.start("sender", () -> {
            try (sender) {
                Source items = new Source(0, 5).failingAt(2, false, io);
                UndeclaredThrowableException e = assertThrows(UndeclaredThrowableException.class,
                        () -> sender.sendAll(items));
                assertSame(io, e.getCause());
                assertEquals(2, sender.taken());
            }
            return null;
        });
        assertEquals(list(0, 2), Items.drainOneByOne(receiver));
        peer.join();
    }

    /**
     * An iterator that calls back into the receiving endpoint gets an IllegalStateException (one
     * thread, one call at a time), which fails the batch at the sender; the receiver goes on.
     */
    @EachConfig
    @Timeout(20)
    void iteratorCallingTheReceiverFailsTheBatch(Config config) throws Exception {
        Channel<Integer, Void> ch = cleanup.channel(config);
        Endpoint<Integer, Void> receiver = ch.first();
        Endpoint<Void, Integer> sender = ch.second();
        Iterator<Integer> reentrant = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                try {
                    return receiver.receive();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
        };
        Peer<Void> peer = config.start("sender", () -> {
            try (sender) {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> sender.sendAll(reentrant));
                assertTrue(e.getMessage().contains("re-entrant"), e.getMessage());
                assertEquals(0, sender.taken());
                sender.send(7);
            }
            return null;
        });
        assertEquals(List.of(7), Items.drainOneByOne(receiver));
        peer.join();
    }

    /** A failing iterator's exception reaches the sender with its own type when it is an Error. */
    @EachConfig
    @Timeout(20)
    void errorFromIterator(Config config) throws Exception {
        Channel<Integer, Void> ch = cleanup.channel(config);
        Endpoint<Integer, Void> receiver = ch.first();
        Endpoint<Void, Integer> sender = ch.second();
        StackOverflowError error = new StackOverflowError("deep");
        Peer<Throwable> peer = config.start("sender", () -> {
            try (sender) {
                sender.sendAll(new Source(0, 3).failingAt(1, false, error));
                return null;
            } catch (StackOverflowError e) {
                return e;
            }
        });
        assertEquals(list(0, 1), Items.drainOneByOne(receiver));
        assertInstanceOf(StackOverflowError.class, peer.join());
        assertSame(error, peer.join());
    }
}
