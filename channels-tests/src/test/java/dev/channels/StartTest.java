package dev.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.testing.Config;
import dev.channels.testing.EachConfig;
import dev.channels.testing.Peer;
import dev.channels.testing.Probe;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Timeout;

/**
 * Starting (DESIGN.md, "The exchange protocol"): the first endpoint starts by receiving, the
 * second waits for it, and {@code start()} hands over or waits for exactly the start signal.
 */
@Timeout(20)
class StartTest {

    /**
     * A non-null first value on the first endpoint is an {@link IllegalStateException}; nothing
     * is handed over (the second endpoint still waits to start) and the channel then works.
     */
    @EachConfig
    void firstEndpointMustStartByReceiving(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        Endpoint<String, String> first = ch.first();
        Peer<Void> misuse = config.start("first-misuse", () -> {
            assertThrows(IllegalStateException.class, () -> first.send("x"));
            assertThrows(IllegalStateException.class, () -> first.send("x", Duration.ofSeconds(1)));
            assertThrows(IllegalStateException.class, () -> first.sendAll(new String[] {"x"}, 0, 1));
            assertThrows(IllegalStateException.class, () -> first.sendAll(List.of("x")));
            assertFalse(first.isReplyPending());
            return null;
        });
        misuse.join();
        CountDownLatch started = new CountDownLatch(1);
        Peer<String> second = config.start("second", () -> {
            try (var e = ch.second()) {
                e.start(); // must wait: no start signal was handed over
                started.countDown();
                return e.send("a");
            }
        });
        Probe.awaitWaitingInChannel(second.thread());
        assertEquals(1, started.getCount(), "the second endpoint waits in start(): no start signal went over");
        assertEquals("a", first.receive(), "the second endpoint's first value");
        assertThrows(ChannelClosedException.class, () -> first.send("b"), "the second closes after taking b");
        assertEquals(1, first.taken(), "b was taken");
        assertEquals("b", second.join(), "the channel kept working");
    }

    /** The second endpoint's first send waits until the first endpoint has started, then hands its value over. */
    @EachConfig
    void secondEndpointWaitsForTheFirstToStart(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        Peer<String> second = config.start("second", () -> ch.second().send("a"));
        Probe.awaitWaitingInChannel(second.thread());
        assertFalse(second.isDone(), "the second endpoint waits while the first has not started");
        Endpoint<String, String> first = ch.first();
        assertEquals("a", first.receive());
        first.start(); // started already: does nothing
        assertFalse(first.isReplyPending(), "start() on a started first endpoint hands nothing over");
        Peer<String> answer = config.start("first", () -> first.send("r"));
        assertEquals("r", second.join(), "the second's first send returns the first's answer");
        Probe.awaitWaitingInChannel(answer.thread());
        ch.second().close();
        assertTrue(answer.failure(ChannelClosedException.class).isClosedByOtherEnd());
    }

    /**
     * {@code start()} on the second endpoint waits for exactly the start signal: it returns once
     * the first endpoint started, takes nothing else, and the second's next send is the first
     * value the first endpoint receives.
     */
    @EachConfig
    void secondStartWaitsForTheStartSignalOnly(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        Endpoint<String, String> second = ch.second();
        Peer<Void> starter = config.start("second-start", () -> {
            second.start();
            second.start(); // started already: returns at once
            return null;
        });
        Probe.awaitWaitingInChannel(starter.thread());
        assertFalse(starter.isDone(), "start() waits while the first endpoint has not started");
        Endpoint<String, String> first = ch.first();
        Peer<String> receiver = config.start("first", first::receive);
        starter.join(Peer.PROMPTLY);
        assertFalse(second.isReplyPending());
        Probe.awaitWaitingInChannel(receiver.thread());
        // ownership of the second endpoint moves from the starter thread to this one
        Peer<String> sender = config.start("second-send", () -> second.send("a"));
        assertEquals("a", receiver.join(), "nothing was taken or dropped by start()");
        Probe.awaitWaitingInChannel(sender.thread());
        first.close();
        sender.failure(ChannelClosedException.class);
        assertEquals(1, second.taken(), "a was taken before the close");
    }

    /**
     * {@code start()} on the first endpoint does not wait, even if no one ever takes the signal;
     * then a reply is pending, and the next {@code receive()} returns the second endpoint's first
     * value: nothing is dropped.
     */
    @EachConfig
    void firstStartDoesNotWaitAndDropsNothing(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        Endpoint<String, String> first = ch.first();
        config.start("first-start", () -> {
            first.start();
            first.start(); // a second start hands nothing more over
            assertTrue(first.isReplyPending(), "the start signal awaits its answer");
            return null;
        }).join(Peer.PROMPTLY);
        Peer<Void> second = config.start("second", () -> {
            try (var e = ch.second()) {
                e.send("a");
                e.send("b");
            }
            return null;
        });
        assertEquals("a", first.receive(), "the second endpoint's first value is not dropped");
        assertEquals("b", first.receive());
        assertThrows(ChannelClosedException.class, first::receive);
        second.join();
    }

    /** The second endpoint may start by receiving: its first call hands {@code null} to the first endpoint. */
    @EachConfig
    void secondMayStartByReceiving(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        Endpoint<String, String> first = ch.first();
        Peer<String> second = config.start("second", () -> ch.second().receive());
        assertNull(first.receive(), "the second's receive() hands null over");
        Peer<String> reply = config.start("first", () -> first.send("r"));
        assertEquals("r", second.join());
        Probe.awaitWaitingInChannel(reply.thread());
        first.close();
        reply.failure(ChannelClosedException.class);
    }
}
