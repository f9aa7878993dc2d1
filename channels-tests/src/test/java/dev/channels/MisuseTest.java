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
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * Misuse (DESIGN.md, "Closing and failure"): a clear exception at once, and the channel is
 * neither corrupted nor hung: two threads on one endpoint, sending while a reply is pending, and
 * array regions out of bounds.
 */
@Timeout(20)
class MisuseTest {

    /** Every call an intruding thread can make on an endpoint that is in use. */
    private static Map<String, Executable> calls(Endpoint<String, String> e) {
        Map<String, Executable> calls = new LinkedHashMap<>();
        calls.put("receive()", e::receive);
        calls.put("send(null)", () -> e.send(null));
        calls.put("send(v)", () -> e.send("v"));
        calls.put("receive(ZERO)", () -> e.receive(Duration.ZERO));
        calls.put("send(v, 1 min)", () -> e.send("v", Duration.ofMinutes(1)));
        calls.put("start()", e::start);
        calls.put("open()", e::open);
        calls.put("sendAll(array)", () -> e.sendAll(new String[] {"v"}, 0, 1));
        calls.put("sendAll(iterable)", () -> e.sendAll(List.of("v")));
        calls.put("receiveInto", () -> e.receiveInto(new String[1], 0, 1));
        calls.put("iterator().hasNext()", () -> e.iterator().hasNext());
        calls.put("stream().findFirst()", () -> e.stream().findFirst());
        return calls;
    }

    /**
     * A second thread calling an endpoint while its owner is blocked in a call gets an
     * {@link IllegalStateException} at once naming the owner; the owner's call is unaffected and
     * the channel keeps working.
     */
    @EachConfig
    void aSecondThreadOnAnEndpointInUseFailsAtOnce(Config config) throws Exception {
        for (boolean onFirst : new boolean[] {true, false}) {
            Channel<String, String> ch = config.channel();
            Endpoint<String, String> first = ch.first();
            Endpoint<String, String> second = ch.second();
            Endpoint<String, String> used = onFirst ? first : second;
            Peer<String> owner = config.start("owner", onFirst ? first::receive : () -> second.send("a"));
            Probe.awaitWaitingInChannel(owner.thread());
            config.start("intruder", () -> {
                for (Map.Entry<String, Executable> call : calls(used).entrySet()) {
                    IllegalStateException e = assertThrows(IllegalStateException.class, call.getValue(), call.getKey());
                    assertTrue(e.getMessage().contains(owner.thread().getName()),
                            call.getKey() + ": the message names the owner: " + e.getMessage());
                }
                return null;
            }).join(Peer.PROMPTLY);
            assertFalse(owner.isDone(), "the owner still waits");
            if (onFirst) {
                Peer<Void> sender = config.start("second", () -> {
                    try (second) {
                        assertEquals("r", second.send("a"));
                        second.send("b");
                    }
                    return null;
                });
                assertEquals("a", owner.join(), "the owner's call completes as if nothing happened");
                assertEquals("b", first.send("r"), "the channel keeps working");
                assertThrows(ChannelClosedException.class, first::receive);
                sender.join();
            } else {
                Peer<String> receiver = config.start("first", () -> {
                    try (first) {
                        assertEquals("a", first.receive());
                        return first.send("r");
                    }
                });
                assertEquals("r", owner.join(), "the owner's call completes as if nothing happened");
                assertThrows(ChannelClosedException.class, () -> second.send("b"));
                assertEquals(1, second.taken());
                assertEquals("b", receiver.join(), "the channel keeps working");
            }
        }
    }

    /**
     * Sending a value while a reply is pending is an {@link IllegalStateException} that hands
     * nothing over; the reply stays pending and {@code receive()} then returns it.
     */
    @EachConfig
    void sendingWhileAReplyIsPendingFailsAndHandsNothingOver(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        Endpoint<String, String> first = ch.first();
        Endpoint<String, String> second = ch.second();
        first.start(); // a reply is pending: the second endpoint's first value
        Map<String, Executable> sends = new LinkedHashMap<>();
        sends.put("send(x)", () -> first.send("x"));
        sends.put("send(x, 1 min)", () -> first.send("x", Duration.ofMinutes(1)));
        sends.put("sendAll(array)", () -> first.sendAll(new String[] {"x"}, 0, 1));
        sends.put("sendAll(iterable)", () -> first.sendAll(List.of("x")));
        config.start("first", () -> {
            for (Map.Entry<String, Executable> send : sends.entrySet()) {
                assertThrows(IllegalStateException.class, send.getValue(), send.getKey());
                assertTrue(first.isReplyPending(), send.getKey() + ": the reply is still pending");
            }
            return null;
        }).join(Peer.PROMPTLY);
        Peer<List<String>> answers = config.start("second", () -> {
            List<String> got = new ArrayList<>();
            try (second) {
                got.add(second.send("a"));
                got.add(second.send("b"));
            }
            return got;
        });
        assertEquals("a", first.receive(), "the pending reply");
        assertEquals("b", first.send("r1"));
        assertThrows(ChannelClosedException.class, () -> first.send("r2"));
        assertEquals(List.of("r1", "r2"), answers.join(), "no x ever went over");
    }

    /**
     * Array regions out of bounds, and null arrays, are rejected at once with a message naming
     * the numbers, and hand nothing over.
     */
    @EachConfig
    void arrayRegionsOutOfBoundsAreRejected(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        Endpoint<String, String> first = ch.first();
        Endpoint<String, String> second = ch.second();
        String[] ten = new String[10];
        int[][] bad = {{-1, 1}, {0, -1}, {5, 6}, {11, 0}, {10, 1}, {0, 11},
            {Integer.MAX_VALUE, 1}, {1, Integer.MAX_VALUE}};
        first.start();
        config.start("second", () -> {
            second.start();
            for (int[] r : bad) {
                String what = "offset " + r[0] + ", length " + r[1];
                IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                        () -> second.sendAll(ten, r[0], r[1]), "sendAll: " + what);
                String m = e.getMessage();
                assertTrue(r[0] < 0 || r[1] < 0 ? m.contains(String.valueOf(Math.min(r[0], r[1])))
                        : m.contains("offset " + r[0]) && m.contains("length " + r[1]) && m.contains("10"),
                        "the message names the numbers: " + m);
                assertThrows(IndexOutOfBoundsException.class, () -> second.receiveInto(ten, r[0], r[1]),
                        "receiveInto: " + what);
            }
            assertThrows(NullPointerException.class, () -> second.sendAll((String[]) null, 0, 0));
            assertThrows(NullPointerException.class, () -> second.sendAll((Iterable<String>) null));
            assertThrows(NullPointerException.class, () -> second.receiveInto(null, 0, 0));
            assertFalse(second.isReplyPending());
            return null;
        }).join(Peer.PROMPTLY);
        Peer<List<String>> receiver = config.start("first", () -> {
            List<String> got = new ArrayList<>();
            first.forEach(got::add);
            return got;
        });
        try (second) {
            second.send("a");
        }
        assertEquals(List.of("a"), receiver.join(), "nothing went over before a");
    }

    /**
     * A producer put on {@code first()} is told at once, at its first send or at a send after
     * {@code open()} (whose start signal is pending), that the side that sends first holds
     * {@code second()}; nothing is handed over and the channel keeps working.
     */
    @org.junit.jupiter.api.Test
    void aProducerOnFirstIsToldToUseSecond() throws Exception {
        Channel<String, String> ch = Channels.create();
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> ch.first().send("x"));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("holds second()"), e.getMessage());
        org.junit.jupiter.api.Assertions.assertEquals(0, ch.first().taken());
        ch.first().start();
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> ch.first().send("x"));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("holds second()"), e.getMessage());
        org.junit.jupiter.api.Assertions.assertTrue(ch.first().isReplyPending(), "the start signal stays posted");
        ch.first().close();
    }
}
