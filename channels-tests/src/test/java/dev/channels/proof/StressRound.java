package dev.channels.proof;

import dev.channels.Channel;
import dev.channels.ChannelClosedException;
import dev.channels.Channels;
import dev.channels.Endpoint;
import dev.channels.WaitStrategy;
import java.time.Duration;
import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * One round of the randomized stress test: a fresh channel with a random wait strategy, a sender
 * thread and a receiver thread of random kinds (platform or virtual), a random mix of single
 * sends, array and iterator batches, timed and untimed calls, and a chaos routine (run by the
 * caller's thread) that interrupts either worker at random moments and may close the channel
 * part-way.
 *
 * <p><b>The conversation.</b> The sender (second endpoint) hands over the numbers 0, 1, 2, ... in
 * order, each exactly once: a single number as a {@code Long}, a run of numbers as a batch of
 * {@link Item}s. The receiver (first endpoint) answers each single {@code Long v} with
 * {@code -v-1}, or with the very same reference when {@code v % 7 == 3} (an echo), and answers a
 * batch with {@code null}, as the protocol requires.
 *
 * <p><b>The accounting.</b> After every call that ends by interrupt, timeout or close, the
 * sender decides from {@link Endpoint#taken()} and {@link Endpoint#isReplyPending()} alone whether
 * its value (or how many batch items) went over, exactly as the Endpoint Javadoc tells a user to;
 * it then resends what was not taken and receives the pending answer of what was. The receiver
 * resends an answer that was not taken. At the end of the round the sender's count of numbers
 * handed over must equal the receiver's count of numbers received, and the receiver must have seen
 * them strictly in order, each once: nothing lost, duplicated or reordered. Every answer is checked
 * at the sender (value, identity for echoes, null for batches). After an interrupt or a timeout,
 * {@code taken()} and {@code isReplyPending()} must agree.
 */
final class StressRound {

    /** A batch item: the number it carries. */
    record Item(long seq) {
    }

    /** What the sender expects as the answer to a batch. */
    private static final Object NULL_REPLY = new Object() {
        @Override
        public String toString() {
            return "NULL_REPLY";
        }
    };

    /** The receiver has no answer to give: its next call hands over null. */
    private static final Object NONE = new Object();

    private static final Duration[] TIMEOUTS = {
        Duration.ZERO, Duration.ofNanos(1_000), Duration.ofNanos(10_000), Duration.ofNanos(100_000),
        Duration.ofMillis(1)};

    final long seed;
    final String strategyName;
    final Channel<Object, Object> ch;
    final boolean senderVirtual;
    final boolean receiverVirtual;
    final long endNanos;
    final long maxValues;
    final double pTimed;
    final double pBatch;
    final double pIterator;
    final double pInto;
    final int maxBatch;
    final long interruptMeanNanos; // 0: no interrupts
    final long closeAfterNanos;    // -1: the sender closes at the end
    final double pEmptyFirst;      // the receiver answers a value with an empty batch first, then with its answer

    // progress, read by the chaos routine's stall check; written with lazySet (release, no fence)
    final AtomicLong senderProgress = new AtomicLong();
    final AtomicLong receiverProgress = new AtomicLong();

    final AtomicReference<String> failure = new AtomicReference<>();

    // results, published by the threads' termination (join)
    long sent;         // numbers the sender counts as handed over
    long received;     // numbers the receiver received
    long singleSends;  // single-value round trips completed or taken
    long batches;      // batches (array or iterator) handed over, whole or in part
    long senderInterrupts;
    long senderTimeouts;
    long receiverInterrupts;
    long receiverTimeouts;
    long emptyAnswers; // empty batches handed over as a first answer
    boolean closedMidway;
    Thread sender;
    Thread receiver;

    StressRound(long seed, long durationNanos, long maxValues) {
        this.seed = seed;
        SplittableRandom r = new SplittableRandom(seed);
        WaitStrategy s;
        switch (r.nextInt(8)) {
            case 0, 1, 2 -> s = WaitStrategy.spinThenPark();
            case 3, 4 -> s = WaitStrategy.park();
            case 5 -> s = WaitStrategy.busySpin();
            default -> s = WaitStrategy.spinThenPark(r.nextInt(2_000), r.nextInt(200), r.nextInt(8));
        }
        this.strategyName = s.toString();
        this.ch = Channels.create(s);
        this.senderVirtual = r.nextBoolean();
        this.receiverVirtual = r.nextBoolean();
        this.endNanos = System.nanoTime() + durationNanos;
        this.maxValues = maxValues;
        this.pTimed = pick(r, 0.0, 0.001, 0.02, 0.2);
        this.pBatch = pick(r, 0.0, 0.002, 0.02, 0.1);
        this.pIterator = pick(r, 0.0, 0.0, 0.002, 0.02);
        this.pInto = pick(r, 0.0, 0.1, 0.5);
        this.maxBatch = 1 + r.nextInt(r.nextBoolean() ? 8 : 256);
        this.interruptMeanNanos = r.nextInt(3) == 0 ? 0L : 20_000L + r.nextLong(2_000_000L);
        this.closeAfterNanos = r.nextInt(3) == 0 ? r.nextLong(Math.max(1L, durationNanos)) : -1L;
        this.pEmptyFirst = pick(r, 0.0, 0.0, 0.002, 0.05); // drawn last: the earlier draws of a seed stay as they were
    }

    private static double pick(SplittableRandom r, double... choices) {
        return choices[r.nextInt(choices.length)];
    }

    @Override
    public String toString() {
        return "round[seed " + seed + ", " + strategyName + ", sender " + (senderVirtual ? "virtual" : "platform")
                + ", receiver " + (receiverVirtual ? "virtual" : "platform") + ", timed " + pTimed + ", batch " + pBatch
                + ", iterator " + pIterator + ", receiveInto " + pInto + ", maxBatch " + maxBatch
                + ", interrupt every ~" + (interruptMeanNanos / 1000) + " us, close after "
                + (closeAfterNanos < 0 ? "end" : (closeAfterNanos / 1000) + " us") + ", empty answer first " + pEmptyFirst + "]";
    }

    void fail(String what) {
        failure.compareAndSet(null, what + " in " + this);
    }

    boolean failed() {
        return failure.get() != null;
    }

    /** Starts both workers. */
    void start() {
        sender = (senderVirtual ? Thread.ofVirtual() : Thread.ofPlatform().daemon()).name("stress-sender-" + seed)
                .start(this::runSender);
        receiver = (receiverVirtual ? Thread.ofVirtual() : Thread.ofPlatform().daemon())
                .name("stress-receiver-" + seed).start(this::runReceiver);
    }

    /**
     * The chaos routine, on the caller's thread: interrupts the workers at random moments, closes
     * the channel part-way if the round says so, and watches progress. Returns when both workers
     * have ended; on a stall (no progress for {@code stall}) records a failure with a thread dump
     * and closes the channel to release the workers.
     */
    void chaosUntilDone(Duration stall) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        long start = System.nanoTime();
        long lastProgress = -1;
        long lastChange = start;
        boolean closed = false;
        while (sender.isAlive() || receiver.isAlive()) {
            long now = System.nanoTime();
            if (!closed && closeAfterNanos >= 0 && now - start >= closeAfterNanos) {
                closed = true;
                closedMidway = true;
                Endpoint<?, ?> e = r.nextBoolean() ? ch.first() : ch.second();
                if (r.nextBoolean()) {
                    e.close();
                } else {
                    e.close(new Exception("chaos close"));
                }
            }
            if (interruptMeanNanos > 0 && r.nextInt(4) != 0) {
                Thread t = r.nextBoolean() ? sender : receiver;
                t.interrupt();
            }
            long progress = senderProgress.get() + receiverProgress.get();
            if (progress != lastProgress) {
                lastProgress = progress;
                lastChange = now;
            } else if (now - lastChange > stall.toNanos()) {
                fail("STALL: no progress for " + stall + "; sender " + sender.getState() + ", receiver "
                        + receiver.getState() + "\n" + ThreadDumps.all());
                ch.first().close(new AssertionError("closed by the stress watchdog"));
                joinQuietly(sender, Duration.ofSeconds(10));
                joinQuietly(receiver, Duration.ofSeconds(10));
                return;
            }
            long pause = interruptMeanNanos > 0 ? r.nextLong(2 * interruptMeanNanos) : 1_000_000L;
            LockSupport.parkNanos(Math.max(10_000L, pause));
        }
        joinQuietly(sender, Duration.ofSeconds(10));
        joinQuietly(receiver, Duration.ofSeconds(10));
    }

    /** Joins for at most {@code d}, keeping (and restoring) the caller's interrupt status. Also SelectStressRound's. */
    static void joinQuietly(Thread t, Duration d) {
        boolean interrupted = Thread.interrupted();
        try {
            t.join(d);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Checks the round's books after both workers ended. */
    void verify() {
        if (sender.isAlive() || receiver.isAlive()) {
            fail("a worker did not end: sender " + sender.getState() + ", receiver " + receiver.getState());
            return;
        }
        if (sent != received) {
            fail("LOST OR DUPLICATED: the sender counts " + sent + " numbers handed over, the receiver got "
                    + received);
        }
    }

    // ------------------------------------------------------------------ sender

    private void runSender() {
        Endpoint<Object, Object> out = ch.second();
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 1);
        long next = 0;
        Object pending = null; // the answer still to be received (the value was taken), or null
        Long lastSingle = null;
        long ops = 0;
        try {
            for (;;) {
                senderProgress.lazySet(++ops);
                if (failed()) {
                    return;
                }
                if (pending != null) {
                    Object reply;
                    try {
                        reply = r.nextDouble() < pTimed ? out.receive(timeout(r)) : out.receive();
                    } catch (TimeoutException | InterruptedException e) {
                        count(e, true);
                        if (!checkInterruptCleared(e) || !out.isReplyPending()) {
                            fail("a reply was pending; after " + e + " isReplyPending() is false");
                            return;
                        }
                        continue;
                    }
                    if (!checkReply(pending, lastSingle, reply)) {
                        return;
                    }
                    pending = null;
                    continue;
                }
                if (next >= maxValues || System.nanoTime() - endNanos >= 0) {
                    return; // the finally closes: the normal end of the round
                }
                double op = r.nextDouble();
                if (op < pBatch) {
                    int k = 1 + r.nextInt(maxBatch);
                    int off = r.nextInt(4);
                    Object[] items = new Object[off + k + r.nextInt(4)];
                    for (int i = 0; i < k; i++) {
                        items[off + i] = new Item(next + i);
                    }
                    try {
                        out.sendAll(items, off, k);
                        next += k;
                        batches++;
                    } catch (InterruptedException e) {
                        count(e, true);
                        int t = out.taken();
                        if (!checkInterruptCleared(e) || !consistent(out, t > 0, "sendAll(array) of " + k, e)) {
                            return;
                        }
                        next += t;
                        if (t > 0) {
                            batches++;
                            pending = NULL_REPLY;
                        }
                    } catch (ChannelClosedException e) {
                        int t = out.taken();
                        if (t < 0 || t > k) {
                            fail("taken() " + t + " after a close cut a batch of " + k);
                        }
                        next += t;
                        return;
                    }
                } else if (op < pBatch + pIterator) {
                    int k = 1 + r.nextInt(maxBatch);
                    long from = next;
                    Iterator<Item> it = new Iterator<>() {
                        int i;

                        @Override
                        public boolean hasNext() {
                            return i < k;
                        }

                        @Override
                        public Item next() {
                            if (i >= k) {
                                throw new NoSuchElementException();
                            }
                            return new Item(from + i++);
                        }
                    };
                    try {
                        out.sendAll(it);
                        next += k;
                        batches++;
                    } catch (InterruptedException e) {
                        count(e, true);
                        int t = out.taken();
                        if (!checkInterruptCleared(e) || !consistent(out, t > 0, "sendAll(iterator) of " + k, e)) {
                            return;
                        }
                        next += t;
                        if (t > 0) {
                            batches++;
                            pending = NULL_REPLY;
                        }
                    } catch (ChannelClosedException e) {
                        int t = out.taken();
                        if (t < 0 || t > k) {
                            fail("taken() " + t + " after a close cut an iterator batch of " + k);
                        }
                        next += t;
                        return;
                    }
                } else {
                    Long v = next;
                    lastSingle = v;
                    try {
                        Object reply = r.nextDouble() < pTimed ? out.send(v, timeout(r)) : out.send(v);
                        next++;
                        singleSends++;
                        if (!checkReply(v, v, reply)) {
                            return;
                        }
                    } catch (TimeoutException | InterruptedException e) {
                        count(e, true);
                        int t = out.taken();
                        if (!checkInterruptCleared(e) || !consistent(out, t == 1, "send(" + v + ")", e)) {
                            return;
                        }
                        if (t == 1) {
                            next++;
                            singleSends++;
                            pending = v;
                        }
                    } catch (ChannelClosedException e) {
                        int t = out.taken();
                        if (t == 1) {
                            next++;
                            singleSends++;
                        } else if (t != 0) {
                            fail("taken() " + t + " after a close ended send(" + v + ")");
                        }
                        return;
                    }
                }
            }
        } catch (ChannelClosedException e) {
            // closed while receiving a pending answer: nothing of ours was in transit
        } catch (RuntimeException | Error e) {
            fail("sender threw " + stackOf(e));
        } finally {
            sent = next;
            out.close(); // the end of the round (a no-op if it is closed already)
        }
    }

    /** Checks an answer: {@code pendingFor} is the single value answered, or NULL_REPLY for a batch. */
    private boolean checkReply(Object pendingFor, Long single, Object reply) {
        if (pendingFor == NULL_REPLY) {
            if (reply != null) {
                fail("a batch was answered with " + reply + " instead of null");
                return false;
            }
            return true;
        }
        long v = single;
        if (v % 7 == 3) {
            if (reply != single) {
                fail("the echo of " + v + " came back as " + reply + (reply instanceof Long ? " (another reference)" : ""));
                return false;
            }
        } else if (!(reply instanceof Long a) || a != -v - 1) {
            fail("send(" + v + ") was answered with " + reply + " instead of " + (-v - 1));
            return false;
        }
        return true;
    }

    // ------------------------------------------------------------------ receiver

    private void runReceiver() {
        Endpoint<Object, Object> in = ch.first();
        SplittableRandom r = new SplittableRandom(seed * 0xC2B2AE3D27D4EB4FL + 7);
        long expected = 0;
        Object answer = NONE;
        boolean requestDue = false; // an empty batch went over as an answer: the sender's request for more comes next
        Object[] buf = new Object[40];
        long ops = 0;
        long empties = 0;
        try {
            for (;;) {
                receiverProgress.lazySet(++ops);
                if (failed()) {
                    return;
                }
                try {
                    if (requestDue) {
                        Object q = r.nextDouble() < pTimed ? in.receive(timeout(r)) : in.receive();
                        requestDue = false;
                        if (q != null) {
                            fail("after an empty batch the sender's request for more is " + q + ", not null");
                            return;
                        }
                    } else if (answer != NONE && pEmptyFirst > 0.0 && r.nextDouble() < pEmptyFirst) {
                        // an answer without an item first: the sender's send(v) asks for more and waits on
                        requestDue = true; // unless withdrawn (see the catch)
                        in.sendAll(Collections.emptyIterator()); // returns once the sender asked for more
                        requestDue = false;
                        empties++;
                    } else if (answer != NONE) {
                        Object a = answer;
                        Object x = r.nextDouble() < pTimed ? in.send(a, timeout(r)) : in.send(a);
                        answer = NONE;
                        answer = take(x, expected);
                        expected++;
                    } else if (r.nextDouble() < pInto) {
                        int off = r.nextInt(8);
                        int n = in.receiveInto(buf, off, 1 + r.nextInt(32));
                        if (n < 0) {
                            return; // closed without a cause
                        }
                        if (n == 0) {
                            fail("receiveInto returned 0");
                            return;
                        }
                        for (int i = 0; i < n; i++) {
                            Object x = buf[off + i];
                            buf[off + i] = null;
                            if (n > 1 && !(x instanceof Item)) {
                                fail("receiveInto got " + n + " items, one of them a single value " + x);
                                return;
                            }
                            answer = take(x, expected);
                            expected++;
                        }
                    } else {
                        Object x = r.nextDouble() < pTimed ? in.receive(timeout(r)) : in.receive();
                        answer = take(x, expected);
                        expected++;
                    }
                } catch (TimeoutException | InterruptedException e) {
                    count(e, false);
                    if (!checkInterruptCleared(e)) {
                        return;
                    }
                    if (requestDue) {
                        // cut short in the empty batch's sendAll (the batch withdrawn: it answers again) or
                        // in the receive of the request that follows it (still due); a reply pending says
                        // that the batch went over and the request is still to come
                        requestDue = in.isReplyPending();
                        continue;
                    }
                    if (answer != NONE) {
                        int t = in.taken();
                        if (!consistent(in, t == 1, "the answer " + answer, e)) {
                            return;
                        }
                        if (t == 1) {
                            answer = NONE; // the answer went over; wait for the next value
                        }
                    }
                }
            }
        } catch (ChannelClosedException e) {
            // the end of the round
        } catch (WrongValue e) {
            fail(e.getMessage());
        } catch (RuntimeException | Error e) {
            fail("receiver threw " + stackOf(e));
        } finally {
            received = expected;
            emptyAnswers = empties;
        }
    }

    /** A value out of order, duplicated, or of the wrong kind. */
    private static final class WrongValue extends Exception {
        private static final long serialVersionUID = 1L;

        WrongValue(String message) {
            super(message, null, false, false);
        }
    }

    /** Checks a received value against the next expected number; returns the answer to give. */
    private static Object take(Object x, long expected) throws WrongValue {
        if (x instanceof Long v) {
            if (v != expected) {
                throw new WrongValue((v < expected ? "DUPLICATED or reordered: " : "LOST: ") + "received " + v
                        + ", expected " + expected);
            }
            return v % 7 == 3 ? x : (Object) Long.valueOf(-v - 1);
        }
        if (x instanceof Item it) {
            if (it.seq() != expected) {
                throw new WrongValue((it.seq() < expected ? "DUPLICATED or reordered: " : "LOST: ")
                        + "received batch item " + it.seq() + ", expected " + expected);
            }
            return NONE;
        }
        throw new WrongValue("received " + x + ", expected " + expected);
    }

    // ------------------------------------------------------------------ shared checks

    private static Duration timeout(SplittableRandom r) {
        return TIMEOUTS[r.nextInt(TIMEOUTS.length)];
    }

    private void count(Exception e, boolean isSender) {
        if (e instanceof InterruptedException) {
            if (isSender) {
                senderInterrupts++;
            } else {
                receiverInterrupts++;
            }
        } else if (isSender) {
            senderTimeouts++;
        } else {
            receiverTimeouts++;
        }
    }

    /**
     * Whether an InterruptedException cleared the interrupt status cannot be checked here: the
     * chaos routine may interrupt again right after the throw. InterruptTests (jcstress) and
     * AccountingTest check it with a single interrupt.
     */
    private static boolean checkInterruptCleared(Exception e) {
        return true;
    }

    /** After an interrupt or timeout: isReplyPending() must say the same as taken(). */
    private boolean consistent(Endpoint<?, ?> e, boolean takenSaysTaken, String what, Exception cause) {
        boolean pending = e.isReplyPending();
        if (pending != takenSaysTaken) {
            fail("INCONSISTENT: after " + cause + " in " + what + ", taken() is " + e.taken() + " but isReplyPending() is "
                    + pending);
            return false;
        }
        return true;
    }

    private static String stackOf(Throwable e) {
        java.io.StringWriter w = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }
}
