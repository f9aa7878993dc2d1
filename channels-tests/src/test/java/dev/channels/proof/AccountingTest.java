package dev.channels.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.channels.Channel;
import dev.channels.Endpoint;
import dev.channels.testing.Config;
import dev.channels.testing.EachConfig;
import dev.channels.testing.Peer;
import org.junit.jupiter.api.Timeout;

/**
 * After a call ends by an exception, {@link Endpoint#taken()} describes that call, never an
 * earlier one: a user who resends when it is 0 and not when it is 1 (or receives the pending
 * answer) neither loses nor duplicates a value. Found by the randomized stress test (an interrupt
 * landing between two calls).
 */
class AccountingTest {

    /** An echo peer on the first endpoint: answers each value with itself until closed. */
    private static Peer<Void> echo(Config config, Endpoint<Integer, Integer> first) {
        return config.start("echo", () -> {
            try {
                Integer v = first.receive();
                for (;;) {
                    v = first.send(v);
                }
            } catch (dev.channels.ChannelClosedException e) {
                return null;
            }
        });
    }

    /** An interrupt pending on entry hands nothing over, so taken() is 0 (it was 1 before). */
    @EachConfig
    @Timeout(20)
    void takenIsZeroAfterAnInterruptOnEntry(Config config) throws Exception {
        Channel<Integer, Integer> ch = config.channel();
        Endpoint<Integer, Integer> second = ch.second();
        Peer<Void> peer = echo(config, ch.first());
        try {
            assertEquals(1, second.send(1));
            assertEquals(1, second.taken());

            Thread.currentThread().interrupt();
            assertThrows(InterruptedException.class, () -> second.send(2));
            assertFalse(Thread.currentThread().isInterrupted(), "the interrupt status is cleared");
            assertFalse(second.isReplyPending());
            assertEquals(0, second.taken(), "send(2) was refused on entry: 2 was not taken");

            assertEquals(2, second.send(2), "2 is still ours and goes over when sent again");
        } finally {
            Thread.interrupted();
            second.close();
        }
        peer.join();
    }

    /** The same for a batch: taken() must not report the previous batch's count. */
    @EachConfig
    @Timeout(20)
    void batchTakenIsZeroAfterAnInterruptOnEntry(Config config) throws Exception {
        Channel<Integer, Integer> ch = config.channel();
        Endpoint<Integer, Integer> first = ch.first();
        Endpoint<Integer, Integer> second = ch.second();
        Peer<Integer> peer = config.start("receiver", () -> {
            int n = 0;
            try {
                for (;;) {
                    first.receive();
                    n++;
                }
            } catch (dev.channels.ChannelClosedException e) {
                return n;
            }
        });
        try {
            second.sendAll(new Integer[] {1, 2, 3}, 0, 3);
            assertEquals(3, second.taken());

            Thread.currentThread().interrupt();
            assertThrows(InterruptedException.class, () -> second.sendAll(new Integer[] {4, 5}, 0, 2));
            assertFalse(second.isReplyPending());
            assertEquals(0, second.taken(), "sendAll was refused on entry: no item was taken");
        } finally {
            Thread.interrupted();
            second.close();
        }
        assertEquals(3, peer.join());
    }
}
