package dev.channels.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.channels.Channel;
import dev.channels.ChannelClosedException;
import dev.channels.Endpoint;
import dev.channels.testing.Config;
import dev.channels.testing.EachConfig;
import dev.channels.testing.Modes;
import dev.channels.testing.Peer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A race: the sender's batch is retracted (interrupt, nothing taken) and the same endpoint sends
 * its next batch, of the other kind (an array after an iterator, an iterator after an array),
 * while the receiver is between seeing the first deposit and taking from it. Every outcome is
 * legal except losing, duplicating or reordering items, or failing the receiver.
 */
class BatchRetractRaceTest {
    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    static final long MILLIS = Modes.pick(400L, 20_000L);

    /**
     * Batches alternating between array and iterator, retracted again and again by interrupts,
     * reach a receiver that just keeps receiving exactly once and in order.
     */
    @EachConfig
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void kindChangesUnderRetraction(Config config) throws Exception {
        Channel<Integer, Void> ch = cleanup.channel(config);
        Endpoint<Integer, Void> receiver = ch.first();
        Endpoint<Void, Integer> sender = ch.second();
        AtomicBoolean stop = new AtomicBoolean();
        Peer<Integer> s = config.start("sender", BatchStressTest.closingOnFailure(ch, () -> {
            int next = 0;
            Integer[] array = new Integer[4];
            try (sender) {
                for (int i = 0; !stop.get(); i++) {
                    try {
                        if (i % 2 == 0) {
                            sender.sendAll(new Source(next, 3));
                        } else {
                            for (int j = 0; j < 3; j++) {
                                array[j] = next + j;
                            }
                            sender.sendAll(array, 0, 3);
                        }
                        next += 3;
                    } catch (InterruptedException e) {
                        next += sender.taken(); // if nothing was taken, the same items go next, as the other kind
                        while (sender.isReplyPending()) {
                            try {
                                sender.receive();
                            } catch (InterruptedException again) {
                                // still pending
                            }
                        }
                    }
                }
            }
            return next;
        }));
        Peer<List<Integer>> r = config.start("receiver", BatchStressTest.closingOnFailure(ch, () -> {
            List<Integer> got = new ArrayList<>();
            try {
                for (;;) {
                    got.add(receiver.receive());
                }
            } catch (ChannelClosedException e) {
                return got;
            }
        }));
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MILLIS);
        for (int i = 0; System.nanoTime() - end < 0 && !s.isDone() && !r.isDone(); i++) {
            BatchStressTest.pause(i % 200);
            s.thread().interrupt();
        }
        stop.set(true);
        int count = s.join();
        assertEquals(Items.list(0, count), r.join());
    }
}
