package dev.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.channels.testing.Config;
import dev.channels.testing.EachConfig;
import dev.channels.testing.Peer;
import dev.channels.testing.Probe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * Alternation (DESIGN.md, "Alternation"): {@link Selector} and {@link Arrival}. Fair and
 * priority order, a fan-in's lazy asking, timeouts and polls that take nothing, interrupts,
 * members' closes as events, misuse refused at once, batches, scale, and the set's scopes.
 *
 * <p>Many tests drive the members' other ends from the test thread with {@link Endpoint#post},
 * which never waits once the endpoint holds the turn, so the order of arrivals is exact. In those
 * tests the members are {@code second()} endpoints, whose start signal ({@code peer.post(null)}
 * on the {@code first()}) is their first arrival, with the value {@code null}. Tests with threads
 * run on every {@link Config}: each wait strategy, on platform and virtual threads.
 */
@Timeout(20)
class SelectorTest {

    // ---------------------------------------------------------------- helpers

    /** n channels: members are their second() endpoints, peers their first(). */
    private static final class Pairs {
        final List<Endpoint<String, String>> members = new ArrayList<>();
        final List<Endpoint<String, String>> peers = new ArrayList<>();

        Pairs(Config config, int n) {
            for (int i = 0; i < n; i++) {
                Channel<String, String> ch = config.channel();
                members.add(ch.second());
                peers.add(ch.first());
            }
        }

        Endpoint<String, String> member(int i) {
            return members.get(i);
        }

        Endpoint<String, String> peer(int i) {
            return peers.get(i);
        }
    }

    /** Methods that the select loop (selectOwned) calls only in its wait, after a fan-in's request was posted. */
    private static final java.util.Set<String> LOOP = java.util.Set.of("idle", "park", "next", "scan", "nextInOrder",
            "nextByPriority");
    /** The classes that hold the select loop (it moved from Selector to SelectCore, doSelect to selectOwned). */
    private static final java.util.Set<String> SELECT_LOOP_CLASSES = java.util.Set.of("dev.channels.Selector",
            "dev.channels.SelectCore");

    /**
     * True if {@code t} looks like it waits inside a select: parked on the set, or in the select
     * loop (its idle step, its looks, or the loop itself, where a busy-spinning selector is seen
     * at its safepoint poll).
     */
    static boolean isWaitingInSelect(Thread t) {
        // the loop is SelectCore.selectOwned, called by doSelect (select) and postThenSelect (Arrival.send)
        if (LockSupport.getBlocker(t) instanceof Selector<?, ?>) {
            return true;
        }
        StackTraceElement[] stack = t.getStackTrace();
        for (int i = 0; i < stack.length; i++) {
            StackTraceElement f = stack[i];
            if (SELECT_LOOP_CLASSES.contains(f.getClassName()) && f.getMethodName().equals("selectOwned")) {
                return i == 0 || LOOP.contains(stack[i - 1].getMethodName());
            }
        }
        return false;
    }

    /**
     * Waits until {@code t} waits inside a select, seen three times in a row (the code before the
     * loop, which posts a fan-in's request, is short and has no loop); never sleeps.
     */
    static void awaitWaitingInSelect(Thread t) {
        long deadline = System.nanoTime() + Peer.JOIN_TIMEOUT.toNanos();
        int seen = 0;
        while (seen < 3) {
            seen = isWaitingInSelect(t) ? seen + 1 : 0;
            if (!t.isAlive()) {
                throw new AssertionError(t.getName() + " ended before it waited in a select");
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(t.getName() + " did not wait in a select; it is at:\n" + Probe.stackOf(t));
            }
            Thread.yield();
        }
    }

    private static String value(Arrival<String, String> a) {
        assertFalse(a.isClosed(), () -> "expected a value, got " + a);
        return a.value();
    }

    // ---------------------------------------------------------------- order

    /**
     * Fair: members that are ready at every select are served in turn, so none waits for more than
     * size() - 1 other selects, and each value arrives exactly once, in its member's order.
     */
    @EachConfig
    void fairSetServesEveryReadyMemberWithinSizeMinusOneSelects(Config config) throws Exception {
        servesWithinSizeMinusOne(config, 4);  // a small set: scans its members
        servesWithinSizeMinusOne(config, 12); // a larger one: the ready queue
    }

    private static void servesWithinSizeMinusOne(Config config, int n) throws Exception {
        Pairs p = new Pairs(config, n);
        for (int i = n - 1; i >= 0; i--) {
            p.peer(i).post(null); // every member ready: the start signal
        }
        int[] lastServed = new int[n];
        Arrays.fill(lastServed, -1);
        int[] served = new int[n];
        String[] expected = new String[n]; // null: the start signal
        try (Selector<String, String> set = Selector.of(p.members)) {
            for (int s = 0; s < 12 * n; s++) {
                Arrival<String, String> a = set.select();
                int i = a.index();
                assertSame(p.member(i), a.endpoint());
                assertEquals(expected[i], value(a), "member " + i + "'s values in order");
                if (lastServed[i] >= 0) {
                    assertTrue(s - lastServed[i] - 1 <= n - 1, "member " + i + " waited for "
                            + (s - lastServed[i] - 1) + " selects while ready at every select");
                } else {
                    assertTrue(s <= n - 1, "member " + i + " was first served at select " + s);
                }
                lastServed[i] = s;
                served[i]++;
                a.post("reply " + s);
                assertEquals("reply " + s, p.peer(i).receive());
                expected[i] = i + "/" + s;
                p.peer(i).post(expected[i]); // ready again at once
            }
        }
        for (int i = 0; i < n; i++) {
            assertEquals(12, served[i], "member " + i + " was served its share");
        }
    }

    /**
     * Fair: members that become ready one after another are served in the order they became
     * ready, in a set large enough to use the ready queue (more than 8 members; Selector's Javadoc).
     */
    @EachConfig
    void fairLargeSetServesInTheOrderMembersBecameReady(Config config) throws Exception {
        servesInReadyOrder(config, 16, new int[] {9, 2, 15, 0, 7, 11, 3});
    }

    /**
     * A small set (8 members or fewer) scans its members instead of queueing them: it serves the
     * ready ones in rotation, from the member after the one returned last (the bound of size() - 1
     * is tested above).
     */
    @EachConfig
    void fairSmallSetServesReadyMembersInRotation(Config config) throws Exception {
        Pairs p = new Pairs(config, 4);
        try (Selector<String, String> set = Selector.of(p.members)) {
            assertThrows(TimeoutException.class, () -> set.select(Duration.ZERO)); // nothing ready yet
            for (int i : new int[] {2, 0, 3, 1}) {
                p.peer(i).post(null);
            }
            List<Integer> served = new ArrayList<>();
            for (int k = 0; k < 4; k++) {
                Arrival<String, String> a = set.select(Duration.ZERO);
                assertNull(value(a));
                served.add(a.index());
            }
            assertEquals(List.of(0, 1, 2, 3), served, "round robin from member 0");
        }
    }

    private static void servesInReadyOrder(Config config, int n, int[] order) throws Exception {
        Pairs p = new Pairs(config, n);
        try (Selector<String, String> set = Selector.of(p.members)) {
            assertThrows(TimeoutException.class, () -> set.select(Duration.ZERO)); // nothing ready yet
            for (int i : order) {
                p.peer(i).post(null);
            }
            List<Integer> served = new ArrayList<>();
            for (int k = 0; k < order.length; k++) {
                Arrival<String, String> a = set.select(Duration.ZERO);
                assertNull(value(a));
                served.add(a.index());
            }
            assertEquals(Arrays.stream(order).boxed().toList(), served, "the order the members became ready");
        }
    }

    /** Priority: the first ready member in the list's order wins every select, however often it is ready. */
    @EachConfig
    void prioritySetServesTheFirstReadyMemberInListOrder(Config config) throws Exception {
        Pairs p = new Pairs(config, 3);
        for (int i = 2; i >= 0; i--) {
            p.peer(i).post(null);
        }
        try (Selector<String, String> set = Selector.priority(p.members)) {
            for (int round = 0; round < 5; round++) { // member 0 is ready at every select: it always wins
                Arrival<String, String> a = set.select();
                assertEquals(0, a.index(), "round " + round);
                a.post("r" + round);
                assertEquals("r" + round, p.peer(0).receive());
                p.peer(0).post("again " + round);
            }
            // member 0 answered without making it ready again: then 1, then 2
            Arrival<String, String> a0 = set.select();
            assertEquals(0, a0.index());
            assertEquals("again 4", value(a0));
            a0.post("done");
            Arrival<String, String> a1 = set.select();
            assertEquals(1, a1.index());
            a1.post("x");
            assertEquals("x", p.peer(1).receive());
            p.peer(1).post("one");
            // member 0 becomes ready again after 1: it still wins over 1 and 2
            assertEquals("done", p.peer(0).receive());
            p.peer(0).post("zero");
            Arrival<String, String> b = set.select();
            assertEquals(0, b.index());
            assertEquals("zero", value(b));
            Arrival<String, String> c = set.select();
            assertEquals(1, c.index());
            assertEquals("one", value(c));
            Arrival<String, String> d = set.select();
            assertEquals(2, d.index());
            assertNull(value(d));
        }
    }

    // ---------------------------------------------------------------- fan-in

    /**
     * A fan-in asks a producer for more only when the next select begins: the producer's send of
     * a value returns after the select that took it, at the next select, never earlier.
     */
    @EachConfig
    void fanInAsksLazilyAtTheNextSelect(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        AtomicInteger returned = new AtomicInteger();
        Peer<Void> producer = config.start("producer", () -> {
            try (Endpoint<String, String> out = ch.second()) {
                for (String v : List.of("a", "b", "c")) {
                    assertNull(out.send(v), "a fan-in asks with null");
                    returned.incrementAndGet();
                }
            }
            return null;
        });
        Selector<String, String> set = Selector.fanIn(List.of(ch.first()));
        assertEquals("a", value(set.select()));
        Probe.awaitWaitingInChannel(producer.thread());
        assertEquals(0, returned.get(), "the producer's send(a) returned before the next select asked");
        assertEquals("b", value(set.select()));
        assertEquals(1, returned.get(), "send(a) returned when the next select asked");
        Probe.awaitWaitingInChannel(producer.thread());
        assertEquals(1, returned.get(), "send(b) returned before the next select asked");
        assertEquals("c", value(set.select()));
        Arrival<String, String> end = set.select();
        assertTrue(end.isClosed());
        assertNull(end.cause());
        assertEquals(3, returned.get());
        assertEquals(0, set.size());
        producer.join();
        assertThrows(IllegalStateException.class, set::select, "every member has closed");
    }

    /**
     * The same, single-threaded and exact: the producer (driven with post) sees no request after
     * the select that took its value; a timed select asks, and withdraws the request when it times
     * out untaken; a select on another thread asks again.
     */
    @EachConfig
    void fanInRequestIsWithdrawnWhenTheSelectTimesOutUntaken(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        Endpoint<String, String> producer = ch.second();
        Selector<String, String> set = Selector.fanIn(List.of(ch.first()));
        assertThrows(TimeoutException.class, () -> set.select(Duration.ZERO)); // starts the member
        producer.post("a");
        assertEquals("a", value(set.select()));
        assertThrows(TimeoutException.class, () -> producer.receive(Duration.ZERO), "not asked yet");
        assertThrows(TimeoutException.class, () -> set.select(Duration.ofMillis(30))); // asks, then withdraws
        assertThrows(TimeoutException.class, () -> producer.receive(Duration.ZERO), "the request was withdrawn");
        assertTrue(producer.isReplyPending());
        Peer<String> consumer = config.start("consumer", () -> value(set.select()));
        assertNull(producer.receive(), "the next select asked again");
        producer.post("b");
        assertEquals("b", consumer.join());
    }

    /** Iterating a fan-in gives every value of every producer exactly once, in each producer's order, and ends when all have closed. */
    @EachConfig
    void fanInIterationGivesEveryValueOnceAndEndsWhenAllClosed(Config config) throws Exception {
        int producers = 3;
        int count = config.rounds(200, 5_000);
        List<Endpoint<String, String>> ends = new ArrayList<>();
        List<Peer<Void>> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            Channel<String, String> ch = config.channel();
            ends.add(ch.first());
            int id = p;
            threads.add(config.start("producer-" + p, () -> {
                try (Endpoint<String, String> out = ch.second()) {
                    for (int i = 0; i < count; i++) {
                        out.send(id + ":" + i);
                    }
                }
                return null;
            }));
        }
        int[] next = new int[producers];
        for (String v : Selector.fanIn(ends)) {
            int id = v.charAt(0) - '0';
            assertEquals(id + ":" + next[id], v);
            next[id]++;
        }
        for (int p = 0; p < producers; p++) {
            assertEquals(count, next[p], "producer " + p);
            threads.get(p).join();
        }
    }

    // ---------------------------------------------------------------- timeouts and polls

    /** Duration.ZERO polls: it throws TimeoutException at once when nothing is ready, takes nothing, and takes what is there. */
    @EachConfig
    void pollNeverBlocksAndTimeoutTakesNothing(Config config) throws Exception {
        Pairs p = new Pairs(config, 2);
        try (Selector<String, String> set = Selector.of(p.members)) {
            for (int i = 0; i < 3; i++) {
                assertThrows(TimeoutException.class, () -> set.select(Duration.ZERO));
                assertThrows(TimeoutException.class, () -> set.receive(Duration.ZERO));
            }
            assertThrows(TimeoutException.class, () -> set.select(Duration.ofMillis(20)));
            assertThrows(TimeoutException.class, () -> set.select(Duration.ofNanos(-5)), "negative: a poll");
            p.peer(1).post(null);
            Arrival<String, String> a = set.select(Duration.ZERO);
            assertEquals(1, a.index());
            assertThrows(TimeoutException.class, () -> set.select(Duration.ZERO), "taken once only");
            a.post("x");
            assertEquals("x", p.peer(1).receive());
            p.peer(1).post("y");
            assertEquals("y", set.receive(Duration.ZERO));
        }
    }

    /**
     * Timeouts racing arrivals lose nothing and take nothing twice: a consumer that asks with
     * post and selects with short timeouts (and polls) gets every value exactly once, in order;
     * so does a fan-in whose own requests are withdrawn or left pending by its timeouts.
     */
    @EachConfig
    void timeoutsRacingArrivalsAreExact(Config config) throws Exception {
        for (boolean fanIn : new boolean[] {false, true}) {
            int count = config.rounds(300, 10_000);
            Channel<String, String> ch = config.channel();
            Peer<Void> producer = config.start("producer", () -> {
                try (Endpoint<String, String> out = ch.second()) {
                    for (int i = 0; i < count; i++) {
                        out.send(Integer.toString(i));
                    }
                }
                return null;
            });
            Selector<String, String> set = fanIn ? Selector.fanIn(List.of(ch.first())) : Selector.of(List.of(ch.first()));
            int next = 0;
            int timeouts = 0;
            while (true) {
                Arrival<String, String> a;
                try {
                    a = set.select(ThreadLocalRandom.current().nextInt(3) == 0 ? Duration.ZERO
                            : Duration.ofNanos(ThreadLocalRandom.current().nextLong(1_000, 1_000_000)));
                } catch (TimeoutException e) {
                    timeouts++;
                    continue;
                }
                if (a.isClosed()) {
                    break;
                }
                assertEquals(Integer.toString(next), a.value(), "fanIn=" + fanIn);
                next++;
                if (!fanIn) {
                    a.post(null); // ask for more
                }
            }
            assertEquals(count, next, "fanIn=" + fanIn + ", after " + timeouts + " timeouts");
            producer.join();
        }
    }

    // ---------------------------------------------------------------- interrupts

    /** With the interrupt status set, select, select(Duration) and receive throw at once, clear it, and take nothing. */
    @EachConfig
    void interruptOnEntryTakesNothing(Config config) throws Exception {
        Pairs p = new Pairs(config, 2);
        p.peer(0).post(null);
        try (Selector<String, String> set = Selector.of(p.members)) {
            List<Executable> calls = List.of(set::select, () -> set.select(Duration.ZERO),
                    () -> set.select(Duration.ofMinutes(1)), set::receive, () -> set.receive(Duration.ZERO));
            for (Executable call : calls) {
                Thread.currentThread().interrupt();
                assertThrows(InterruptedException.class, call);
                assertFalse(Thread.currentThread().isInterrupted(), "the status is cleared");
            }
            Arrival<String, String> a = set.select(Duration.ZERO);
            assertEquals(0, a.index(), "the arrival is still there");
            assertNull(value(a));
        }
    }

    /**
     * A select interrupted while waiting throws promptly and takes nothing; a fan-in's request it
     * had posted, untaken, is withdrawn: after the set is dissolved the member has no reply
     * pending and holds the turn, usable directly again.
     */
    @EachConfig
    void interruptWhileWaitingWithdrawsTheFanInsUntakenRequest(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        Endpoint<String, String> producer = ch.second();
        Endpoint<String, String> member = ch.first();
        Selector<String, String> set = Selector.fanIn(List.of(member));
        assertThrows(TimeoutException.class, () -> set.select(Duration.ZERO)); // starts the member
        producer.post("a");
        assertEquals("a", value(set.select()));
        CountDownLatch selecting = new CountDownLatch(1);
        Peer<Boolean> consumer = config.start("consumer", () -> {
            selecting.countDown();
            try {
                set.select(); // asks the producer, which does not take the request
                return false;
            } catch (InterruptedException e) {
                return !Thread.currentThread().isInterrupted();
            }
        });
        selecting.await();
        awaitWaitingInSelect(consumer.thread());
        consumer.thread().interrupt();
        assertTrue(consumer.join(Peer.PROMPTLY), "InterruptedException, with the status cleared");
        set.close();
        assertFalse(member.isReplyPending(), "the untaken request was withdrawn");
        assertThrows(TimeoutException.class, () -> producer.receive(Duration.ZERO), "no request reached the producer");
        member.post(null); // a direct call works again: the member holds the turn
        assertNull(producer.receive());
        producer.post("b");
        assertEquals("b", member.receive());
    }

    /** A select on a fair set, interrupted while waiting, takes nothing: the next arrival goes to the next select. */
    @EachConfig
    void interruptWhileWaitingTakesNothing(Config config) throws Exception {
        Pairs p = new Pairs(config, 2);
        Selector<String, String> set = Selector.of(p.members);
        Peer<Void> consumer = config.start("consumer", () -> {
            assertThrows(InterruptedException.class, set::select);
            assertFalse(Thread.currentThread().isInterrupted());
            return null;
        });
        awaitWaitingInSelect(consumer.thread());
        consumer.thread().interrupt();
        consumer.join(Peer.PROMPTLY);
        p.peer(1).post(null);
        Arrival<String, String> a = set.select(Duration.ZERO);
        assertEquals(1, a.index());
        set.close();
    }

    /** Interrupts racing arrivals (fan-in and fair) lose nothing and take nothing twice. */
    @EachConfig
    void interruptsRacingArrivalsAreExact(Config config) throws Exception {
        for (boolean fanIn : new boolean[] {false, true}) {
            int count = config.rounds(300, 10_000);
            Channel<String, String> ch = config.channel();
            Peer<Void> producer = config.start("producer", () -> {
                try (Endpoint<String, String> out = ch.second()) {
                    for (int i = 0; i < count; i++) {
                        out.send(Integer.toString(i));
                    }
                }
                return null;
            });
            Selector<String, String> set = fanIn ? Selector.fanIn(List.of(ch.first())) : Selector.of(List.of(ch.first()));
            AtomicBoolean done = new AtomicBoolean();
            Peer<Integer> consumer = config.start("consumer", () -> {
                int next = 0;
                int interrupts = 0;
                try {
                    while (true) {
                        Arrival<String, String> a;
                        try {
                            a = set.select();
                        } catch (InterruptedException e) {
                            interrupts++;
                            continue;
                        }
                        if (a.isClosed()) {
                            break;
                        }
                        assertEquals(Integer.toString(next), a.value());
                        next++;
                        if (!fanIn) {
                            a.post(null);
                        }
                    }
                } finally {
                    done.set(true);
                    Thread.interrupted();
                }
                return next;
            });
            while (!done.get()) {
                if (!consumer.thread().isInterrupted()) {
                    consumer.thread().interrupt();
                }
                for (int spin = ThreadLocalRandom.current().nextInt(5_000); spin > 0; spin--) {
                    Thread.onSpinWait();
                }
                Thread.yield();
            }
            assertEquals(count, consumer.join(), "fanIn=" + fanIn);
            producer.join();
        }
    }

    // ---------------------------------------------------------------- closes

    /**
     * A member's close is an event for that member, with its cause; the set goes on with the
     * others, size() drops; once every member has closed, select throws IllegalStateException.
     */
    @EachConfig
    void closeIsAnEventOfItsMemberAndTheSetGoesOn(Config config) throws Exception {
        Pairs p = new Pairs(config, 3);
        RuntimeException boom = new RuntimeException("boom");
        Selector<String, String> set = Selector.of(p.members);
        assertEquals(3, set.size());
        p.peer(1).close(boom);
        Arrival<String, String> c1 = set.select();
        assertEquals(1, c1.index());
        assertTrue(c1.isClosed());
        assertSame(boom, c1.cause());
        assertThrows(IllegalStateException.class, c1::value);
        assertThrows(ChannelClosedException.class, () -> c1.post("x"), "the member has left the set");
        assertEquals(2, set.size());
        assertThrows(ChannelClosedException.class, p.member(1)::receive, "released: a direct call sees the close");
        p.peer(0).post(null);
        Arrival<String, String> a0 = set.select();
        assertEquals(0, a0.index());
        assertNull(value(a0));
        p.peer(2).close();
        Arrival<String, String> c2 = set.select();
        assertEquals(2, c2.index());
        assertTrue(c2.isClosed());
        assertNull(c2.cause());
        assertEquals(1, set.size());
        a0.post("bye");
        assertEquals("bye", p.peer(0).receive());
        p.peer(0).close();
        Arrival<String, String> c0 = set.select();
        assertEquals(0, c0.index());
        assertTrue(c0.isClosed());
        assertEquals(0, set.size());
        IllegalStateException e = assertThrows(IllegalStateException.class, set::select);
        assertTrue(e.getMessage().contains("every member"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> set.select(Duration.ZERO));
        set.close();
    }

    /** receive(): a plain close leaves quietly, a close with a cause throws it (the set goes on), and the end throws ChannelClosedException. */
    @EachConfig
    void receiveSkipsPlainClosesAndThrowsCauses(Config config) throws Exception {
        Pairs p = new Pairs(config, 3);
        Selector<String, String> set = Selector.of(p.members);
        IllegalArgumentException cause = new IllegalArgumentException("bad");
        p.peer(0).close();
        p.peer(1).close(cause);
        ChannelClosedException e = assertThrows(ChannelClosedException.class, set::receive);
        assertSame(cause, e.getCause());
        assertEquals(1, set.size());
        p.peer(2).post(null);
        assertNull(set.receive());
        p.peer(2).close();
        assertThrows(ChannelClosedException.class, set::receive, "every member has closed");
        assertEquals(0, set.size());
    }

    /** A fan-in's iteration ends quietly when every member closed; one closed with a cause makes it throw that cause. */
    @EachConfig
    void iterationEndsWhenEveryMemberClosed(Config config) throws Exception {
        Pairs p = new Pairs(config, 2);
        p.peer(0).close();
        p.peer(1).close();
        List<String> got = new ArrayList<>();
        Selector.fanIn(p.members).forEach(got::add);
        assertEquals(List.of(), got);

        Pairs q = new Pairs(config, 1);
        IllegalStateException cause = new IllegalStateException("failed producer");
        q.peer(0).close(cause);
        ChannelClosedException e = assertThrows(ChannelClosedException.class,
                () -> Selector.fanIn(q.members).iterator().hasNext());
        assertSame(cause, e.getCause());
    }

    /**
     * Closes racing a fan-in: a third thread closes each producer's channel at a random moment.
     * Every value the consumer got was handed over exactly once, and exactly the values whose
     * send returned, plus the one the failed send reports taken, reached the consumer.
     */
    @EachConfig
    void closesRacingAFanInAreExact(Config config) throws Exception {
        int producers = 3;
        int rounds = config.rounds(20, 300);
        for (int round = 0; round < rounds; round++) {
            List<Endpoint<String, String>> ends = new ArrayList<>();
            List<Peer<Integer>> threads = new ArrayList<>();
            List<Channel<String, String>> channels = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                Channel<String, String> ch = config.channel();
                channels.add(ch);
                ends.add(ch.first());
                int id = p;
                threads.add(config.start("producer-" + p, () -> {
                    Endpoint<String, String> out = ch.second();
                    int handed = 0;
                    try {
                        for (int i = 0; ; i++) {
                            out.send(id + ":" + i);
                            handed++;
                        }
                    } catch (ChannelClosedException e) {
                        return handed + out.taken(); // the value of the failed send went over, or not
                    }
                }));
            }
            Peer<Void> closer = config.start("closer", () -> {
                for (Channel<String, String> ch : channels) {
                    for (int spin = ThreadLocalRandom.current().nextInt(20_000); spin > 0; spin--) {
                        Thread.onSpinWait();
                    }
                    (ThreadLocalRandom.current().nextBoolean() ? ch.first() : ch.second()).close();
                }
                return null;
            });
            int[] got = new int[producers];
            for (String v : Selector.fanIn(ends)) {
                int id = v.charAt(0) - '0';
                assertEquals(id + ":" + got[id], v, "round " + round);
                got[id]++;
            }
            closer.join();
            for (int p = 0; p < producers; p++) {
                assertEquals(threads.get(p).join(), got[p], "round " + round + ": producer " + p
                        + "'s count of values handed over, and the consumer's");
            }
        }
    }

    /**
     * Clients whose sends time out race a server that answers with post: a request not taken is
     * withdrawn and sent again, one taken is answered exactly once (the client then receives the
     * pending reply); every reply matches its request, and the server answered each request once.
     */
    @EachConfig
    void clientTimeoutsRacingAServerAreExact(Config config) throws Exception {
        int clients = 3;
        int calls = config.rounds(300, 5_000);
        List<Endpoint<String, String>> members = new ArrayList<>();
        List<Peer<Integer>> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Channel<String, String> ch = config.channel();
            members.add(ch.first());
            int id = c;
            threads.add(config.start("client-" + c, () -> {
                int timeouts = 0;
                try (Endpoint<String, String> out = ch.second()) {
                    for (int i = 0; i < calls; i++) {
                        String request = id + ":" + i;
                        String reply;
                        while (true) {
                            try {
                                reply = out.send(request, Duration.ofNanos(ThreadLocalRandom.current().nextLong(0, 50_000)));
                                break;
                            } catch (TimeoutException e) {
                                timeouts++;
                                if (out.isReplyPending()) {
                                    reply = out.receive(); // taken: its reply is on the way
                                    break;
                                }
                            }
                        }
                        assertEquals(request + "!", reply);
                    }
                }
                return timeouts;
            }));
        }
        int answered = 0;
        int[] next = new int[clients];
        try (Selector<String, String> server = Selector.of(members)) {
            while (server.size() > 0) {
                Arrival<String, String> a = server.select();
                if (a.isClosed()) {
                    continue;
                }
                String v = a.value();
                if (v == null) {
                    fail("member " + a.index() + ": a first() member's start is not an arrival");
                }
                assertEquals(a.index() + ":" + next[a.index()]++, v, "each request once, in order");
                a.post(v + "!");
                answered++;
            }
        }
        assertEquals(clients * calls, answered);
        for (Peer<Integer> t : threads) {
            t.join();
        }
    }

    /**
     * A fan-in request that the producer took before the select timed out is not withdrawn: the
     * member has a reply pending, the set does not ask again, and the producer's answer is the
     * member's next arrival.
     */
    @EachConfig
    void fanInRequestTakenBeforeTheTimeoutLeavesAReplyPending(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        CountDownLatch asked = new CountDownLatch(1);
        CountDownLatch sendB = new CountDownLatch(1);
        AtomicInteger requests = new AtomicInteger();
        Peer<Void> producer = config.start("producer", () -> {
            Endpoint<String, String> out = ch.second();
            assertNull(out.send("a"));
            requests.incrementAndGet();
            asked.countDown();
            sendB.await();
            assertNull(out.send("b"));
            requests.incrementAndGet();
            return null;
        });
        Endpoint<String, String> member = ch.first();
        Selector<String, String> set = Selector.fanIn(List.of(member));
        assertEquals("a", value(set.select()));
        int timeouts = 0;
        while (asked.getCount() > 0) { // each timed select asks; untaken, the request is withdrawn
            assertThrows(TimeoutException.class, () -> set.select(Duration.ofMillis(20)));
            timeouts++;
        }
        assertThrows(TimeoutException.class, () -> set.select(Duration.ofMillis(20)), "the producer holds the turn");
        sendB.countDown();
        assertEquals("b", value(set.select()), "the answer to the taken request, after " + timeouts + " timeouts");
        Probe.awaitWaitingInChannel(producer.thread());
        assertEquals(1, requests.get(), "asked once per value taken");
        set.close(); // the set had not asked for more yet: the member holds the turn
        assertFalse(member.isReplyPending());
        member.post(null);
        producer.join();
        assertEquals(2, requests.get());
    }

    /** In a fan-in, the user may answer a producer with post itself; the set then does not ask again. */
    @EachConfig
    void fanInDoesNotAskAMemberTheUserAnswered(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        Endpoint<String, String> producer = ch.second();
        Selector<String, String> set = Selector.fanIn(List.of(ch.first()));
        assertThrows(TimeoutException.class, () -> set.select(Duration.ZERO)); // starts the member
        producer.post("a");
        Arrival<String, String> a = set.select();
        assertEquals("a", value(a));
        a.post("a reply, not a request");
        assertEquals("a reply, not a request", producer.receive(Duration.ZERO));
        assertThrows(TimeoutException.class, () -> set.select(Duration.ZERO), "the set asked nothing more");
        producer.post("b");
        assertEquals("b", value(set.select(Duration.ZERO)));
        set.close();
    }

    /** A priority set of more than 64 members (several words of ready bits) keeps the list's order. */
    @EachConfig
    void priorityOrderAcrossManyMembers(Config config) throws Exception {
        int n = 200;
        Pairs p = new Pairs(config, n);
        int[] ready = {199, 64, 3, 130, 63, 128};
        for (int i : ready) {
            p.peer(i).post(null);
        }
        try (Selector<String, String> set = Selector.priority(p.members)) {
            for (int expected : new int[] {3, 63, 64, 128, 130, 199}) {
                assertEquals(expected, set.select(Duration.ZERO).index());
            }
            assertThrows(TimeoutException.class, () -> set.select(Duration.ZERO));
            p.peer(150).post(null);
            p.peer(5).post(null);
            assertEquals(5, set.select().index());
            assertEquals(150, set.select().index());
        }
    }

    /** An endpoint may join a set with a value or request already posted: its answer is an arrival like any other. */
    @EachConfig
    void anEndpointJoinsWithItsPostedStateIntact(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        Endpoint<String, String> server = ch.first();
        Endpoint<String, String> client = ch.second();
        assertThrows(TimeoutException.class, () -> server.receive(Duration.ZERO)); // the request stays posted
        client.post("req");
        try (Selector<String, String> set = Selector.of(server)) {
            Arrival<String, String> a = set.select(Duration.ZERO);
            assertEquals("req", value(a));
            a.post("resp");
        }
        assertEquals("resp", client.receive());
    }

    /** receive(Duration.ZERO) skips plain closes within the same poll; a huge timeout does not overflow. */
    @EachConfig
    void receivePollSkipsClosesAndHugeTimeoutsWork(Config config) throws Exception {
        Pairs p = new Pairs(config, 3);
        Selector<String, String> set = Selector.of(p.members);
        p.peer(0).close();
        p.peer(1).close();
        p.peer(2).post(null);
        assertNull(set.receive(Duration.ZERO));
        assertEquals(1, set.size());
        assertThrows(IllegalStateException.class, () -> set.select(Duration.ofSeconds(Long.MAX_VALUE)),
                "the last member holds the turn: refused at once, whatever the timeout");
        set.close();

        Pairs q = new Pairs(config, 2);
        Selector<String, String> huge = Selector.of(q.members);
        Peer<Integer> consumer = config.start("consumer", () -> huge.select(Duration.ofSeconds(Long.MAX_VALUE)).index());
        awaitWaitingInSelect(consumer.thread());
        q.peer(1).post(null);
        assertEquals(1, consumer.join());
        q.peer(0).post(null);
        assertEquals(0, huge.select(Duration.ofNanos(Long.MAX_VALUE)).index());
        huge.close();
    }

    // ---------------------------------------------------------------- nothing can arrive

    /** When every open member holds the turn, select throws IllegalStateException at once instead of waiting forever; nothing changes. */
    @EachConfig
    void everyMemberHoldingTheTurnIsRefusedAtOnce(Config config) throws Exception {
        Pairs p = new Pairs(config, 2);
        p.peer(0).post(null);
        p.peer(1).post(null);
        try (Selector<String, String> set = Selector.of(p.members)) {
            Arrival<String, String> a = set.select();
            Arrival<String, String> b = set.select();
            assertThrows(IllegalStateException.class, set::select);
            assertThrows(IllegalStateException.class, () -> set.select(Duration.ofMinutes(10)), "not a timeout");
            assertThrows(IllegalStateException.class, set::receive);
            b.post("to " + b.index());
            assertEquals("to " + b.index(), p.peer(b.index()).receive());
            p.peer(b.index()).post("back");
            Arrival<String, String> c = set.select();
            assertSame(b, c, "one Arrival per member");
            assertEquals("back", value(c));
            assertTrue(a.index() != b.index());
        }
    }

    // ---------------------------------------------------------------- misuse

    /** An endpoint belongs to one set at a time; listing it twice, or putting it in a second set, is refused and changes nothing. */
    @EachConfig
    void anEndpointInTwoSetsOrListedTwiceIsRefused(Config config) throws Exception {
        Pairs p = new Pairs(config, 3);
        Selector<String, String> first = Selector.of(p.member(0), p.member(1));
        IllegalStateException two = assertThrows(IllegalStateException.class,
                () -> Selector.of(p.member(2), p.member(1)));
        assertTrue(two.getMessage().contains("already in a Selector"), two.getMessage());
        IllegalStateException twice = assertThrows(IllegalStateException.class,
                () -> Selector.of(p.member(2), p.member(2)));
        assertTrue(twice.getMessage().contains("already in a Selector"), twice.getMessage());
        // member 2 was released by both failed constructions: usable in a set, and directly
        try (Selector<String, String> other = Selector.of(p.member(2))) {
            p.peer(2).post(null);
            assertNull(value(other.select()));
        }
        // the first set is unaffected
        p.peer(1).post(null);
        assertEquals(1, first.select().index());
        first.close();
        assertThrows(IllegalArgumentException.class, () -> Selector.of(List.<Endpoint<String, String>>of()));
    }

    /** An endpoint that a call is using cannot join a set; the call is unaffected. */
    @EachConfig
    void anEndpointInUseIsRefused(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        Peer<String> receiver = config.start("receiver", () -> ch.first().receive());
        Probe.awaitWaitingInChannel(receiver.thread());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Selector.of(ch.first()));
        assertTrue(e.getMessage().contains("in use"), e.getMessage());
        ch.second().post("v");
        assertEquals("v", receiver.join());
    }

    /** A call made directly on a member while it is in a set is refused at once with a clear message, and nothing changes. */
    @EachConfig
    void directCallsOnAMemberAreRefused(Config config) throws Exception {
        Pairs p = new Pairs(config, 1);
        Endpoint<String, String> m = p.member(0);
        Selector<String, String> set = Selector.of(p.members);
        p.peer(0).post(null);
        List<Executable> calls = List.of(m::receive, () -> m.send("x"), () -> m.post("x"), () -> m.post(null),
                () -> m.receive(Duration.ZERO), () -> m.send("x", Duration.ZERO), m::start, m::open,
                () -> m.sendAll(new String[] {"a"}, 0, 1), () -> m.receiveInto(new String[1], 0, 1),
                () -> m.iterator().hasNext(), () -> Selector.of(m));
        for (Executable call : calls) {
            IllegalStateException e = assertThrows(IllegalStateException.class, call);
            assertTrue(e.getMessage().contains("Selector"), e.getMessage());
        }
        assertFalse(m.isClosed());
        assertEquals(0, m.taken());
        Arrival<String, String> a = set.select(Duration.ZERO);
        assertNull(value(a), "the start signal is still there for the set");
        for (Executable call : calls) {
            assertThrows(IllegalStateException.class, call);
        }
        a.post("reply");
        assertEquals("reply", p.peer(0).receive(), "nothing else went over");
        set.close();
        p.peer(0).post("direct");
        assertEquals("direct", m.receive(), "released by close(): direct calls work again");
    }

    /** One thread at a time selects: a second thread's select, post or close is refused at once, and the first select is unaffected. */
    @EachConfig
    void aSecondThreadIsRefusedAtOnce(Config config) throws Exception {
        Pairs p = new Pairs(config, 2);
        p.peer(0).post(null);
        Selector<String, String> set = Selector.of(p.members);
        Arrival<String, String> a0 = set.select();
        Peer<String> consumer = config.start("consumer", () -> value(set.select()));
        awaitWaitingInSelect(consumer.thread());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> set.select(Duration.ZERO));
        assertTrue(e.getMessage().contains("in use by"), e.getMessage());
        assertThrows(IllegalStateException.class, set::select);
        assertThrows(IllegalStateException.class, () -> a0.post("x"), "post while another thread selects");
        assertThrows(IllegalStateException.class, set::close);
        assertThrows(IllegalStateException.class, set::closeMembers);
        assertFalse(p.peer(0).isClosed());
        p.peer(1).post(null);
        assertNull(consumer.join());
        a0.post("now");
        assertEquals("now", p.peer(0).receive());
        set.close();
    }

    /** Arrival.post while a reply is pending is refused, and only the first value went over. */
    @EachConfig
    void arrivalPostWhileAReplyIsPendingIsRefused(Config config) throws Exception {
        Pairs p = new Pairs(config, 1);
        p.peer(0).post(null);
        try (Selector<String, String> set = Selector.of(p.members)) {
            Arrival<String, String> a = set.select();
            a.post("x");
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> a.post("y"));
            assertTrue(e.getMessage().contains("pending"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> a.post(null));
            assertEquals("x", p.peer(0).receive());
            assertThrows(TimeoutException.class, () -> set.select(Duration.ZERO));
        }
    }

    /** Arrival.post on a closed channel throws ChannelClosedException, hands nothing over, and the next select reports the close. */
    @EachConfig
    void arrivalPostOnAClosedChannelHandsNothingOver(Config config) throws Exception {
        Pairs p = new Pairs(config, 2);
        p.peer(0).post(null);
        Selector<String, String> set = Selector.of(p.members);
        Arrival<String, String> a = set.select();
        p.peer(0).close();
        assertThrows(ChannelClosedException.class, () -> a.post("lost?"));
        assertEquals(0, p.member(0).taken());
        Arrival<String, String> c = set.select();
        assertEquals(0, c.index());
        assertTrue(c.isClosed());
        assertEquals(1, set.size());
        set.close();
    }

    /** A value posted with Arrival.post that the channel's close beats stays the poster's: the close event, then taken() is 0. */
    @EachConfig
    void arrivalPostThenCloseBeforeTakenReportsTakenZero(Config config) throws Exception {
        Pairs p = new Pairs(config, 2);
        p.peer(0).post(null);
        Selector<String, String> set = Selector.of(p.members);
        Arrival<String, String> a = set.select();
        a.post("never taken");
        p.peer(0).close();
        Arrival<String, String> c = set.select();
        assertEquals(0, c.index());
        assertTrue(c.isClosed());
        assertEquals(0, p.member(0).taken(), "the posted value was not taken");
        assertThrows(ChannelClosedException.class, p.peer(0)::receive);
        set.close();
    }

    // ---------------------------------------------------------------- batches

    /** A batch sent into a fan-in member arrives one item per select, in order, beside a producer of single values. */
    @EachConfig
    void batchItemsArriveOnePerSelect(Config config) throws Exception {
        Channel<String, String> batchCh = config.channel();
        Channel<String, String> singleCh = config.channel();
        Peer<Void> batcher = config.start("batcher", () -> {
            try (Endpoint<String, String> out = batchCh.second()) {
                out.sendAll(new String[] {"b0", "b1", "b2", "b3", "b4"}, 0, 5);
                out.send("b5");
            }
            return null;
        });
        Peer<Void> single = config.start("single", () -> {
            try (Endpoint<String, String> out = singleCh.second()) {
                for (int i = 0; i < 4; i++) {
                    out.send("s" + i);
                }
            }
            return null;
        });
        Selector<String, String> set = Selector.fanIn(batchCh.first(), singleCh.first());
        List<String> fromBatcher = new ArrayList<>();
        List<String> fromSingle = new ArrayList<>();
        int selects = 0;
        int closes = 0;
        while (set.size() > 0) {
            Arrival<String, String> a = set.select();
            selects++;
            if (a.isClosed()) {
                closes++;
            } else {
                (a.index() == 0 ? fromBatcher : fromSingle).add(a.value());
            }
        }
        assertEquals(List.of("b0", "b1", "b2", "b3", "b4", "b5"), fromBatcher);
        assertEquals(List.of("s0", "s1", "s2", "s3"), fromSingle);
        assertEquals(2, closes);
        assertEquals(6 + 4 + 2, selects, "one item or close per select");
        batcher.join();
        single.join();
    }

    /**
     * In a fair set, a batch's items arrive one per select without posts; post is refused while
     * the member is taking the batch (after its last item too: the member learns that the batch is
     * over at its next look), and that look answers the batch with a request by itself, as
     * receive() does, so the sender's next value is the next arrival.
     */
    @EachConfig
    void batchInAFairSetIsAnsweredByTheSet(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        AtomicBoolean returned = new AtomicBoolean();
        Peer<String> batcher = config.start("batcher", () -> {
            ch.second().sendAll(new String[] {"x", "y", "z"}, 0, 3);
            returned.set(true);
            return ch.second().send("after");
        });
        try (Selector<String, String> set = Selector.of(ch.first())) {
            for (String expected : List.of("x", "y", "z")) {
                Arrival<String, String> item = set.select();
                assertEquals(expected, value(item));
                assertThrows(IllegalStateException.class, () -> item.post("not null"), "a batch is one-way");
                assertThrows(IllegalStateException.class, () -> item.post(null), "taking a batch");
            }
            Probe.awaitWaitingInChannel(batcher.thread());
            assertFalse(returned.get(), "sendAll returns when the batch is answered");
            Arrival<String, String> b = set.select();
            assertEquals("after", value(b));
            assertTrue(returned.get(), "the select answered the batch");
            b.post("reply");
        }
        assertEquals("reply", batcher.join());
    }

    // ---------------------------------------------------------------- scale

    /**
     * A select over 1,000 members of which one is ready returns that one, every time. (That it
     * does not look at the other 999 is not asserted: the core has no counter of looks.)
     */
    @EachConfig
    void aThousandMembersOneReady(Config config) throws Exception {
        int n = 1000;
        Pairs p = new Pairs(config, n);
        try (Selector<String, String> set = Selector.of(p.members)) {
            assertThrows(TimeoutException.class, () -> set.select(Duration.ZERO));
            int[] order = ThreadLocalRandom.current().ints(50, 0, n).toArray();
            for (int k : order) {
                p.peer(k).post(null);
                Arrival<String, String> a = set.select();
                assertEquals(k, a.index());
                assertSame(p.member(k), a.endpoint());
                assertThrows(TimeoutException.class, () -> set.select(Duration.ZERO), "only one was ready");
                a.post("ok " + k);
                assertEquals("ok " + k, p.peer(k).receive());
                // the peer now holds the turn again, ready to post its next value
                assertFalse(p.peer(k).isReplyPending());
            }
        }
    }

    /** A server thread selecting over 1,000 members (first() endpoints, started by the set) answers clients on other threads exactly. */
    @EachConfig
    void aThousandMembersServeClientsOnThreads(Config config) throws Exception {
        int n = 1000;
        int clients = 4;
        int calls = config.rounds(100, 2_000);
        List<Endpoint<String, String>> members = new ArrayList<>();
        List<Endpoint<String, String>> connections = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Channel<String, String> ch = config.channel();
            members.add(ch.first());
            connections.add(ch.second());
        }
        List<Peer<Void>> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int id = c;
            threads.add(config.start("client-" + c, () -> {
                for (int i = 0; i < calls; i++) { // each client owns the connections k with k % clients == id
                    int k = id + clients * ThreadLocalRandom.current().nextInt(n / clients);
                    assertEquals(k + ":" + i + "!", connections.get(k).send(k + ":" + i));
                }
                return null;
            }));
        }
        int answered = 0;
        try (Selector<String, String> set = Selector.of(members)) {
            while (answered < clients * calls) {
                Arrival<String, String> a = set.select();
                String v = value(a);
                assertTrue(v.startsWith(a.index() + ":"), v);
                a.post(v + "!");
                answered++;
            }
        }
        for (Peer<Void> t : threads) {
            t.join();
        }
    }

    // ---------------------------------------------------------------- scopes

    /** close() releases the members: direct calls work again, their channels stay open, and later selects are refused. */
    @EachConfig
    void closeReleasesTheMembers(Config config) throws Exception {
        Pairs p = new Pairs(config, 2);
        Selector<String, String> set = Selector.of(p.members);
        p.peer(0).post(null);
        Arrival<String, String> a = set.select();
        a.post("pending");
        set.close();
        set.close(); // again: nothing
        assertThrows(IllegalStateException.class, set::select);
        assertThrows(IllegalStateException.class, () -> a.post("x"));
        assertFalse(p.member(0).isClosed());
        assertTrue(p.member(0).isReplyPending(), "a posted reply stays pending after close()");
        assertEquals("pending", p.peer(0).receive());
        p.peer(0).post("answer");
        assertEquals("answer", p.member(0).receive());
        p.peer(1).post(null);
        p.member(1).start(); // the member the set never looked at works directly too: it takes the start signal
        p.member(1).post("first value");
        assertEquals("first value", p.peer(1).receive());
        p.peer(1).post("back");
        assertEquals("back", p.member(1).receive());
        try (Selector<String, String> again = Selector.of(p.members)) { // can join a new set
            assertThrows(IllegalStateException.class, again::select, "both members hold the turn");
        }
    }

    /** closeMembers() closes every member's channel: the other ends see the close. */
    @EachConfig
    void closeMembersClosesEveryChannel(Config config) throws Exception {
        Pairs p = new Pairs(config, 3);
        Peer<String> blocked = config.start("peer-2", () -> p.peer(2).receive());
        Selector<String, String> set = Selector.of(p.members);
        Probe.awaitWaitingInChannel(blocked.thread());
        set.closeMembers();
        for (int i = 0; i < 3; i++) {
            assertTrue(p.peer(i).isClosed(), "channel " + i);
        }
        assertTrue(blocked.failure(Peer.PROMPTLY) instanceof ChannelClosedException);
        assertThrows(IllegalStateException.class, set::select);
    }

    /** open(body) closes every member's channel when the body ends, normally or by an exception. */
    @EachConfig
    void openClosesTheMembersHoweverTheBodyEnds(Config config) throws Exception {
        Pairs p = new Pairs(config, 2);
        p.peer(0).post(null);
        Selector.of(p.members).open(set -> {
            Arrival<String, String> a = set.select();
            assertEquals(0, a.index());
            a.post("last");
        });
        assertTrue(p.peer(0).isClosed());
        assertTrue(p.peer(1).isClosed());
        assertThrows(ChannelClosedException.class, p.peer(0)::receive, "posted, not taken before the close");
        assertEquals(0, p.member(0).taken(), "the posted value stays the poster's");

        Pairs q = new Pairs(config, 1);
        IllegalStateException oops = new IllegalStateException("oops");
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> Selector.of(q.members).open(set -> {
                    throw oops;
                }));
        assertSame(oops, thrown);
        assertTrue(q.peer(0).isClosed());
    }

    // ---------------------------------------------------------------- wait strategies

    /** A select waits with the first member's channel's strategy: explicit spin-then-park budgets work, including zero spins. */
    @Test
    void everyWaitStrategyServesAFanIn() throws Exception {
        List<WaitStrategy> strategies = List.of(WaitStrategy.spinThenPark(), WaitStrategy.spinThenPark(0, 0, 0),
                WaitStrategy.spinThenPark(10, 2, 1), WaitStrategy.park(), WaitStrategy.busySpin());
        for (WaitStrategy s : strategies) {
            for (boolean virtual : new boolean[] {false, true}) {
                Config config = new Config(s + (virtual ? "/virtual" : "/platform"), s, virtual);
                List<Endpoint<String, String>> ends = new ArrayList<>();
                List<Peer<Void>> producers = new ArrayList<>();
                List<Channel<String, String>> channels = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    Channel<String, String> ch = Channels.create(s);
                    channels.add(ch);
                    ends.add(ch.first());
                    int id = i;
                    producers.add(config.start("producer-" + i, () -> {
                        try (Endpoint<String, String> out = ch.second()) {
                            for (int k = 0; k < 50; k++) {
                                out.send(id + ":" + k);
                            }
                        }
                        return null;
                    }));
                }
                try {
                    int[] next = new int[2];
                    Selector<String, String> set = Selector.fanIn(ends);
                    while (true) {
                        String v;
                        try {
                            v = set.receive();
                        } catch (ChannelClosedException end) {
                            break;
                        }
                        int id = v.charAt(0) - '0';
                        assertEquals(id + ":" + next[id]++, v, config.name());
                    }
                    assertEquals(50, next[0], config.name());
                    assertEquals(50, next[1], config.name());
                    for (Peer<Void> pr : producers) {
                        pr.join();
                    }
                } finally {
                    channels.forEach(c -> c.first().close());
                }
            }
        }
    }
}
