package dev.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.testing.Config;
import dev.channels.testing.EachConfig;
import dev.channels.testing.Peer;
import dev.channels.testing.Probe;
import java.util.concurrent.locks.LockSupport;

/**
 * A call that never returns can be diagnosed: the park blocker of a thread waiting on an endpoint
 * is that endpoint, whose {@code toString} names the channel, the end, what it waits for, and the
 * thread that last used the other end, saying when that thread has ended.
 */
class DiagnosticsTest {

    /** A lone second().send(..): nobody ever used the first endpoint. */
    @EachConfig
    void aLoneSendSaysTheOtherEndWasNeverUsed(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        Peer<String> sender = config.start("lone-sender", () -> ch.second().send("x"));
        Probe.awaitWaitingInChannel(sender.thread());
        String s = ch.second().toString();
        assertTrue(s.contains("second of channel#"), s);
        assertTrue(s.contains("waiting for the first endpoint to start"), s);
        assertTrue(s.contains("the first endpoint was never used"), s);
        ch.first().close();
        sender.failure(ChannelClosedException.class, Peer.PROMPTLY);
    }

    /** A producer that ended without close(): the consumer's endpoint names it and says it has ended. */
    @EachConfig
    void aForgottenCloseNamesTheEndedProducer(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        Peer<String> producer = config.start("forgetful-producer", () -> {
            ch.second().send("only");
            return null; // ends without close()
        });
        Peer<String> consumer = config.start("consumer", () -> {
            String first = ch.first().receive();
            assertEquals("only", first);
            return ch.first().receive(); // the producer answers no more
        });
        producer.join();
        Probe.awaitWaitingInChannel(consumer.thread());
        String s = ch.first().toString();
        assertTrue(s.contains("first of channel#"), s);
        assertTrue(s.contains("waiting for a reply"), s);
        assertTrue(s.contains("forgetful-producer"), s);
        assertTrue(s.contains("which has ended"), s);
        Object blocker = LockSupport.getBlocker(consumer.thread());
        if (blocker instanceof Endpoint<?, ?>) { // parked (busySpin spins, or pauses with itself as blocker)
            assertTrue(blocker == ch.first(), "the park blocker is the waiting endpoint: " + blocker);
        }
        ch.second().close();
        consumer.failure(ChannelClosedException.class, Peer.PROMPTLY);
    }
}
