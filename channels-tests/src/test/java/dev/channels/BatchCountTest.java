package dev.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.testing.Config;
import dev.channels.testing.EachConfig;
import dev.channels.testing.Modes;
import dev.channels.testing.Peer;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * An iterator batch has no length limit. Its count of items pulled has 31 bits; an endless
 * iterator reaches that in about a minute, and before the fix the carry froze the batch: the
 * receiver waited for ever and the sender spun. The count now wraps into a sticky bit, and
 * {@link Endpoint#taken()} reports {@link Integer#MAX_VALUE}. The quick tests move the count
 * near its limit by hand (white box); the thorough one pulls 2^31 + 1,000 items for real.
 */
class BatchCountTest {

    /** Items 0, 1, 2, ... up to {@code end} (exclusive). */
    static Iterator<Long> upTo(long end) {
        return new Iterator<>() {
            long next;

            @Override
            public boolean hasNext() {
                return next < end;
            }

            @Override
            public Long next() {
                if (next >= end) {
                    throw new NoSuchElementException();
                }
                return next++;
            }
        };
    }

    /**
     * On the receiving thread: starts, takes item 0 of the sender's iterator batch, puts the
     * count {@code below} items short of its limit (white box), and takes items 1 to {@code last}.
     */
    static void takePastTheLimit(Endpoint<Long, Void> receiver, int below, long last) throws InterruptedException {
        receiver.start();
        assertEquals(0L, receiver.receive());
        Batch b = batchOf(receiver);
        long st = b.stateAcquire();
        assertEquals(0L, st & Batch.STOPPED, "the batch is open");
        b.state = (st & ~Batch.COUNT_MASK) | (Batch.COUNT_MASK - below); // the receiver alone moves the count
        for (long i = 1; i <= last; i++) {
            assertEquals(i, receiver.receive(), "item " + i);
        }
    }

    /** The batch the receiver takes from: its own field, read on its own thread. */
    static Batch batchOf(Endpoint<Long, Void> receiver) {
        return (Batch) ((ExchangeEndpoint<?, ?>) receiver).peer;
    }

    @EachConfig
    @Timeout(20)
    void theCountWrapsInsteadOfFreezingTheBatch(Config config) throws Exception {
        Channel<Long, Void> ch = config.channel();
        Endpoint<Void, Long> sender = ch.second();
        Peer<Integer> peer = config.start("sender", () -> {
            try (sender) {
                sender.sendAll(upTo(40));
                return sender.taken();
            }
        });
        try (Endpoint<Long, Void> receiver = ch.first()) {
            takePastTheLimit(receiver, 5, 39); // the count passes its limit after 5 of the 39
            long st = batchOf(receiver).stateAcquire();
            assertTrue((st & Batch.MANY) != 0L, "the count wrapped");
            assertEquals(0L, st & Batch.FROZEN, "a wrapped count does not freeze the batch");
            assertThrows(ChannelClosedException.class, receiver::receive); // the iterator ended; the sender closed
            assertEquals(Integer.MAX_VALUE, peer.join(), "taken() saturates");
        }
    }

    @EachConfig
    @Timeout(20)
    void aCloseAfterTheWrapStillReportsItemsTaken(Config config) throws Exception {
        Channel<Long, Void> ch = config.channel();
        Endpoint<Void, Long> sender = ch.second();
        Peer<Void> peer = config.start("sender", () -> {
            sender.sendAll(upTo(Long.MAX_VALUE));
            return null;
        });
        try (Endpoint<Long, Void> receiver = ch.first()) {
            takePastTheLimit(receiver, 2, 10);
        }
        assertInstanceOf(ChannelClosedException.class, peer.failure());
        assertEquals(Integer.MAX_VALUE, sender.taken(), "not 0: items were taken");
    }

    @Test
    void theCountReportsAnIntAndNeverCarriesIntoTheFlags() {
        long st = Batch.COUNT_MASK - 1;
        st = Batch.pulledOne(st);
        assertEquals(Integer.MAX_VALUE, Batch.count(st));
        assertEquals(0L, st & Batch.MANY);
        st = Batch.pulledOne(st);
        assertEquals(Batch.MANY, st, "wrapped to 0 with MANY");
        assertEquals(Integer.MAX_VALUE, Batch.count(st));
        assertNotEquals(0L, Batch.pulledOne(st) & Batch.COUNT_MASK);
        assertEquals(0L, Batch.pulledOne(st) & Batch.STOPPED);
    }

    static boolean thorough() {
        return Modes.THOROUGH;
    }

    /** For real: 2^31 + 1,000 items through one iterator batch (about 70 s here); thorough mode only. */
    @Test
    @EnabledIf("thorough")
    @Timeout(600)
    void anEndlessIteratorPassesTwoToTheThirtyOneItems() throws Exception {
        Channel<Long, Void> ch = Channels.create();
        Endpoint<Long, Void> receiver = ch.first();
        Endpoint<Void, Long> sender = ch.second();
        long total = (1L << 31) + 1_000;
        Peer<Integer> peer = Peer.start(Thread.ofPlatform().name("sender"), () -> {
            try (sender) {
                sender.sendAll(upTo(total));
                return sender.taken();
            }
        });
        receiver.start();
        long expect = 0;
        for (Long v : receiver) {
            if (v != expect) {
                assertEquals(expect, v, "item " + expect);
            }
            expect++;
        }
        assertEquals(total, expect);
        assertEquals(Integer.MAX_VALUE, peer.join());
    }
}
