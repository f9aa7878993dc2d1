package dev.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.testing.Config;
import dev.channels.testing.EachConfig;
import dev.channels.testing.Peer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * A close whose thread stalls between freezing the batch it found in the slot and its slot CAS,
 * while the same {@link Batch} object goes round: the receiver finishes that generation and asks
 * for more, the sender's next {@code sendAll} arms the descriptor as a new generation and deposits
 * it, and the close's CAS, which compares references, then succeeds on the new generation, which
 * its freeze never saw. Found by review (the randomized stress test never hit the window). Before
 * {@link Exchange#closedSlot} froze the batch again, the receiver went on taking items from the
 * new generation after the close: a call made on a closed channel returned a value.
 *
 * <p>The test cannot pause {@code close()} inside itself, so it performs close()'s steps in its
 * own order (claim {@code closing}, freeze the batch in the slot, then, after the batch went round,
 * the slot CAS and {@link Exchange#closedSlot}), with the two ends' threads held by latches.
 */
class CloseReusedBatchTest {

    @EachConfig
    @Timeout(30)
    void aCloseThatMissedTheReusedBatchFreezesItBeforeReturning(Config config) throws Exception {
        Channel<Integer, Void> ch = config.channel();
        Endpoint<Integer, Void> receiver = ch.first();
        Endpoint<Void, Integer> sender = ch.second();
        Exchange x = ((ExchangeEndpoint<?, ?>) sender).exchange;
        CountDownLatch tookFirstBatch = new CountDownLatch(1);
        CountDownLatch askForMore = new CountDownLatch(1);
        CountDownLatch tookFromSecond = new CountDownLatch(1);
        CountDownLatch callAfterClose = new CountDownLatch(1);

        Peer<Integer> sending = config.start("sender", () -> {
            sender.sendAll(new Integer[] {10, 11}, 0, 2);
            assertThrows(ChannelClosedException.class, () -> sender.sendAll(new Integer[] {20, 21}, 0, 2));
            return sender.taken();
        });
        Peer<String> receiving = config.start("receiver", () -> {
            StringBuilder got = new StringBuilder();
            got.append(receiver.receive()).append(',').append(receiver.receive());
            tookFirstBatch.countDown();
            assertTrue(askForMore.await(20, TimeUnit.SECONDS));
            got.append(',').append(receiver.receive()); // asks for more; takes the first item of the next batch
            tookFromSecond.countDown();
            assertTrue(callAfterClose.await(20, TimeUnit.SECONDS));
            String fourth;
            try {
                fourth = String.valueOf(receiver.receive());
            } catch (ChannelClosedException e) {
                fourth = "closed";
            }
            got.append(',').append(fourth);
            return got.toString();
        });

        assertTrue(tookFirstBatch.await(20, TimeUnit.SECONDS));
        // close()'s first steps: the slot holds the sender's batch (both items taken)
        Object replaced = x.slotVolatile();
        Batch batch = assertInstanceOf(Batch.class, replaced);
        Closed closed = new Closed(true, null, replaced);
        x.closing = closed;
        batch.freezeNoWait();
        // the closing thread stalls; the batch goes round and comes back as a new generation
        askForMore.countDown();
        assertTrue(tookFromSecond.await(20, TimeUnit.SECONDS));
        assertSame(batch, x.slotVolatile(), "the same descriptor is in the slot again");
        // close()'s last steps
        assertTrue(x.casSlot(replaced, closed), "the CAS succeeds: it compares references");
        x.closedSlot(replaced);
        callAfterClose.countDown(); // a receive() that starts after close() returned

        assertEquals("10,11,20,closed", receiving.join());
        assertEquals(1, sending.join(), "the second batch: one item taken before the close");
    }

}
