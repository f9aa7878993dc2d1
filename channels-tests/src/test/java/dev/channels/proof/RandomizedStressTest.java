package dev.channels.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.channels.testing.Modes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The long randomized stress: many {@link StressRound rounds}, each a fresh channel with a random
 * wait strategy, platform or virtual threads, single values, array and iterator batches, and
 * random timeouts, interrupts and closes, checking after each round that no value was lost,
 * duplicated or reordered and that every call ended (see {@link StressRound} for the protocol and
 * the checks). Two lanes run rounds side by side. About one round in three, until
 * {@link #MIN_SELECT_ROUNDS} have run, is an alternation round instead ({@link SelectStressRound}):
 * a fan-in (N producers, one {@code Selector.fanIn} consumer) or a worker pool (a dispatcher
 * selecting over N workers and posting jobs), with the same chaos, whose books must balance
 * exactly too.
 *
 * <p>Quick (CI): at least 2 x 10^7 values handed over (about half in single round trips)
 * in at least 300 rounds, plus 150 alternation rounds, 15 to 45 s on two cores here (0.5 to 1.8 million values a second,
 * depending on the load). Thorough ({@code -Dstress.mode=thorough}): at least 5 x 10^9 values in
 * 30,000 rounds and 15,000 alternation rounds, one to three hours; the round mix is the same. Rerun a failed mix with
 * {@code -Dstress.seed=N} (the thread timing, of course, differs).
 *
 * <p>A stall (no progress in a round for {@link #STALL}) fails the test with a dump of all threads,
 * virtual ones included; at the end no thread the test started may be alive, and no platform
 * thread may have appeared (the JDK's virtual-thread carriers aside).
 */
class RandomizedStressTest {

    /**
     * Values handed over from sender to receiver, at least (batch items counted one by one; about
     * half of the values go as single round trips, each two handoffs: the value and its answer).
     * {@code -Dstress.values=N} overrides it.
     */
    static final long TARGET_VALUES = Long.getLong("stress.values", Modes.pick(20_000_000L, 5_000_000_000L));

    /**
     * Rounds, at least: each is a fresh mix (strategy, thread kinds, rates), so a fast machine
     * must not reach the value target with only a few of them.
     */
    static final long MIN_ROUNDS = Long.getLong("stress.rounds", Modes.pick(300L, 30_000L));

    /**
     * Alternation rounds ({@link SelectStressRound}: fan-in and worker pool, alternately), at
     * least; about one lane round in three is one until this many have run.
     * {@code -Dstress.selectRounds=N} overrides it.
     */
    static final long MIN_SELECT_ROUNDS = Long.getLong("stress.selectRounds", Modes.pick(150L, 15_000L));

    /** A round without any progress for this long is a hang. */
    static final Duration STALL = Duration.ofSeconds(Modes.pick(60, 120));

    /** Safety stop: the run fails if the target is not reached within this time. */
    static final Duration TIME_LIMIT = Modes.THOROUGH ? Duration.ofHours(24) : Duration.ofMinutes(5);

    static final int LANES = 2;

    /**
     * Live platform threads that were not there before, other than the JDK's own threads that
     * serve virtual threads and outlive the test by design: the scheduler's carriers and timer
     * (thread group CarrierThreads) and the unblocker (InnocuousThreadGroup).
     */
    static List<Thread> newPlatformThreads(Set<Thread> before) {
        List<Thread> found = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            ThreadGroup g = t.getThreadGroup();
            String group = g == null ? "" : g.getName();
            // "Attach Listener": the JVM's, started when a tool (jcmd, jstack) attaches during a long run
            if (!before.contains(t) && t.isAlive() && !group.equals("CarrierThreads")
                    && !group.equals("InnocuousThreadGroup")
                    && !(group.equals("system") && t.getName().equals("Attach Listener"))) {
                found.add(t);
            }
        }
        return found;
    }

    @Test
    @Timeout(value = 25, unit = TimeUnit.HOURS) // the stall watchdog and TIME_LIMIT end a bad run long before
    void noValueLostDuplicatedOrReorderedAndNoCallHangs() throws Exception {
        Set<Thread> platformThreadsBefore = Thread.getAllStackTraces().keySet();
        long seed = Long.getLong("stress.seed", System.nanoTime());
        long startNanos = System.nanoTime();
        long deadline = startNanos + TIME_LIMIT.toNanos();

        AtomicLong values = new AtomicLong();
        AtomicLong singles = new AtomicLong();
        AtomicLong batches = new AtomicLong();
        AtomicLong emptyAnswers = new AtomicLong();
        AtomicLong rounds = new AtomicLong();
        AtomicLong midwayCloses = new AtomicLong();
        AtomicLong interrupts = new AtomicLong();
        AtomicLong timeouts = new AtomicLong();
        AtomicLong selectRounds = new AtomicLong();
        AtomicLong selectValues = new AtomicLong();
        AtomicLong selectBatches = new AtomicLong();
        AtomicLong selectCloseEvents = new AtomicLong();
        AtomicLong selectInterrupts = new AtomicLong();
        AtomicLong selectTimeouts = new AtomicLong();
        AtomicReference<String> failure = new AtomicReference<>();
        List<Thread> started = new ArrayList<>();
        // A round's threads, kept for the leak check at the end. Threads that ended are dropped: an
        // ended Thread keeps its task, and with it the whole round (a long run kept thousands and
        // ran out of heap).
        Consumer<Collection<Thread>> track = threads -> {
            synchronized (started) {
                started.removeIf(t -> !t.isAlive());
                started.addAll(threads);
            }
        };

        IntConsumer lane = index -> {
            SplittableRandom r = new SplittableRandom(seed + 0x9E3779B97F4A7C15L * (index + 1));
            long laneRounds = 0;
            while (failure.get() == null && (values.get() < TARGET_VALUES || rounds.get() < MIN_ROUNDS
                    || selectRounds.get() < MIN_SELECT_ROUNDS) && System.nanoTime() - deadline < 0) {
                laneRounds++;
                boolean channelRoundsDone = values.get() >= TARGET_VALUES && rounds.get() >= MIN_ROUNDS;
                if (selectRounds.get() < MIN_SELECT_ROUNDS && (channelRoundsDone || r.nextInt(3) == 0)) {
                    SelectStressRound.Kind kind = (laneRounds & 1) == 0 ? SelectStressRound.Kind.FAN_IN
                            : SelectStressRound.Kind.POOL;
                    SelectStressRound sr = new SelectStressRound(r.nextLong(), kind,
                            TimeUnit.MILLISECONDS.toNanos(10 + r.nextInt(60)), 1 + r.nextLong(Modes.pick(100_000L, 1_000_000L)));
                    sr.start();
                    track.accept(sr.threads());
                    sr.chaosUntilDone(STALL);
                    sr.verify();
                    String f = sr.failure.get();
                    if (f != null) {
                        failure.compareAndSet(null, f);
                        return;
                    }
                    selectRounds.incrementAndGet();
                    selectValues.addAndGet(sr.values);
                    selectBatches.addAndGet(sr.batches.get());
                    selectCloseEvents.addAndGet(sr.closeEvents);
                    selectInterrupts.addAndGet(sr.interrupts);
                    selectTimeouts.addAndGet(sr.timeouts);
                    if (sr.closedMidway) {
                        midwayCloses.incrementAndGet();
                    }
                    continue;
                }
                long durationNanos = TimeUnit.MILLISECONDS.toNanos(10 + r.nextInt(200));
                long maxValues = 1 + r.nextLong(Modes.pick(2_000_000L, 20_000_000L));
                StressRound round = new StressRound(r.nextLong(), durationNanos, maxValues);
                round.start();
                track.accept(List.of(round.sender, round.receiver));
                round.chaosUntilDone(STALL);
                round.verify();
                String f = round.failure.get();
                if (f != null) {
                    failure.compareAndSet(null, f);
                    return;
                }
                values.addAndGet(round.sent);
                singles.addAndGet(round.singleSends);
                batches.addAndGet(round.batches);
                emptyAnswers.addAndGet(round.emptyAnswers);
                rounds.incrementAndGet();
                interrupts.addAndGet(round.senderInterrupts + round.receiverInterrupts);
                timeouts.addAndGet(round.senderTimeouts + round.receiverTimeouts);
                if (round.closedMidway) {
                    midwayCloses.incrementAndGet();
                }
            }
        };
        List<Thread> lanes = new ArrayList<>();
        for (int i = 0; i < LANES; i++) {
            int index = i;
            lanes.add(Thread.ofPlatform().name("stress-lane-" + i).start(() -> lane.accept(index)));
        }
        long lastReport = System.nanoTime();
        for (Thread t : lanes) {
            while (!t.join(Duration.ofSeconds(1))) {
                if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(Modes.THOROUGH ? 60 : 15)) {
                    lastReport = System.nanoTime();
                    System.out.printf("stress: %,d values, %,d rounds, %.0f s%n", values.get(), rounds.get(),
                            (lastReport - startNanos) / 1e9);
                }
            }
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        String summary = String.format(
                "stress (%s, seed %d): %,d values handed over in %.1f s (%,.0f/s): %,d single round trips, %,d batches, %,d empty batches as answers;"
                        + " %,d rounds, %,d closed part-way; %,d interrupts and %,d timeouts survived;"
                        + " alternation: %,d rounds (fan-in and worker pool), %,d values or jobs (%,d fan-in batches), %,d close events,"
                        + " %,d interrupts and %,d timeouts survived",
                Modes.THOROUGH ? "thorough" : "quick", seed, values.get(), seconds, values.get() / seconds,
                singles.get(), batches.get(), emptyAnswers.get(), rounds.get(), midwayCloses.get(), interrupts.get(), timeouts.get(),
                selectRounds.get(), selectValues.get(), selectBatches.get(), selectCloseEvents.get(), selectInterrupts.get(),
                selectTimeouts.get());
        System.out.println(summary);

        if (failure.get() != null) {
            fail(failure.get() + "\n(" + summary + ")");
        }
        assertTrue(values.get() >= TARGET_VALUES && rounds.get() >= MIN_ROUNDS && selectRounds.get() >= MIN_SELECT_ROUNDS,
                "target of " + TARGET_VALUES + " values in " + MIN_ROUNDS + " rounds and " + MIN_SELECT_ROUNDS
                + " alternation rounds not reached within " + TIME_LIMIT + ": " + summary);

        // no thread leaks: every worker ended, and the platform thread count is back
        for (Thread t : started) {
            t.join(Duration.ofSeconds(10));
            assertTrue(!t.isAlive(), t + " is still alive:\n" + ThreadDumps.all());
        }
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<Thread> leaked;
        while (!(leaked = newPlatformThreads(platformThreadsBefore)).isEmpty() && System.nanoTime() - waitUntil < 0) {
            Thread.sleep(10); // a platform thread that just ended may still be listed
        }
        assertEquals(List.of(), leaked, "platform threads started during the test and still alive:\n" + ThreadDumps.all());
    }
}
