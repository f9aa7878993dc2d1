package dev.channels.batch;

import static dev.channels.batch.Items.drain;
import static dev.channels.batch.Items.list;
import static dev.channels.batch.Items.region;
import static dev.channels.batch.Items.sentinels;
import static dev.channels.batch.Items.seq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.channels.Channel;
import dev.channels.ChannelClosedException;
import dev.channels.Endpoint;
import dev.channels.testing.Config;
import dev.channels.testing.EachConfig;
import dev.channels.testing.Peer;
import dev.channels.testing.Probe;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

/**
 * Misuse of the batch calls gets a clear exception at once and hands nothing over: bad bounds, null
 * arrays, a non-null answer to a batch, a batch while a reply is pending, and a buffer of the wrong
 * type.
 */
class BatchMisuseTest {
    @RegisterExtension
    final Cleanup cleanup = new Cleanup();


    static void assertBounds(Executable call, String message) {
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, call);
        assertEquals(message, e.getMessage());
    }

    /**
     * Bad bounds get IndexOutOfBoundsException naming the values, null arrays get
     * NullPointerException, on both sides, at once; nothing is handed over and the channel then
     * works as if they had not happened.
     */
    @EachConfig
    @Timeout(20)
    void badBoundsAndNullsHandNothingOver(Config config) throws Exception {
        Channel<Integer, Void> ch = cleanup.channel(config);
        Endpoint<Integer, Void> receiver = ch.first();
        Endpoint<Void, Integer> sender = ch.second();
        Integer[] items = seq(0, 10);
        // Unstarted endpoints: any call that got past the checks would block this thread.
        assertBounds(() -> sender.sendAll(items, -1, 2), "negative offset -1");
        assertBounds(() -> sender.sendAll(items, 0, -3), "negative length -3");
        assertBounds(() -> sender.sendAll(items, 3, 8), "offset 3 + length 8 exceeds array length 10");
        assertBounds(() -> sender.sendAll(items, 11, 0), "offset 11 + length 0 exceeds array length 10");
        assertBounds(() -> sender.sendAll(items, Integer.MAX_VALUE, 1),
                "offset 2147483647 + length 1 exceeds array length 10");
        assertEquals("items", assertThrows(NullPointerException.class, () -> sender.sendAll(null, 0, 0)).getMessage());
        assertThrows(NullPointerException.class, () -> sender.sendAll((Iterator<Integer>) null));
        assertThrows(NullPointerException.class, () -> sender.sendAll((Iterable<Integer>) null));
        Integer[] buffer = sentinels(4);
        assertBounds(() -> receiver.receiveInto(buffer, -2, 1), "negative offset -2");
        assertBounds(() -> receiver.receiveInto(buffer, 0, -1), "negative length -1");
        assertBounds(() -> receiver.receiveInto(buffer, 2, 3), "offset 2 + length 3 exceeds array length 4");
        assertBounds(() -> receiver.receiveInto(buffer, 5, 0), "offset 5 + length 0 exceeds array length 4");
        assertEquals("buffer", assertThrows(NullPointerException.class, () -> receiver.receiveInto(null, 0, 1))
                .getMessage());
        Items.assertUntouchedOutside(buffer, 0, 0);

        Peer<Void> peer = config.start("sender", () -> {
            try (sender) {
                sender.sendAll(items, 2, 5);
                assertBounds(() -> sender.sendAll(items, 8, 3), "offset 8 + length 3 exceeds array length 10");
                sender.sendAll(items, 7, 3);
            }
            return null;
        });
        List<Integer> got = new ArrayList<>();
        int n = receiver.receiveInto(buffer, 0, 2);
        got.addAll(region(buffer, 0, n));
        assertBounds(() -> receiver.receiveInto(buffer, 3, 2), "offset 3 + length 2 exceeds array length 4");
        got.addAll(drain(receiver, buffer));
        peer.join();
        assertEquals(list(2, 8), got);
    }

    /**
     * Length 0: sendAll returns at once and receiveInto returns 0 at once, on an unstarted, a busy
     * or a closed channel, and neither takes part in the conversation.
     */
    @EachConfig
    @Timeout(20)
    void zeroLength(Config config) throws Exception {
        Channel<Integer, Void> ch = cleanup.channel(config);
        Endpoint<Integer, Void> receiver = ch.first();
        Endpoint<Void, Integer> sender = ch.second();
        Integer[] items = seq(0, 10);
        Integer[] buffer = sentinels(4);
        sender.sendAll(items, 0, 0); // would block if it waited for the first endpoint to start
        sender.sendAll(items, 10, 0);
        assertEquals(0, receiver.receiveInto(buffer, 0, 0));
        assertEquals(0, receiver.receiveInto(buffer, 4, 0));
        Peer<Void> peer = config.start("sender", () -> {
            sender.sendAll(items, 0, 0);
            sender.sendAll(items, 0, 3);
            sender.sendAll(items, 3, 0);
            sender.send(3);
            sender.close();
            return null;
        });
        assertEquals(1, receiver.receiveInto(buffer, 0, 1));
        assertEquals(0, receiver.receiveInto(buffer, 1, 0), "in the middle of a batch");
        assertEquals(2, receiver.receiveInto(buffer, 1, 3));
        assertEquals(Arrays.asList(0, 1, 2, Items.SENTINEL), Arrays.asList(buffer));
        assertEquals(3, receiver.receive());
        assertEquals(-1, receiver.receiveInto(buffer, 0, 1)); // asks for more: the sender closes
        peer.join();
        assertEquals(0, receiver.receiveInto(buffer, 0, 0), "on a closed channel");
        sender.sendAll(items, 0, 0);
    }

    /**
     * The receiving end answers a batch with null: a non-null send, or a sendAll, while items
     * remain or right after the last item gets IllegalStateException saying so, hands nothing over,
     * and the conversation goes on with receive().
     */
    @EachConfig
    @Timeout(20)
    void batchAnsweredOnlyWithNull(Config config) throws Exception {
        Channel<Integer, String> ch = cleanup.channel(config);
        Endpoint<Integer, String> receiver = ch.first(); // receives Integer, answers String
        Endpoint<String, Integer> sender = ch.second();
        Peer<String> peer = config.start("sender", () -> {
            sender.sendAll(seq(0, 5), 0, 5);
            assertEquals(5, sender.taken());
            sender.sendAll(new Source(5, 3));
            assertEquals(3, sender.taken());
            String answer = sender.send(8);
            sender.close();
            return answer;
        });
        String[] strings = {"no"};
        assertEquals(0, receiver.receive());
        assertOneWay(() -> receiver.send("x"), "while array items remain");
        assertOneWay(() -> receiver.sendAll(strings, 0, 1), "while array items remain");
        assertOneWay(() -> receiver.sendAll(List.of("y")), "while array items remain");
        Integer[] buffer = new Integer[8];
        assertEquals(4, receiver.receiveInto(buffer, 0, 8)); // the last items
        assertOneWay(() -> receiver.send("x"), "after the last array item");
        assertOneWay(() -> receiver.sendAll(strings, 0, 1), "after the last array item");
        assertOneWay(() -> receiver.sendAll(List.of("y").iterator()), "after the last array item");
        assertEquals(5, receiver.receive(), "receive() answers the batch and gets the next one");
        assertOneWay(() -> receiver.send("x"), "while iterator items remain");
        assertEquals(6, receiver.receive());
        assertEquals(7, receiver.receive());
        assertOneWay(() -> receiver.send("x"), "after the last iterator item");
        assertEquals(8, receiver.receive());
        assertThrows(ChannelClosedException.class, () -> receiver.send("ok"), "a single send may be answered");
        assertEquals(1, receiver.taken());
        assertEquals("ok", peer.join());
    }

    static void assertOneWay(Executable call, String when) {
        IllegalStateException e = assertThrows(IllegalStateException.class, call, when);
        assertTrue(e.getMessage().contains("batch, which is one-way") && e.getMessage().contains("receive()"),
                when + ": " + e.getMessage());
    }

    /**
     * Batches on the wrong turn get IllegalStateException and hand nothing over: on the first
     * endpoint before it received anything, and while a reply is pending after an interrupt.
     */
    @EachConfig
    @Timeout(20)
    void batchOnTheWrongTurn(Config config) throws Exception {
        Channel<Integer, Integer> ch = cleanup.channel(config);
        Endpoint<Integer, Integer> first = ch.first();
        Endpoint<Integer, Integer> second = ch.second();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> first.sendAll(seq(0, 1), 0, 1));
        assertTrue(e.getMessage().contains("starts by receiving"), e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> first.sendAll(List.of(0)));
        assertTrue(e.getMessage().contains("starts by receiving"), e.getMessage());

        CompletableFuture<String> misuse = new CompletableFuture<>();
        Peer<Void> peer = config.start("second", () -> {
            try (second) {
                try {
                    second.send(1);
                    fail("send returned although interrupted");
                } catch (InterruptedException ie) {
                    assertTrue(second.isReplyPending(), "1 was taken");
                    misuse.complete(assertThrows(IllegalStateException.class,
                            () -> second.sendAll(seq(2, 3), 0, 3)).getMessage());
                    assertEquals(10, second.receive());
                    second.sendAll(seq(2, 3), 0, 3);
                }
            }
            return null;
        });
        assertEquals(1, first.receive());
        Probe.awaitWaitingInChannel(peer.thread());
        peer.thread().interrupt();
        String message = misuse.get(20, TimeUnit.SECONDS);
        assertTrue(message.contains("a reply is pending"), message);
        assertEquals(2, first.send(10), "the answer to 1; the batch that follows is intact");
        assertEquals(3, first.receive());
        assertEquals(4, first.receive());
        assertThrows(ChannelClosedException.class, first::receive);
        peer.join();
    }

    /**
     * receiveInto with a buffer whose type does not fit the item (heap pollution through raw types)
     * gets ArrayStoreException and takes nothing: the item is still received afterwards with a
     * fitting buffer, and the sender's call completes.
     */
    @EachConfig
    @Timeout(20)
    @SuppressWarnings({"unchecked", "rawtypes"})
    void wrongBufferTypeTakesNothing(Config config) throws Exception {
        Channel<Integer, Void> ch = cleanup.channel(config);
        Endpoint<Integer, Void> receiver = ch.first();
        Endpoint<Object, Void> raw = (Endpoint) receiver;
        Endpoint<Void, Object> polluted = (Endpoint) ch.second();
        Peer<List<Integer>> peer = config.start("sender", () -> {
            List<Integer> taken = new ArrayList<>();
            try (polluted) {
                polluted.send("s");
                taken.add(polluted.taken());
                polluted.sendAll(new Object[] {1, 2, "x", 4}, 0, 4);
                taken.add(polluted.taken());
            }
            return taken;
        });
        Integer[] ints = sentinels(4);
        Object[] objects = new Object[4];
        assertThrows(ArrayStoreException.class, () -> receiver.receiveInto(ints, 0, 4), "a single value");
        assertEquals(1, raw.receiveInto(objects, 0, 4));
        assertEquals("s", objects[0]);
        assertThrows(ArrayStoreException.class, () -> receiver.receiveInto(ints, 0, 4), "an array batch");
        assertEquals(2, receiver.receiveInto(ints, 0, 2), "the items before the misfit were not taken");
        assertEquals(Arrays.asList(1, 2), region(ints, 0, 2));
        assertThrows(ArrayStoreException.class, () -> receiver.receiveInto(ints, 0, 4));
        assertEquals(2, raw.receiveInto(objects, 0, 4));
        assertEquals(Arrays.asList("x", 4), region(objects, 0, 2));
        assertEquals(-1, receiver.receiveInto(ints, 0, 4));
        assertEquals(List.of(1, 4), peer.join());
    }

    /**
     * The same for an iterator batch: an item pulled that does not fit the buffer is not lost; the
     * call returns the items before it (or throws ArrayStoreException if there are none), the next
     * call with a fitting buffer gets it, and the sender's sendAll completes normally.
     */
    @EachConfig
    @Timeout(20)
    @SuppressWarnings({"unchecked", "rawtypes"})
    void wrongBufferTypeLosesNoIteratorItem(Config config) throws Exception {
        Channel<Integer, Void> ch = cleanup.channel(config);
        Endpoint<Integer, Void> receiver = ch.first();
        Endpoint<Object, Void> raw = (Endpoint) receiver;
        Endpoint<Void, Object> polluted = (Endpoint) ch.second();
        Peer<List<Integer>> peer = config.start("sender", () -> {
            List<Integer> taken = new ArrayList<>();
            try (polluted) {
                polluted.sendAll(List.of("a", 5));
                taken.add(polluted.taken());
                polluted.sendAll(List.of(6, 7, "b", 8));
                taken.add(polluted.taken());
            }
            return taken;
        });
        Integer[] ints = sentinels(4);
        assertThrows(ArrayStoreException.class, () -> receiver.receiveInto(ints, 0, 4), "first item misfits");
        assertEquals("a", raw.receive(), "the misfit item is still there");
        assertEquals(1, receiver.receiveInto(ints, 0, 4));
        assertEquals(5, ints[0]);
        assertEquals(2, receiver.receiveInto(ints, 0, 4), "the items before the misfit");
        assertEquals(Arrays.asList(6, 7), region(ints, 0, 2));
        assertThrows(ArrayStoreException.class, () -> receiver.receiveInto(ints, 0, 4), "still misfits");
        Object[] objects = new Object[4];
        assertEquals(1, raw.receiveInto(objects, 0, 4), "the held item comes alone");
        assertEquals("b", objects[0]);
        assertEquals(1, receiver.receiveInto(ints, 0, 4));
        assertEquals(8, ints[0]);
        assertEquals(-1, receiver.receiveInto(ints, 0, 4));
        assertEquals(List.of(2, 4), peer.join());
    }

    /**
     * An iterator item held after an ArrayStoreException counts as taken for the sender and is
     * still returned after the channel closes, before the end.
     */
    @EachConfig
    @Timeout(20)
    @SuppressWarnings({"unchecked", "rawtypes"})
    void heldItemSurvivesAClose(Config config) throws Exception {
        Channel<Integer, Void> ch = cleanup.channel(config);
        Endpoint<Integer, Void> receiver = ch.first();
        Endpoint<Object, Void> raw = (Endpoint) receiver;
        Endpoint<Void, Object> polluted = (Endpoint) ch.second();
        Peer<Integer> peer = config.start("sender", () -> {
            try {
                polluted.sendAll(List.of(1, "a", 2));
                throw new AssertionError("sendAll returned although the channel was closed");
            } catch (ChannelClosedException e) {
                return polluted.taken();
            }
        });
        Integer[] ints = sentinels(4);
        assertEquals(1, receiver.receiveInto(ints, 0, 4), "the item before the misfit");
        assertThrows(ArrayStoreException.class, () -> receiver.receiveInto(ints, 0, 4));
        Probe.awaitWaitingInChannel(peer.thread());
        receiver.close();
        assertEquals(2, peer.join(), "taken() counts the held item");
        assertEquals("a", raw.receive(), "the held item comes before the end");
        assertEquals(-1, receiver.receiveInto(ints, 0, 4));
    }
}
