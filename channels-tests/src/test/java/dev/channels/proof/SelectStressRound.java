package dev.channels.proof;

import dev.channels.Arrival;
import dev.channels.Channel;
import dev.channels.ChannelClosedException;
import dev.channels.Channels;
import dev.channels.Endpoint;
import dev.channels.Selector;
import dev.channels.WaitStrategy;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * One round of the randomized stress test for alternation ({@link Selector}): N fresh channels
 * (each with a random wait strategy), N peer threads and one selecting thread, each platform or
 * virtual at random, and a chaos routine (the caller's thread) that interrupts any of them at
 * random moments and may close channels part-way (from either end, with or without a cause).
 * Two kinds:
 *
 * <ul>
 * <li><b>Fan-in</b>: N producers, each the second endpoint of its channel, hand over
 *     {@code Msg(p, 0), Msg(p, 1), ...} with {@code send} (timed or not), {@code post} followed
 *     by {@code receive} of the request, or array batches ({@code sendAll}, taken item by item by
 *     the selects); one consumer takes them all through
 *     {@link Selector#fanIn}, with {@code select}, timed {@code select} (polls included) and the
 *     set's {@code receive}. Books: for each producer, the number of values it counts as handed
 *     over (a normal return, or {@code taken() == 1} after an interrupt, timeout or close) equals
 *     the number the consumer received from it, and the consumer received each producer's values
 *     in order, each once.</li>
 * <li><b>Worker pool</b>: a dispatcher selects over N workers' endpoints (the second endpoint of
 *     each channel; fair or priority set), and answers each arrival (a worker's start signal, or
 *     the result of its last job) by {@link Arrival#post posting} the next job number, or, when
 *     none is left, by closing that worker's channel. A worker receives a job {@code j} and sends
 *     back {@code -j-1}. Books, per job: it reached at most one worker, exactly the jobs the
 *     dispatcher counts as taken (a result came back, or the member's {@code taken() == 1} at its
 *     close event; a job whose post was not taken goes back to the queue) reached a worker, and
 *     for each of those exactly one of: the dispatcher got its result once, or the worker was told
 *     its result was not taken ({@code taken() == 0} at the close).</li>
 * </ul>
 */
final class SelectStressRound {

    enum Kind { FAN_IN, POOL }

    /** A fan-in value: producer {@code p}'s {@code seq}-th. */
    record Msg(int p, long seq) {
    }

    private static final Duration[] TIMEOUTS = {
        Duration.ZERO, Duration.ofNanos(1_000), Duration.ofNanos(10_000), Duration.ofNanos(100_000),
        Duration.ofMillis(1)};

    final long seed;
    final Kind kind;
    final int n;
    final List<Channel<Object, Object>> chs = new ArrayList<>();
    final List<String> strategies = new ArrayList<>();
    final boolean[] peerVirtual;
    final boolean selectorVirtual;
    final boolean priority;
    final long endNanos;
    final long maxValues;
    final double pTimed;
    final double pPost;
    final double pReceiveForm;
    final double pBatch;
    final int maxBatch;
    final long interruptMeanNanos; // 0: no interrupts
    final long closeAfterNanos;    // -1: no close part-way

    final AtomicLong progress = new AtomicLong();
    final AtomicReference<String> failure = new AtomicReference<>();

    // fan-in books, published by the threads' termination (join)
    final long[] sent;
    final long[] received;
    /** Per producer, the last call that ended by interrupt, timeout or close, for a failure's message. */
    final String[] lastEvent;
    // pool books
    final int jobs;
    final AtomicIntegerArray reachedWorker;   // per job: workers that received it
    final AtomicIntegerArray resultNotTaken;  // per job: its worker was told its result did not go over
    int[] resultsReceived;                    // per job, by the dispatcher
    boolean[] handed;                         // per job: the dispatcher counts it as taken by a worker

    long values;       // values (fan-in) or jobs (pool) that went over
    long closeEvents;
    final AtomicLong batches = new AtomicLong(); // fan-in batches taken, whole or in part
    long interrupts;
    long timeouts;
    boolean closedMidway;
    Thread selectorThread;
    final Thread[] peers;

    SelectStressRound(long seed, Kind kind, long durationNanos, long maxValues) {
        this.seed = seed;
        this.kind = kind;
        SplittableRandom r = new SplittableRandom(seed);
        // 1 to 3, 1 to 8 (sets of up to 8 are scanned), or 9 to 16 members (signalled through the
        // selector's ready queue instead)
        this.n = switch (r.nextInt(4)) {
            case 0, 1 -> 1 + r.nextInt(3);
            case 2 -> 1 + r.nextInt(8);
            default -> 9 + r.nextInt(8);
        };
        for (int i = 0; i < n; i++) {
            WaitStrategy s;
            switch (r.nextInt(8)) {
                case 0, 1, 2 -> s = WaitStrategy.spinThenPark();
                case 3, 4 -> s = WaitStrategy.park();
                case 5 -> s = WaitStrategy.busySpin();
                default -> s = WaitStrategy.spinThenPark(r.nextInt(2_000), r.nextInt(200), r.nextInt(8));
            }
            strategies.add(s.toString());
            chs.add(Channels.create(s));
        }
        this.peerVirtual = new boolean[n];
        for (int i = 0; i < n; i++) {
            peerVirtual[i] = r.nextBoolean();
        }
        this.selectorVirtual = r.nextBoolean();
        this.priority = r.nextInt(3) == 0;
        this.endNanos = System.nanoTime() + durationNanos;
        this.maxValues = maxValues;
        this.pTimed = pick(r, 0.0, 0.001, 0.02, 0.2);
        this.pPost = pick(r, 0.0, 0.1, 0.5);
        this.pReceiveForm = pick(r, 0.0, 0.0, 0.3);
        this.pBatch = pick(r, 0.0, 0.0, 0.01, 0.1);
        this.maxBatch = 1 + r.nextInt(r.nextBoolean() ? 8 : 64);
        this.interruptMeanNanos = r.nextInt(3) == 0 ? 0L : 20_000L + r.nextLong(2_000_000L);
        this.closeAfterNanos = r.nextInt(3) == 0 ? r.nextLong(Math.max(1L, durationNanos)) : -1L;
        this.sent = new long[n];
        this.received = new long[n];
        this.lastEvent = new String[n];
        this.jobs = kind == Kind.POOL ? (int) Math.min(maxValues, 1 << 18) : 0;
        this.reachedWorker = new AtomicIntegerArray(jobs);
        this.resultNotTaken = new AtomicIntegerArray(jobs);
        this.peers = new Thread[n];
    }

    private static double pick(SplittableRandom r, double... choices) {
        return choices[r.nextInt(choices.length)];
    }

    @Override
    public String toString() {
        return "select round[" + kind + ", seed " + seed + ", " + n + " members" + (priority && kind == Kind.POOL ? " (priority)" : "")
                + ", strategies " + strategies + ", selector " + (selectorVirtual ? "virtual" : "platform")
                + ", timed " + pTimed + ", post " + pPost + ", batch " + pBatch + " (up to " + maxBatch + ")"
                + ", receive form " + pReceiveForm
                + ", interrupt every ~" + (interruptMeanNanos / 1000) + " us, close after "
                + (closeAfterNanos < 0 ? "end" : (closeAfterNanos / 1000) + " us") + "]";
    }

    void fail(String what) {
        failure.compareAndSet(null, what + " in " + this);
    }

    boolean failed() {
        return failure.get() != null;
    }

    private Thread.Builder builder(boolean virtual) {
        return virtual ? Thread.ofVirtual() : Thread.ofPlatform().daemon();
    }

    void start() {
        for (int i = 0; i < n; i++) {
            int p = i;
            peers[i] = builder(peerVirtual[i]).name("select-stress-peer-" + i + "-" + seed)
                    .start(() -> {
                        if (kind == Kind.FAN_IN) {
                            runProducer(p);
                        } else {
                            runWorker(p);
                        }
                    });
        }
        selectorThread = builder(selectorVirtual).name("select-stress-selector-" + seed)
                .start(kind == Kind.FAN_IN ? this::runConsumer : this::runDispatcher);
    }

    List<Thread> threads() {
        List<Thread> all = new ArrayList<>(List.of(peers));
        all.add(selectorThread);
        return all;
    }

    private boolean anyAlive() {
        for (Thread t : threads()) {
            if (t.isAlive()) {
                return true;
            }
        }
        return false;
    }

    /** As StressRound.chaosUntilDone: interrupts, a close part-way, the stall watchdog. */
    void chaosUntilDone(Duration stall) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        long start = System.nanoTime();
        long lastProgress = -1;
        long lastChange = start;
        boolean closed = false;
        List<Thread> all = threads();
        while (anyAlive()) {
            long now = System.nanoTime();
            if (!closed && closeAfterNanos >= 0 && now - start >= closeAfterNanos) {
                closed = true;
                closedMidway = true;
                Channel<Object, Object> ch = chs.get(r.nextInt(n));
                Endpoint<?, ?> e = r.nextBoolean() ? ch.first() : ch.second();
                if (r.nextBoolean()) {
                    e.close();
                } else {
                    e.close(new Exception("chaos close"));
                }
            }
            if (interruptMeanNanos > 0 && r.nextInt(4) != 0) {
                all.get(r.nextInt(all.size())).interrupt();
            }
            long p = progress.get();
            if (p != lastProgress) {
                lastProgress = p;
                lastChange = now;
            } else if (now - lastChange > stall.toNanos()) {
                StringBuilder states = new StringBuilder();
                for (Thread t : all) {
                    states.append(t.getName()).append(' ').append(t.getState()).append("; ");
                }
                fail("STALL: no progress for " + stall + "; " + states + "\n" + ThreadDumps.all());
                for (Channel<Object, Object> ch : chs) {
                    ch.first().close(new AssertionError("closed by the stress watchdog"));
                }
                for (Thread t : all) {
                    StressRound.joinQuietly(t, Duration.ofSeconds(10));
                }
                return;
            }
            long pause = interruptMeanNanos > 0 ? r.nextLong(2 * interruptMeanNanos) : 1_000_000L;
            LockSupport.parkNanos(Math.max(10_000L, pause));
        }
        for (Thread t : all) {
            StressRound.joinQuietly(t, Duration.ofSeconds(10));
        }
    }

    /** Checks the books after every thread ended. */
    void verify() {
        for (Thread t : threads()) {
            if (t.isAlive()) {
                fail("a thread did not end: " + t.getName() + " " + t.getState() + "\n" + ThreadDumps.all());
                return;
            }
        }
        if (failed()) {
            return;
        }
        if (kind == Kind.FAN_IN) {
            for (int p = 0; p < n; p++) {
                if (sent[p] != received[p]) {
                    fail("LOST OR DUPLICATED: producer " + p + " counts " + sent[p] + " values handed over, the fan-in"
                            + " received " + received[p] + " from it; the producer's last call cut short: " + lastEvent[p]);
                    return;
                }
                values += sent[p];
            }
            return;
        }
        for (int j = 0; j < jobs; j++) {
            int reached = reachedWorker.get(j);
            int results = resultsReceived[j];
            int notTaken = resultNotTaken.get(j);
            String why = null;
            if (reached > 1) {
                why = "DUPLICATED: job " + j + " reached " + reached + " workers";
            } else if (handed[j] != (reached == 1)) {
                why = (handed[j] ? "LOST: the dispatcher counts job " + j + " as taken, but no worker received it"
                        : "DUPLICATED: job " + j + " reached a worker, but the dispatcher counts it as not taken");
            } else if (reached == 1 && results + notTaken != 1) {
                why = "job " + j + ": the dispatcher received its result " + results + " times, and its worker reported"
                        + " it not taken " + notTaken + " times (exactly one of the two must hold once)";
            } else if (reached == 0 && (results != 0 || notTaken != 0)) {
                why = "job " + j + " never reached a worker, yet has " + results + " results and " + notTaken
                        + " untaken results";
            }
            if (why != null) {
                fail(why);
                return;
            }
            if (reached == 1) {
                values++;
            }
        }
    }

    private Duration timeout(SplittableRandom r) {
        return TIMEOUTS[r.nextInt(TIMEOUTS.length)];
    }

    private void tick() {
        progress.incrementAndGet();
    }

    private synchronized void count(Exception e) {
        if (e instanceof InterruptedException) {
            interrupts++;
        } else {
            timeouts++;
        }
    }

    /** After an interrupt or timeout: isReplyPending() must say the same as taken(). */
    private boolean consistent(Endpoint<?, ?> e, String what, Exception cause) {
        boolean pending = e.isReplyPending();
        int t = e.taken();
        if (pending != (t == 1) || (t != 0 && t != 1)) {
            fail("INCONSISTENT: after " + cause + " in " + what + ", taken() is " + t + " but isReplyPending() is " + pending);
            return false;
        }
        return true;
    }

    private static String stackOf(Throwable e) {
        java.io.StringWriter w = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }

    // ------------------------------------------------------------------ fan-in

    private void runProducer(int p) {
        Endpoint<Object, Object> out = chs.get(p).second();
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 31L * p + 1);
        long taken = 0;            // values counted as handed over; also the next sequence number
        boolean pending = false;   // a value of ours is posted or taken, its answer (the request) not yet received
        boolean pendingCounted = false;
        try {
            for (;;) {
                tick();
                if (failed()) {
                    return;
                }
                if (pending) {
                    try {
                        Object a = r.nextDouble() < pTimed ? out.receive(timeout(r)) : out.receive();
                        if (a != null) {
                            fail("producer " + p + " was answered with " + a + " instead of the fan-in's request (null)");
                            return;
                        }
                        if (!pendingCounted) {
                            taken++;
                        }
                        pending = false;
                    } catch (TimeoutException | InterruptedException e) {
                        count(e);
                        lastEvent[p] = "receive() of a pending answer: " + e + ", taken() " + out.taken();
                        if (!out.isReplyPending()) {
                            fail("producer " + p + ": a reply was pending; after " + e + " isReplyPending() is false");
                            return;
                        }
                    } catch (ChannelClosedException e) {
                        lastEvent[p] = "receive() of a pending answer closed (" + e.getMessage() + "), pendingCounted "
                                + pendingCounted + ", taken() " + out.taken() + ", isReplyPending() " + out.isReplyPending();
                        if (!pendingCounted) {
                            int t = out.taken();
                            if (t != 0 && t != 1) {
                                fail("producer " + p + ": taken() " + t + " after a close ended the wait for a post's answer");
                            }
                            taken += t;
                        }
                        return;
                    }
                    continue;
                }
                if (taken >= maxValues || System.nanoTime() - endNanos >= 0) {
                    lastEvent[p] = "none (a normal end); before it: " + lastEvent[p];
                    return; // the finally closes: the normal end of the producer
                }
                if (r.nextDouble() < pBatch) {
                    int k = 1 + r.nextInt(maxBatch);
                    Object[] items = new Object[k];
                    for (int i = 0; i < k; i++) {
                        items[i] = new Msg(p, taken + i);
                    }
                    try {
                        out.sendAll(items, 0, k); // returns with the fan-in's request for more
                        taken += k;
                        batches.incrementAndGet();
                    } catch (InterruptedException e) {
                        count(e);
                        int t = out.taken();
                        if (t < 0 || t > k || out.isReplyPending() != (t > 0)) {
                            fail("INCONSISTENT: producer " + p + ": after " + e + " in sendAll of " + k + ", taken() is " + t
                                    + " but isReplyPending() is " + out.isReplyPending());
                            return;
                        }
                        taken += t;
                        if (t > 0) {
                            batches.incrementAndGet();
                            pending = true; // the rest is ours again; the answer to the part taken is still to come
                            pendingCounted = true;
                        }
                    } catch (ChannelClosedException e) {
                        int t = out.taken();
                        if (t < 0 || t > k) {
                            fail("producer " + p + ": taken() " + t + " after a close cut a batch of " + k);
                        }
                        taken += t;
                        return;
                    }
                    continue;
                }
                Msg v = new Msg(p, taken);
                if (r.nextDouble() < pPost) {
                    try {
                        out.post(v);
                        pending = true;
                        pendingCounted = false;
                    } catch (ChannelClosedException e) {
                        lastEvent[p] = "post refused by close, taken() " + out.taken();
                        if (out.taken() != 0) {
                            fail("producer " + p + ": post(" + v + ") refused by a close, yet taken() is " + out.taken());
                        }
                        return;
                    } catch (InterruptedException e) {
                        count(e); // interrupted while waiting for the start signal: nothing handed over
                        if (out.isReplyPending()) {
                            fail("producer " + p + ": post(" + v + ") interrupted, yet a reply is pending");
                            return;
                        }
                    }
                    continue;
                }
                try {
                    Object a = r.nextDouble() < pTimed ? out.send(v, timeout(r)) : out.send(v);
                    if (a != null) {
                        fail("producer " + p + ": send(" + v + ") was answered with " + a + " instead of null");
                        return;
                    }
                    taken++;
                } catch (TimeoutException | InterruptedException e) {
                    count(e);
                    if (!consistent(out, "producer " + p + " send(" + v + ")", e)) {
                        return;
                    }
                    lastEvent[p] = "send(" + v + "): " + e + ", taken() " + out.taken();
                    if (out.taken() == 1) {
                        taken++;
                        pending = true;
                        pendingCounted = true;
                    } // else: not taken, sent again
                } catch (ChannelClosedException e) {
                    int t = out.taken();
                    lastEvent[p] = "send(" + v + ") closed (" + e.getMessage() + "), taken() " + t;
                    if (t != 0 && t != 1) {
                        fail("producer " + p + ": taken() " + t + " after a close ended send(" + v + ")");
                    }
                    taken += t;
                    return;
                }
            }
        } catch (RuntimeException | Error e) {
            fail("producer " + p + " threw " + stackOf(e));
        } finally {
            sent[p] = taken;
            out.close();
        }
    }

    private void runConsumer() {
        List<Endpoint<Object, Object>> ends = new ArrayList<>();
        for (Channel<Object, Object> ch : chs) {
            ends.add(ch.first());
        }
        SplittableRandom r = new SplittableRandom(seed * 0xC2B2AE3D27D4EB4FL + 7);
        long[] expected = new long[n];
        Selector<Object, Object> sel = Selector.fanIn(ends);
        boolean clean = false;
        try {
            while (sel.size() > 0) {
                tick();
                if (failed()) {
                    return;
                }
                try {
                    Object v;
                    int from;
                    if (r.nextDouble() < pReceiveForm) {
                        v = r.nextDouble() < pTimed ? sel.receive(timeout(r)) : sel.receive();
                        from = -1;
                    } else {
                        Arrival<Object, Object> a = r.nextDouble() < pTimed ? sel.select(timeout(r)) : sel.select();
                        if (a.isClosed()) {
                            closeEvents++;
                            continue;
                        }
                        v = a.value();
                        from = a.index();
                    }
                    if (!(v instanceof Msg m) || m.p() < 0 || m.p() >= n || (from >= 0 && m.p() != from)) {
                        fail("the fan-in received " + v + " from member " + from);
                        return;
                    }
                    if (m.seq() != expected[m.p()]) {
                        fail((m.seq() < expected[m.p()] ? "DUPLICATED or reordered: " : "LOST: ") + "received " + m
                                + ", expected seq " + expected[m.p()] + " from producer " + m.p());
                        return;
                    }
                    expected[m.p()]++;
                } catch (TimeoutException | InterruptedException e) {
                    count(e);
                } catch (ChannelClosedException e) {
                    closeEvents++; // the set's receive: a member closed with a cause, or all have closed
                }
            }
            clean = true;
        } catch (RuntimeException | Error e) {
            fail("the fan-in consumer threw " + stackOf(e) + "\n(" + sel + ")");
        } finally {
            System.arraycopy(expected, 0, received, 0, n);
            if (clean) {
                sel.close();
            } else {
                sel.closeMembers(); // releases the producers
            }
        }
    }

    // ------------------------------------------------------------------ worker pool

    private void runDispatcher() {
        List<Endpoint<Object, Object>> ends = new ArrayList<>();
        for (Channel<Object, Object> ch : chs) {
            ends.add(ch.second());
        }
        SplittableRandom r = new SplittableRandom(seed * 0xC2B2AE3D27D4EB4FL + 7);
        int[] results = new int[jobs];
        boolean[] taken = new boolean[jobs];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int j = 0; j < jobs; j++) {
            queue.add(j);
        }
        int[] assigned = new int[n];
        java.util.Arrays.fill(assigned, -1);
        Selector<Object, Object> sel = priority ? Selector.priority(ends) : Selector.of(ends);
        boolean clean = false;
        try {
            Arrival<Object, Object> carried = null; // the next arrival, returned by Arrival.send
            while (carried != null || sel.size() > 0) { // a carried close may be the last member's
                tick();
                if (failed()) {
                    return;
                }
                Arrival<Object, Object> a = carried;
                carried = null;
                if (a == null) {
                    try {
                        a = r.nextDouble() < pTimed ? sel.select(timeout(r)) : sel.select();
                    } catch (TimeoutException | InterruptedException e) {
                        count(e);
                        continue;
                    }
                }
                int w = a.index();
                int j = assigned[w];
                if (a.isClosed()) {
                    closeEvents++;
                    if (j >= 0) {
                        int t = a.endpoint().taken();
                        if (t == 1) {
                            taken[j] = true;
                        } else if (t == 0) {
                            queue.addFirst(j); // still ours: give it to another worker
                        } else {
                            fail("taken() " + t + " at worker " + w + "'s close event, for job " + j);
                            return;
                        }
                        assigned[w] = -1;
                    }
                    continue;
                }
                Object v = a.value();
                if (j >= 0) {
                    if (!(v instanceof Integer res) || res != -j - 1) {
                        fail("worker " + w + " answered job " + j + " with " + v + " instead of " + (-j - 1));
                        return;
                    }
                    taken[j] = true;
                    results[j]++;
                    assigned[w] = -1;
                } else if (v != null) {
                    fail("worker " + w + " had no job, yet " + v + " arrived from it (expected its start signal, null)");
                    return;
                }
                Integer next = System.nanoTime() - endNanos < 0 ? queue.pollFirst() : null;
                if (next == null) {
                    a.endpoint().close(); // no more work: its close is a later event
                    continue;
                }
                try {
                    if (r.nextBoolean()) {
                        a.post(next);
                    } else {
                        try {
                            carried = a.send(next); // post, then the next select, in one call
                        } catch (InterruptedException e) {
                            count(e);
                            // interrupted while selecting: posted, nothing taken; on entry: nothing
                            // posted, and the worker still holds the turn: post the job now
                            if (!a.endpoint().isReplyPending()) {
                                a.post(next);
                            }
                        }
                    }
                    assigned[w] = next;
                } catch (ChannelClosedException e) {
                    if (a.endpoint().taken() != 0) {
                        fail("post(" + next + ") to worker " + w + " refused by a close, yet taken() is " + a.endpoint().taken());
                        return;
                    }
                    queue.addFirst(next); // the close is a later event
                }
            }
            for (int w = 0; w < n; w++) {
                if (assigned[w] >= 0) {
                    fail("every member closed, yet job " + assigned[w] + " posted to worker " + w + " was never settled");
                    return;
                }
            }
            clean = true;
        } catch (RuntimeException | Error e) {
            fail("the dispatcher threw " + stackOf(e) + "\n(" + sel + ")");
        } finally {
            resultsReceived = results;
            handed = taken;
            if (clean) {
                sel.close();
            } else {
                sel.closeMembers(); // releases the workers
            }
        }
    }

    private void runWorker(int w) {
        Endpoint<Object, Object> in = chs.get(w).first();
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 31L * w + 1);
        int job = -1;            // the job whose result is to be sent, or -1: waiting for a job
        try {
            for (;;) {
                tick();
                if (failed()) {
                    return;
                }
                Object x;
                if (job < 0) {
                    try {
                        x = r.nextDouble() < pTimed ? in.receive(timeout(r)) : in.receive();
                    } catch (TimeoutException | InterruptedException e) {
                        count(e);
                        continue; // the request stays posted, or was withdrawn: receive again either way
                    } catch (ChannelClosedException e) {
                        return;
                    }
                } else {
                    Integer result = -job - 1;
                    try {
                        x = r.nextDouble() < pTimed ? in.send(result, timeout(r)) : in.send(result);
                        job = -1; // the result went over; x is the next job
                    } catch (TimeoutException | InterruptedException e) {
                        count(e);
                        if (!consistent(in, "worker " + w + " send(" + result + ")", e)) {
                            return;
                        }
                        if (in.taken() == 1) {
                            job = -1; // the result went over: receive the next job
                        }
                        continue; // else: not taken, sent again
                    } catch (ChannelClosedException e) {
                        int t = in.taken();
                        if (t == 0) {
                            resultNotTaken.incrementAndGet(job);
                        } else if (t != 1) {
                            fail("worker " + w + ": taken() " + t + " after a close ended send(" + result + ")");
                        }
                        return;
                    }
                }
                if (!(x instanceof Integer j) || j < 0 || j >= jobs) {
                    fail("worker " + w + " received " + x + " as a job");
                    return;
                }
                reachedWorker.incrementAndGet(j);
                job = j;
            }
        } catch (RuntimeException | Error e) {
            fail("worker " + w + " threw " + stackOf(e));
        } finally {
            in.close();
        }
    }
}
