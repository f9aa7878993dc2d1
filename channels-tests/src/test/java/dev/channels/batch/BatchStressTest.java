package dev.channels.batch;

import static dev.channels.batch.Items.SENTINEL;
import static dev.channels.batch.Items.assertUntouchedOutside;
import static dev.channels.batch.Items.region;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.Channel;
import dev.channels.ChannelClosedException;
import dev.channels.Endpoint;
import dev.channels.testing.Config;
import dev.channels.testing.EachConfig;
import dev.channels.testing.Modes;
import dev.channels.testing.Peer;
import dev.channels.testing.Probe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Random conversations: random mixes of {@code send}, {@code sendAll(array)} and
 * {@code sendAll(iterator)} (some failing) against random mixes of {@code receive},
 * {@code receiveInto} and polling receives, with random batch and buffer sizes and offsets, random
 * closes from either side or a third thread, and random interrupts of both threads. After each, the
 * sequence received must be exactly the items the sender counts as taken ({@code taken()}, or a
 * whole call that returned), each once and in order, and nothing else.
 *
 * <p>Quick mode (CI) runs each configuration for about {@value #QUICK_MILLIS} ms;
 * {@code -Dstress.mode=thorough} for {@value #THOROUGH_SECONDS} s. The plan of a round comes from
 * a seed, printed on failure; {@code -Dstress.seed=N} replays a plan (the interleaving differs).
 */
class BatchStressTest {
    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    static final long QUICK_MILLIS = 600;
    static final long THOROUGH_SECONDS = 60;
    static final long BUDGET_NANOS = Modes.pick(TimeUnit.MILLISECONDS.toNanos(QUICK_MILLIS),
            TimeUnit.SECONDS.toNanos(THOROUGH_SECONDS));

    /** Item i of every conversation; some are null. */
    static Integer item(int i) {
        return i % 11 == 5 ? null : i;
    }

    static List<Integer> items(int n) {
        List<Integer> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            l.add(item(i));
        }
        return l;
    }

    /** How a round goes; all of it drawn from one seed. */
    record Plan(long seed, int total, int maxBatch, int maxBuffer, int receiverClosesAt, boolean receiverCause,
            boolean senderCause, int senderInterrupts, int receiverInterrupts, int thirdPartyClose, long senderSeed,
            long receiverSeed, long disturberSeed) {

        static Plan of(long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            int total = r.nextInt(0, 400);
            return new Plan(seed, total, 1 + r.nextInt(r.nextBoolean() ? 8 : 70), 1 + r.nextInt(r.nextBoolean() ? 4 : 40),
                    r.nextInt(4) == 0 ? r.nextInt(total + 1) : -1, r.nextBoolean(), r.nextInt(8) == 0,
                    r.nextInt(3) == 0 ? r.nextInt(1, 30) : 0, r.nextInt(4) == 0 ? r.nextInt(1, 10) : 0,
                    r.nextInt(10) == 0 ? 1 + r.nextInt(2) : 0, r.nextLong(), r.nextLong(), r.nextLong());
        }
    }

    /**
     * Every item the sender counts as taken is received exactly once and in order, and nothing
     * else, whatever the mix of calls, sizes, closes and interrupts.
     */
    @EachConfig
    @Timeout(value = 15, unit = TimeUnit.MINUTES) // a backstop: each round's joins fail after 20 s
    void randomConversations(Config config) throws Exception {
        Long replay = Long.getLong("stress.seed");
        long base = replay != null ? replay : System.nanoTime();
        long end = System.nanoTime() + BUDGET_NANOS;
        int rounds = 0;
        long items = 0;
        do {
            items += round(config, Plan.of(base + rounds));
            rounds++;
        } while (replay == null && System.nanoTime() - end < 0);
        System.out.printf("BatchStressTest %s: %d rounds, %d items%n", config, rounds, items);
    }

    /** Runs one conversation and checks it; returns the number of items that went over. */
    int round(Config config, Plan plan) throws Exception {
        String where = plan + " under " + config + " (rerun with -Dstress.seed=" + plan.seed() + ")";
        Channel<Integer, Void> ch = cleanup.channel(config);
        Endpoint<Integer, Void> receiver = ch.first();
        Endpoint<Void, Integer> sender = ch.second();
        Peer<Integer> s = config.start("sender", closingOnFailure(ch,
                () -> send(sender, plan, new SplittableRandom(plan.senderSeed()))));
        Peer<List<Integer>> r = config.start("receiver", closingOnFailure(ch,
                () -> receive(receiver, plan, new SplittableRandom(plan.receiverSeed()))));
        disturb(plan, s, r, sender, receiver);
        int count;
        List<Integer> got;
        try {
            count = s.join();
            got = r.join();
        } catch (AssertionError e) {
            String state = "\n  " + sender + "\n  " + receiver + "\n  receiver at:\n" + Probe.stackOf(r.thread());
            try {
                r.join(Duration.ZERO);
            } catch (AssertionError f) {
                e.addSuppressed(f);
            }
            throw new AssertionError(where + ": " + e.getMessage() + state, e);
        }
        assertTrue(count <= plan.total(), where);
        assertEquals(items(count), got, where + ": received vs. taken()");
        return count;
    }

    /** A peer body that closes the channel if it fails, so that the other peer ends too. */
    static <T> Peer.Body<T> closingOnFailure(Channel<?, ?> ch, Peer.Body<T> body) {
        return () -> {
            try {
                return body.run();
            } catch (Throwable t) {
                ch.first().close(new IllegalStateException("the other peer failed", t));
                throw t;
            }
        };
    }

    /** Interrupts the two threads and closes the channel from this (third) thread as planned. */
    static void disturb(Plan plan, Peer<?> s, Peer<?> r, Endpoint<?, ?> sender, Endpoint<?, ?> receiver) {
        SplittableRandom d = new SplittableRandom(plan.disturberSeed());
        int si = plan.senderInterrupts();
        int ri = plan.receiverInterrupts();
        int closeAfter = plan.thirdPartyClose() == 0 ? -1 : d.nextInt(si + ri + 1);
        for (int i = 0; (si > 0 || ri > 0 || closeAfter >= 0) && !(s.isDone() && r.isDone()); i++) {
            pause(d.nextInt(4_000));
            if (i == closeAfter) {
                closeAfter = -1;
                Endpoint<?, ?> e = plan.thirdPartyClose() == 1 ? sender : receiver;
                if (d.nextBoolean()) {
                    e.close();
                } else {
                    e.close(new IllegalStateException("third party"));
                }
            } else if (si > 0 && (ri == 0 || d.nextBoolean())) {
                si--;
                s.thread().interrupt();
            } else if (ri > 0) {
                ri--;
                r.thread().interrupt();
            }
        }
    }

    /** Spins a little, yielding now and then, so that the other threads get the cores. */
    static void pause(int steps) {
        for (int i = 0; i < steps; i++) {
            if ((i & 63) == 63) {
                Thread.yield();
            } else {
                Thread.onSpinWait();
            }
        }
    }

    /** The sender: returns how many items went over, by its own accounting from taken(). */
    static int send(Endpoint<Void, Integer> out, Plan plan, SplittableRandom rnd) {
        int next = 0;
        Integer[] array = new Integer[plan.maxBatch() + 8];
        while (next < plan.total()) {
            int n = Math.min(rnd.nextInt(plan.maxBatch() + 1), plan.total() - next);
            int op = rnd.nextInt(10);
            Pulled it = null;
            try {
                if (op < 3) {
                    out.send(item(next));
                    next++;
                } else if (op < 7) {
                    int offset = rnd.nextInt(8);
                    Arrays.fill(array, SENTINEL);
                    for (int i = 0; i < n; i++) {
                        array[offset + i] = item(next + i);
                    }
                    out.sendAll(array, offset, n);
                    if (n > 0) {
                        assertEquals(n, out.taken(), "taken() after a complete sendAll");
                    }
                    next += n;
                } else {
                    it = new Pulled(next, n, rnd.nextInt(8) == 0 ? rnd.nextInt(n + 1) : -1);
                    out.sendAll(it);
                    assertEquals(n, out.taken(), "taken() after a complete sendAll(iterator)");
                    assertEquals(n, it.pulled);
                    next += n;
                }
            } catch (InterruptedException e) {
                next += counted(out, it);
                if (out.isReplyPending() && !resume(out)) {
                    return next;
                }
            } catch (Pulled.Failure e) {
                next += counted(out, it);
            } catch (ChannelClosedException e) {
                return next + counted(out, it);
            }
        }
        if (plan.senderCause()) {
            out.close(new IllegalStateException("sender done"));
        } else {
            out.close();
        }
        return next;
    }

    /** taken() after a call cut short; for an iterator, it must match what was pulled. */
    static int counted(Endpoint<Void, Integer> out, Pulled it) {
        int taken = out.taken();
        if (it != null) {
            assertEquals(it.pulled, taken, "taken() vs. items pulled from the iterator");
        }
        return taken;
    }

    /** Waits for the answer after a call cut short once something was taken; false if the channel closed. */
    static boolean resume(Endpoint<Void, Integer> out) {
        for (;;) {
            try {
                out.receive();
                return true;
            } catch (InterruptedException e) {
                // still pending: try again
            } catch (ChannelClosedException e) {
                return false;
            }
        }
    }

    /** The receiver: returns everything it received, in order. */
    static List<Integer> receive(Endpoint<Integer, Void> in, Plan plan, SplittableRandom rnd) {
        List<Integer> got = new ArrayList<>();
        Integer[] buffer = new Integer[plan.maxBuffer() + 8];
        for (;;) {
            if (plan.receiverClosesAt() >= 0 && got.size() >= plan.receiverClosesAt()) {
                if (plan.receiverCause()) {
                    in.close(new IllegalStateException("receiver done"));
                } else {
                    in.close();
                }
                return got;
            }
            int op = rnd.nextInt(10);
            try {
                if (op < 4) {
                    got.add(in.receive());
                } else if (op < 9) {
                    int offset = rnd.nextInt(8);
                    int length = 1 + rnd.nextInt(plan.maxBuffer());
                    Arrays.fill(buffer, SENTINEL);
                    int n = in.receiveInto(buffer, offset, length);
                    if (n == -1) {
                        return got;
                    }
                    assertTrue(n >= 1 && n <= length, "receiveInto returned " + n);
                    assertUntouchedOutside(buffer, offset, length);
                    got.addAll(region(buffer, offset, n));
                } else {
                    got.add(in.receive(Duration.ZERO));
                }
            } catch (ChannelClosedException e) {
                return got;
            } catch (InterruptedException | TimeoutException e) {
                // nothing was taken; the next call resumes
            }
        }
    }

    /** An iterator over items from..from+n, counting what was pulled, failing at an index if asked. */
    static final class Pulled implements Iterator<Integer> {
        /** The iterator's own failure: the sender's sendAll rethrows it. */
        static final class Failure extends RuntimeException {
            private static final long serialVersionUID = 1L;

            Failure() {
                super("planned failure", null, false, false);
            }
        }

        private final int from;
        private final int n;
        private final int failAt;
        /** Written by the receiving thread; read by the sender after sendAll ends (happens-before). */
        int pulled;

        Pulled(int from, int n, int failAt) {
            this.from = from;
            this.n = n;
            this.failAt = failAt;
        }

        @Override
        public boolean hasNext() {
            return pulled < n;
        }

        @Override
        public Integer next() {
            if (pulled >= n) {
                throw new NoSuchElementException();
            }
            if (pulled == failAt) {
                throw new Failure();
            }
            return item(from + pulled++);
        }
    }
}
