package dev.channels.batch;

import static dev.channels.batch.Items.list;
import static dev.channels.batch.Items.region;
import static dev.channels.batch.Items.seq;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.channels.Channel;
import dev.channels.ChannelClosedException;
import dev.channels.Endpoint;
import dev.channels.testing.Config;
import dev.channels.testing.EachConfig;
import dev.channels.testing.Peer;
import dev.channels.testing.Probe;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code sendAll} is lazy like {@code send}: it returns only once every item was taken and the
 * receiver asked for more, never while the receiver still holds the last items.
 */
class BatchLazinessTest {
    @RegisterExtension
    final Cleanup cleanup = new Cleanup();


    /** How the receiver takes the ten items of the batch. */
    enum Take {
        RECEIVE_INTO_ALL, RECEIVE_INTO_SOME, RECEIVE_ONE_BY_ONE
    }

    /** What the sender hands over. */
    enum Kind {
        ARRAY, ITERATOR
    }

    /**
     * With all items taken but no further call by the receiver, {@code sendAll} is still waiting;
     * the receiver's next call lets it return, and that call returns the sender's next value.
     */
    @EachConfig
    @Timeout(30)
    void returnsOnlyWhenTheReceiverAsksForMore(Config config) throws Exception {
        for (Kind kind : Kind.values()) {
            for (Take take : Take.values()) {
                Channel<Integer, Void> ch = cleanup.channel(config);
                Endpoint<Integer, Void> receiver = ch.first();
                Endpoint<Void, Integer> sender = ch.second();
                CountDownLatch sendAllReturned = new CountDownLatch(1);
                Peer<Void> peer = config.start("sender", () -> {
                    if (kind == Kind.ARRAY) {
                        sender.sendAll(seq(0, 10), 0, 10);
                    } else {
                        sender.sendAll(new Source(0, 10));
                    }
                    sendAllReturned.countDown();
                    try {
                        sender.send(99);
                    } catch (ChannelClosedException e) {
                        assertEquals(1, sender.taken()); // the receiver took 99, then closed
                    }
                    return null;
                });
                List<Integer> got = new ArrayList<>();
                Integer[] buffer = new Integer[10];
                switch (take) {
                    case RECEIVE_INTO_ALL -> got.addAll(region(buffer, 0, receiver.receiveInto(buffer, 0, 10)));
                    case RECEIVE_INTO_SOME -> {
                        while (got.size() < 10) {
                            got.addAll(region(buffer, 0, receiver.receiveInto(buffer, 0, 4)));
                        }
                    }
                    case RECEIVE_ONE_BY_ONE -> {
                        for (int i = 0; i < 10; i++) {
                            got.add(receiver.receive());
                        }
                    }
                }
                assertEquals(list(0, 10), got, kind + ", " + take);
                Probe.awaitWaitingInChannel(peer.thread());
                assertEquals(1, sendAllReturned.getCount(),
                        kind + ", " + take + ": sendAll returned while the receiver held the last items");
                assertEquals(99, receiver.receive(), "the call that asks for more gets the next value");
                assertEquals(0, sendAllReturned.getCount());
                receiver.close();
                peer.join();
            }
        }
    }

    /** A single {@code send} behaves the same, for comparison: it waits for the receiver's next call. */
    @EachConfig
    @Timeout(20)
    void sendWaitsLikewise(Config config) throws Exception {
        Channel<Integer, Void> ch = cleanup.channel(config);
        Endpoint<Integer, Void> receiver = ch.first();
        Endpoint<Void, Integer> sender = ch.second();
        CountDownLatch sendReturned = new CountDownLatch(1);
        Peer<Void> peer = config.start("sender", () -> {
            sender.send(1);
            sendReturned.countDown();
            try {
                sender.send(2);
            } catch (ChannelClosedException e) {
                assertEquals(1, sender.taken());
            }
            return null;
        });
        Integer[] buffer = new Integer[4];
        assertEquals(1, receiver.receiveInto(buffer, 0, 4));
        Probe.awaitWaitingInChannel(peer.thread());
        assertEquals(1, sendReturned.getCount());
        assertEquals(2, receiver.receive());
        receiver.close();
        peer.join();
    }
}
