package dev.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.testing.Config;
import dev.channels.testing.EachConfig;
import dev.channels.testing.Peer;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Timeout;

/**
 * A {@code send(v)} whose answer is a batch with no item ({@code sendAll} of an empty iterator):
 * v went over, and the call goes on waiting, as an untimed call does, with a request for more.
 * When it is then interrupted or times out, that request stays posted and {@code taken()} is 1:
 * the caller's check of {@link Endpoint#isReplyPending()} (true) tells it to receive the answer,
 * not to send v again (found by review: the request was withdrawn and taken() reset to 0, so a
 * caller following the Javadoc sent v twice, and the other end received it twice).
 *
 * <p>The other end's empty batch is deposited with the core's own deposit
 * ({@link Internals#depositBatch(Endpoint, Iterator)}), so that nothing takes the request that
 * follows it: the order is fixed, not raced.
 */
class EmptyBatchAnswerTest {


    /** An empty iterator whose only hasNext(), on the receiving thread, says that it ran. */
    private static Iterator<Object> emptyAndTell(CountDownLatch pulled, boolean interruptPuller) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                if (interruptPuller) {
                    Thread.currentThread().interrupt(); // the puller's wait that follows is cut short
                }
                pulled.countDown();
                return false;
            }

            @Override
            public Object next() {
                throw new NoSuchElementException();
            }
        };
    }

    @EachConfig
    @Timeout(30)
    void anInterruptedSendWhoseAnswerWasAnEmptyBatchKeepsItsRequestPosted(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        Endpoint<String, String> a = ch.second();
        Endpoint<String, String> b = ch.first();
        Peer<String> sending = config.start("sender", () -> {
            assertThrows(InterruptedException.class, () -> a.send("v"));
            return a.taken() + " " + a.isReplyPending();
        });
        assertEquals("v", b.receive());
        CountDownLatch pulled = new CountDownLatch(1);
        Internals.depositBatch(b, emptyAndTell(pulled, true));
        assertEquals("1 true", sending.join(), "taken() and isReplyPending() after the interrupt");
        assertTrue(pulled.await(1, TimeUnit.SECONDS));

        assertNull(b.receive(Duration.ofSeconds(5)), "the sender's request for more: the rest of sendAll's wait");
        Peer<String> answering = config.start("answer", () -> b.send("answer"));
        assertEquals("answer", a.receive(), "the reply the caller was told is pending");
        a.post("next"); // hands it over without waiting for an answer
        assertEquals("next", answering.join(), "v was received once; the next value follows it");
    }

    @EachConfig
    @Timeout(30)
    void aTimedOutSendWhoseAnswerWasAnEmptyBatchKeepsItsRequestPosted(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        Endpoint<String, String> a = ch.second();
        Endpoint<String, String> b = ch.first();
        CountDownLatch pulled = new CountDownLatch(1);
        Peer<String> sending = config.start("sender", () -> {
            TimeoutException e = assertThrows(TimeoutException.class, () -> a.send("v", Duration.ofMillis(200)));
            return a.taken() + " " + a.isReplyPending() + " " + e.getMessage();
        });
        assertEquals("v", b.receive());
        Internals.depositBatch(b, emptyAndTell(pulled, false));
        String after = sending.join();
        assertTrue(after.startsWith("1 true "), "taken() and isReplyPending() after the timeout: " + after);
        assertTrue(after.contains("the value was taken"), after);
        assertNull(b.receive(Duration.ofSeconds(5)), "the sender's request for more");
    }

    /**
     * The same for a {@code receive()} that waits for the answer to an earlier call's deposit (a
     * timed-out {@code send} whose value was taken): cut short after the empty batch, it leaves a
     * reply pending, as before the call (found by the randomized stress test once its receiver
     * answered with empty batches: the request was withdrawn, and no reply was pending).
     */
    @EachConfig
    @Timeout(30)
    void aReceiveForAnEarlierCallsAnswerKeepsTheReplyPendingAfterAnEmptyBatch(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        Endpoint<String, String> a = ch.second();
        Endpoint<String, String> b = ch.first();
        CountDownLatch timedOut = new CountDownLatch(1);
        CountDownLatch answerComing = new CountDownLatch(1);
        Peer<String> asking = config.start("sender", () -> {
            assertThrows(TimeoutException.class, () -> a.send("v", Duration.ofMillis(100)));
            String before = a.taken() + " " + a.isReplyPending();
            timedOut.countDown();
            assertTrue(answerComing.await(20, TimeUnit.SECONDS));
            assertThrows(InterruptedException.class, a::receive); // the empty batch's hasNext() interrupts it
            return before + " / " + a.isReplyPending();
        });
        assertEquals("v", b.receive());
        assertTrue(timedOut.await(20, TimeUnit.SECONDS));
        answerComing.countDown();
        CountDownLatch pulled = new CountDownLatch(1);
        Internals.depositBatch(b, emptyAndTell(pulled, true));
        assertEquals("1 true / true", asking.join(), "taken() and isReplyPending() before; isReplyPending() after");
        assertNull(b.receive(Duration.ofSeconds(5)), "the request for more stays posted");
    }
}
