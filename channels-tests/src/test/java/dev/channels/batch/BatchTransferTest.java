package dev.channels.batch;

import static dev.channels.batch.Items.SENTINEL;
import static dev.channels.batch.Items.assertUntouchedOutside;
import static dev.channels.batch.Items.drain;
import static dev.channels.batch.Items.drainOneByOne;
import static dev.channels.batch.Items.list;
import static dev.channels.batch.Items.region;
import static dev.channels.batch.Items.sentinels;
import static dev.channels.batch.Items.seq;
import static dev.channels.batch.Items.seqAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.channels.Channel;
import dev.channels.ChannelClosedException;
import dev.channels.Endpoint;
import dev.channels.testing.Config;
import dev.channels.testing.EachConfig;
import dev.channels.testing.Peer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Batched transfers in every combination: {@code send}, {@code sendAll(array)} and
 * {@code sendAll(iterator)} on one side, {@code receive}, {@code receiveInto}, iteration and
 * {@code stream()} on the other, in both directions, with any batch and buffer sizes and offsets.
 */
class BatchTransferTest {
    @RegisterExtension
    final Cleanup cleanup = new Cleanup();


    /**
     * One shape of transfer: {@code batches} array batches of {@code batch} items sent from
     * {@code senderOffset}, received into {@code buffer}-sized regions at {@code receiverOffset}.
     */
    record Shape(int batch, int senderOffset, int buffer, int receiverOffset, int batches) {
    }

    static final List<Shape> SHAPES = List.of(
            new Shape(1000, 0, 7, 0, 1), // many receives per batch
            new Shape(1, 0, 4096, 0, 3), // single items into a large buffer
            new Shape(64, 0, 64, 0, 3), // batch equal to the buffer
            new Shape(10, 3, 64, 5, 4), // batch smaller than the buffer, offsets on both sides
            new Shape(100, 7, 64, 1, 3), // batch larger than the buffer, offsets on both sides
            new Shape(129, 2, 1, 9, 2)); // one item per receiveInto

    /**
     * {@code sendAll(array)} into {@code receiveInto} delivers every item once and in order, each
     * call taking min(items left in the batch, length), and writes nothing outside the region.
     */
    @EachConfig
    @Timeout(30)
    void sendAllIntoReceiveInto(Config config) throws Exception {
        for (Shape s : SHAPES) {
            Channel<Integer, Void> ch = cleanup.channel(config);
            Endpoint<Integer, Void> receiver = ch.first();
            Endpoint<Void, Integer> sender = ch.second();
            Peer<Void> peer = config.start("sender", () -> {
                try (sender) {
                    Integer[] items = sentinels(s.senderOffset() + s.batch() + 2);
                    for (int j = 0; j < s.batches(); j++) {
                        System.arraycopy(seq(j * s.batch(), s.batch()), 0, items, s.senderOffset(), s.batch());
                        sender.sendAll(items, s.senderOffset(), s.batch()); // reuses the array: allowed on return
                        assertEquals(s.batch(), sender.taken(), "taken() after a complete sendAll");
                        assertFalse(sender.isReplyPending());
                    }
                }
                return null;
            });
            List<Integer> got = new ArrayList<>();
            Integer[] buffer = sentinels(s.receiverOffset() + s.buffer() + 3);
            int left = s.batch();
            for (int n; (n = receiver.receiveInto(buffer, s.receiverOffset(), s.buffer())) != -1;) {
                assertEquals(Math.min(left, s.buffer()), n, () -> s + ": count after " + got.size() + " items");
                assertUntouchedOutside(buffer, s.receiverOffset(), s.buffer());
                got.addAll(region(buffer, s.receiverOffset(), n));
                left = left == n ? s.batch() : left - n;
            }
            peer.join();
            assertEquals(list(0, s.batch() * s.batches()), got, s.toString());
            assertEquals(-1, receiver.receiveInto(buffer, 0, 1), "the end stays the end");
        }
    }

    /** {@code sendAll(iterator)} into {@code receiveInto} fills the buffer as {@code sendAll(array)} does. */
    @EachConfig
    @Timeout(30)
    void iteratorIntoReceiveInto(Config config) throws Exception {
        for (Shape s : SHAPES) {
            Channel<Integer, Void> ch = cleanup.channel(config);
            Endpoint<Integer, Void> receiver = ch.first();
            Endpoint<Void, Integer> sender = ch.second();
            Peer<Void> peer = config.start("sender", () -> {
                try (sender) {
                    for (int j = 0; j < s.batches(); j++) {
                        sender.sendAll(new Source(j * s.batch(), s.batch()));
                        assertEquals(s.batch(), sender.taken());
                    }
                }
                return null;
            });
            List<Integer> got = new ArrayList<>();
            Integer[] buffer = sentinels(s.receiverOffset() + s.buffer() + 3);
            int left = s.batch();
            for (int n; (n = receiver.receiveInto(buffer, s.receiverOffset(), s.buffer())) != -1;) {
                assertEquals(Math.min(left, s.buffer()), n, () -> s + ": count after " + got.size() + " items");
                assertUntouchedOutside(buffer, s.receiverOffset(), s.buffer());
                got.addAll(region(buffer, s.receiverOffset(), n));
                left = left == n ? s.batch() : left - n;
            }
            peer.join();
            assertEquals(list(0, s.batch() * s.batches()), got, s.toString());
        }
    }

    /** Single sends into {@code receiveInto} arrive one per call, whatever the buffer size. */
    @EachConfig
    @Timeout(20)
    void sendIntoReceiveInto(Config config) throws Exception {
        Channel<Integer, Void> ch = cleanup.channel(config);
        Endpoint<Integer, Void> receiver = ch.first();
        Endpoint<Void, Integer> sender = ch.second();
        Peer<Void> peer = config.start("sender", () -> {
            try (sender) {
                for (int i = 0; i < 50; i++) {
                    sender.send(i == 17 ? null : i);
                }
            }
            return null;
        });
        List<Integer> got = new ArrayList<>();
        Integer[] buffer = sentinels(20);
        for (int n; (n = receiver.receiveInto(buffer, 2, 8)) != -1;) {
            assertEquals(1, n, "a single send delivers one item");
            assertUntouchedOutside(buffer, 2, 8);
            got.add(buffer[2]);
        }
        peer.join();
        List<Integer> expected = new ArrayList<>(list(0, 50));
        expected.set(17, null);
        assertEquals(expected, got);
    }

    /** {@code receive()} takes array and iterator batches one item at a time. */
    @EachConfig
    @Timeout(20)
    void sendAllIntoReceive(Config config) throws Exception {
        Channel<Integer, Void> ch = cleanup.channel(config);
        Endpoint<Integer, Void> receiver = ch.first();
        Endpoint<Void, Integer> sender = ch.second();
        Peer<Void> peer = config.start("sender", () -> {
            try (sender) {
                sender.sendAll(seqAt(110, 5, 0, 100), 5, 100);
                sender.sendAll(new Source(100, 50));
                sender.sendAll(list(150, 3));
            }
            return null;
        });
        assertEquals(list(0, 153), drainOneByOne(receiver));
        peer.join();
        assertThrows(ChannelClosedException.class, receiver::receive);
    }

    /** Null items go over in array and iterator batches, to {@code receive} and {@code receiveInto}. */
    @EachConfig
    @Timeout(20)
    void nullItems(Config config) throws Exception {
        Integer[] items = {null, 1, null, null, 4, null};
        Channel<Integer, Void> ch = cleanup.channel(config);
        Endpoint<Integer, Void> receiver = ch.first();
        Endpoint<Void, Integer> sender = ch.second();
        Peer<Void> peer = config.start("sender", () -> {
            try (sender) {
                sender.sendAll(items, 0, items.length);
                sender.sendAll(Arrays.asList(items));
                sender.sendAll(new Integer[3], 0, 3); // all null
                sender.sendAll(items, 0, items.length);
                sender.send(null);
            }
            return null;
        });
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < 2 * items.length; i++) {
            got.add(receiver.receive());
        }
        Integer[] buffer = sentinels(4);
        assertEquals(3, receiver.receiveInto(buffer, 1, 3));
        assertEquals(Arrays.asList(SENTINEL, null, null, null), Arrays.asList(buffer));
        got.addAll(region(buffer, 1, 3));
        got.addAll(drain(receiver, new Integer[4]));
        peer.join();
        List<Integer> expected = new ArrayList<>();
        expected.addAll(Arrays.asList(items));
        expected.addAll(Arrays.asList(items));
        expected.addAll(Arrays.asList(null, null, null));
        expected.addAll(Arrays.asList(items));
        expected.add(null);
        assertEquals(expected, got);
    }

    /** A for-each loop over the receiving endpoint yields every item of every batch, then ends. */
    @EachConfig
    @Timeout(20)
    void iterationOverBatches(Config config) throws Exception {
        Channel<Integer, Void> ch = cleanup.channel(config);
        Endpoint<Integer, Void> receiver = ch.first();
        Endpoint<Void, Integer> sender = ch.second();
        Peer<Void> peer = config.start("sender", () -> {
            try (sender) {
                sender.sendAll(seq(0, 40), 0, 40);
                sender.send(40);
                sender.sendAll(new Source(41, 9));
                sender.sendAll(Collections.emptyIterator());
                sender.sendAll(seq(50, 10), 0, 10);
            }
            return null;
        });
        List<Integer> got = new ArrayList<>();
        for (Integer x : receiver) {
            got.add(x);
        }
        peer.join();
        assertEquals(list(0, 60), got);
    }

    /** {@code stream()} over batches is lazy and ordered, and closing it closes the channel. */
    @EachConfig
    @Timeout(20)
    void streamOverBatches(Config config) throws Exception {
        Channel<Integer, Void> ch = cleanup.channel(config);
        Endpoint<Integer, Void> receiver = ch.first();
        Endpoint<Void, Integer> sender = ch.second();
        Peer<Integer> peer = config.start("sender", () -> {
            Integer[] items = seq(0, 1000);
            try {
                sender.sendAll(items, 0, items.length);
                return -1;
            } catch (ChannelClosedException e) {
                return sender.taken();
            }
        });
        List<Integer> firstHundredEven;
        try (Stream<Integer> s = receiver.stream()) {
            firstHundredEven = s.filter(x -> x % 2 == 0).limit(100).toList();
        }
        assertEquals(Stream.iterate(0, x -> x + 2).limit(100).toList(), firstHundredEven);
        // the stream took items 0..198 and stopped: the closed stream cut the batch there
        assertEquals(199, peer.join(), "taken() of the batch cut by closing the stream");
    }

    /**
     * One conversation mixing {@code send}, consecutive {@code sendAll} calls of every kind and
     * empty batches, received by a mix of {@code receive} and {@code receiveInto}.
     */
    @EachConfig
    @Timeout(20)
    void mixedConversation(Config config) throws Exception {
        Channel<Integer, Void> ch = cleanup.channel(config);
        Endpoint<Integer, Void> receiver = ch.first();
        Endpoint<Void, Integer> sender = ch.second();
        Peer<Void> peer = config.start("sender", () -> {
            try (sender) {
                sender.send(0);
                sender.sendAll(seq(1, 5), 0, 5);
                sender.sendAll(seq(6, 5), 0, 5); // two batches in a row
                sender.send(11);
                sender.sendAll(new Source(12, 3));
                sender.sendAll(seq(0, 3), 3, 0); // empty: returns at once
                sender.sendAll(Collections.emptyIterator()); // empty: one exchange, no item
                assertEquals(0, sender.taken());
                sender.sendAll(seqAt(30, 2, 15, 20), 2, 20);
                sender.send(35);
                sender.sendAll(List.of(36, 37));
                sender.send(38);
            }
            return null;
        });
        List<Integer> got = new ArrayList<>();
        Integer[] buffer = new Integer[6];
        for (int i = 0;; i++) {
            if (i % 3 == 0) {
                try {
                    got.add(receiver.receive());
                } catch (ChannelClosedException e) {
                    break;
                }
            } else {
                int n = receiver.receiveInto(buffer, 0, 1 + i % 6);
                if (n == -1) {
                    break;
                }
                got.addAll(region(buffer, 0, n));
            }
        }
        peer.join();
        assertEquals(list(0, 39), got);
    }

    /** The first endpoint can send batches to the second, which receives them with either call. */
    @EachConfig
    @Timeout(20)
    void firstToSecond(Config config) throws Exception {
        Channel<Void, Integer> ch = cleanup.channel(config);
        Endpoint<Void, Integer> sender = ch.first(); // sends Integer
        Endpoint<Integer, Void> receiver = ch.second(); // receives Integer
        Peer<Void> peer = config.start("first", () -> {
            try (sender) {
                assertNull(sender.receive()); // the first endpoint starts by receiving
                sender.sendAll(seq(0, 100), 0, 100);
                sender.sendAll(new Source(100, 20));
                sender.send(120);
            }
            return null;
        });
        List<Integer> got = new ArrayList<>();
        got.add(receiver.receive()); // starts the second endpoint; its null goes to the first
        got.addAll(drain(receiver, new Integer[9]));
        peer.join();
        assertEquals(list(0, 121), got);
    }

    /**
     * A bidirectional conversation: the client sends a batch and single requests that the server
     * answers, and the server answers one request with a batch.
     */
    @EachConfig
    @Timeout(20)
    void bidirectional(Config config) throws Exception {
        Channel<String, String> ch = cleanup.channel(config);
        Endpoint<String, String> server = ch.first();
        Endpoint<String, String> client = ch.second();
        Peer<List<String>> peer = config.start("server", () -> {
            List<String> log = new ArrayList<>();
            log.add(server.receive()); // "hello"
            log.add(server.send("hi")); // the answer; returns the first item of the client's batch
            String[] buffer = new String[8];
            int rest = server.receiveInto(buffer, 0, 8); // the rest of the batch
            log.addAll(region(buffer, 0, rest));
            int n = server.receiveInto(buffer, 0, 8); // asks for more: the client's next request
            log.addAll(region(buffer, 0, n));
            log.add(server.send(1 + rest + " items")); // answers "count?"; returns "list 4"
            String[] listing = {"x0", "x1", "x2", "x3"};
            server.sendAll(listing, 0, listing.length); // answers the request with a batch
            try {
                server.send("end");
            } catch (ChannelClosedException e) {
                log.add("closed, taken " + server.taken());
            }
            return log;
        });
        assertEquals("hi", client.send("hello"));
        String[] batch = {"a", "b", "c"};
        client.sendAll(batch, 0, batch.length);
        assertEquals("3 items", client.send("count?"));
        assertEquals("x0", client.send("list 4"));
        assertEquals(List.of("x1", "x2", "x3"), List.of(client.receive(), client.receive(), client.receive()));
        assertEquals("end", client.receive()); // asks for more, so the server's sendAll returns
        client.close();
        assertEquals(List.of("hello", "a", "b", "c", "count?", "list 4", "closed, taken 1"), peer.join());
    }
}
