package dev.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.channels.testing.Config;
import dev.channels.testing.EachConfig;
import dev.channels.testing.Peer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;

/**
 * The exchange protocol (DESIGN.md, "The exchange protocol"): strict turns, order, one value in
 * transit at a time, {@code null} as data, and identical references.
 */
@Timeout(30)
class ExchangeTest {

    /**
     * The endpoints speak in strict turns and each value is returned by exactly one call at the
     * other end, in order.
     */
    @EachConfig
    void strictTurnsInOrderBothWays(Config config) throws Exception {
        int rounds = config.rounds(2_000, 100_000);
        Channel<Integer, String> ch = config.channel();
        Peer<Void> second = config.start("second", () -> {
            Endpoint<String, Integer> e = ch.second();
            try (e) {
                for (int i = 0; i < rounds; i++) {
                    assertEquals("reply " + i, e.send(i), "the answer to value " + i);
                }
            }
            return null;
        });
        Endpoint<Integer, String> first = ch.first();
        int expected = 0;
        Integer v = first.receive();
        try {
            for (;;) {
                assertEquals(expected, v, "value " + expected + " arrives in order");
                v = first.send("reply " + expected++);
            }
        } catch (ChannelClosedException e) {
            assertEquals(rounds, expected, "every value arrived exactly once");
            assertEquals(1, first.taken(), "the last reply was taken before the close");
        }
        second.join();
    }

    /**
     * Nothing is buffered: {@code send(x)} returns only once the other end has taken {@code x}
     * and asked for the next value, so a sender is never ahead of its receiver.
     */
    @EachConfig
    void sendReturnsOnlyWhenTheReceiverAsksForMore(Config config) throws Exception {
        int rounds = config.rounds(500, 50_000);
        Channel<Integer, Void> ch = config.channel();
        AtomicInteger sending = new AtomicInteger(-1); // the value whose send is in progress
        AtomicInteger returned = new AtomicInteger(0); // how many sends have returned
        Peer<Void> sender = config.start("sender", () -> {
            try (var out = ch.second()) {
                for (int i = 0; i < rounds; i++) {
                    sending.set(i);
                    out.send(i);
                    returned.incrementAndGet();
                }
            }
            return null;
        });
        int i = 0;
        for (Integer v : ch.first()) {
            assertEquals(i, v);
            assertEquals(i, sending.get(), "the sender is still in send(" + i + ")");
            assertEquals(i, returned.get(), "send(" + i + ") has not returned before the receiver asked again");
            i++;
        }
        assertEquals(rounds, i);
        sender.join();
    }

    /** {@code null} is a legal value in both directions, and {@code null} may answer {@code null}. */
    @EachConfig
    void nullIsLegalBothWays(Config config) throws Exception {
        String[] fromSecond = {null, "b", null, null, "c"};
        String[] fromFirst = {null, "x", null, "y", null};
        Channel<String, String> ch = config.channel();
        Peer<Void> second = config.start("second", () -> {
            try (var e = ch.second()) {
                for (int k = 0; k < fromSecond.length; k++) {
                    assertEquals(fromFirst[k], e.send(fromSecond[k]), "answer " + k);
                }
            }
            return null;
        });
        Endpoint<String, String> first = ch.first();
        String v = first.receive();
        for (int k = 0; k < fromSecond.length; k++) {
            assertEquals(fromSecond[k], v, "value " + k);
            if (k == fromSecond.length - 1) {
                String last = fromFirst[k];
                assertThrows(ChannelClosedException.class, () -> first.send(last));
                assertEquals(1, first.taken(), "the last answer was taken before the close");
            } else {
                v = first.send(fromFirst[k]);
            }
        }
        second.join();
    }

    /**
     * An echo server: the very reference received is sent back, again and again, and arrives as
     * that reference (the channel must not mistake it for its own deposit), {@code null} included.
     */
    @EachConfig
    void identicalReferencesAreEchoed(Config config) throws Exception {
        int rounds = config.rounds(500, 50_000);
        Object[] pool = {new Object(), null, new Object()};
        Channel<Object, Object> ch = config.channel();
        Peer<Void> client = config.start("client", () -> {
            try (var e = ch.second()) {
                for (int i = 0; i < rounds; i++) {
                    Object o = pool[i / 7 % pool.length]; // the same reference several times running
                    assertSame(o, e.send(o), "round " + i + " echoes the reference sent");
                }
            }
            return null;
        });
        Endpoint<Object, Object> server = ch.first();
        Object v = server.receive();
        try {
            for (;;) {
                v = server.send(v);
            }
        } catch (ChannelClosedException e) {
            client.join();
        }
    }

    /**
     * Any pattern of repeated references, in either direction, arrives exactly: each side sends
     * from a pool of two objects and {@code null}, so echoes, repeats of one's own last value and
     * fresh values all occur.
     */
    @EachConfig
    void anyPatternOfReferencesArrivesExactly(Config config) throws Exception {
        int rounds = config.rounds(2_000, 200_000);
        Object a = new Object();
        Object b = new Object();
        Object[] pool = {a, b, null};
        Object[] fromSecond = new Object[rounds];
        Object[] fromFirst = new Object[rounds];
        Random random = new Random(rounds);
        for (int i = 0; i < rounds; i++) {
            fromSecond[i] = pool[random.nextInt(pool.length)];
            fromFirst[i] = pool[random.nextInt(pool.length)];
        }
        Channel<Object, Object> ch = config.channel();
        Peer<Void> second = config.start("second", () -> {
            try (var e = ch.second()) {
                for (int i = 0; i < rounds; i++) {
                    assertSame(fromFirst[i], e.send(fromSecond[i]), "answer " + i);
                }
            }
            return null;
        });
        Endpoint<Object, Object> first = ch.first();
        Object v = first.receive();
        for (int i = 0; i < rounds; i++) {
            assertSame(fromSecond[i], v, "value " + i);
            try {
                v = first.send(fromFirst[i]);
            } catch (ChannelClosedException e) {
                assertEquals(rounds - 1, i, "the channel closes after the last answer only");
            }
        }
        second.join();
    }

    /** A mutable payload with plain fields: its contents must arrive as written before the send. */
    static final class Payload {
        int[] data;
        String note;
    }

    /**
     * Ownership may move from thread to thread between calls (delegation): each call of a
     * conversation is made by a new thread at both ends, the conversation stays in order, and
     * plain writes made before a send are seen by the receiving call.
     */
    @EachConfig
    void endpointsMayBeHandedFromThreadToThreadBetweenCalls(Config config) throws Exception {
        int rounds = config.rounds(100, 5_000);
        Channel<Payload, Payload> ch = config.channel();
        Endpoint<Payload, Payload> first = ch.first();
        Endpoint<Payload, Payload> second = ch.second();
        Peer<Void> secondSide = config.start("second", () -> {
            for (int i = 0; i < rounds; i++) {
                int n = i;
                Payload answer = config.start("second-" + i, () -> {
                    Payload p = new Payload();
                    p.data = new int[] {n, n * 2};
                    p.note = "from second " + n;
                    return second.send(p);
                }).join();
                assertEquals(n, answer.data[0], "answer " + n);
                assertEquals("from first " + n, answer.note);
            }
            second.close();
            return null;
        });
        Payload v = config.start("first-start", first::receive).join();
        for (int i = 0; ; i++) {
            assertEquals(i, v.data[0], "value " + i);
            assertEquals(2 * i, v.data[1]);
            assertEquals("from second " + i, v.note);
            Payload answer = new Payload();
            answer.data = new int[] {i};
            answer.note = "from first " + i;
            Peer<Payload> call = config.start("first-" + i, () -> first.send(answer));
            if (i == rounds - 1) {
                call.failure(ChannelClosedException.class);
                break;
            }
            v = call.join();
        }
        secondSide.join();
    }
}
