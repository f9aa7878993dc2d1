package dev.channels.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.channels.Arrival;
import dev.channels.Channel;
import dev.channels.ChannelClosedException;
import dev.channels.Channels;
import dev.channels.Endpoint;
import dev.channels.Selector;
import dev.channels.WaitStrategy;
import dev.channels.jcstress.Fixtures.Box;
import dev.channels.jcstress.Fixtures.InterruptHandshake;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLL_Result;
import org.openjdk.jcstress.infra.results.LL_Result;
import org.openjdk.jcstress.infra.results.L_Result;

/**
 * Subject: alternation ({@link Selector}) and the hand-over without waiting ({@code post}). A
 * member's other end deposits into the slot and signals the member (Treiber push, unpark); the
 * selector drains the signals, clears each member's queued flag before it looks at the slot, and
 * takes an arrival with the endpoint's own take-count CAS, exactly as a receive does. These
 * scenarios race that take against a close, a second member's deposit, the select's own timeout
 * or interrupt (and a fan-in's withdrawal of the request it posted itself), and a parked
 * selector against the signal that must wake it.
 *
 * <p>The books, in every scenario: a value the select returned is reported taken at its sender
 * ({@code taken() == 1}); a select that threw (timeout, interrupt) took nothing, so the value is
 * still there for a later select, or its sender took it back ({@code taken() == 0}); a close
 * reported as the member's event leaves an untaken value the sender's. "Taken but never returned"
 * is a lost value, "returned but reported not taken" (or returned twice) a duplicate.
 *
 * <p>Waits that could hang on a lost signal are timed with {@link #GENEROUS} (seconds), so a lost
 * signal shows as a FORBIDDEN outcome ({@code timed-out}, or {@code late}: the select returned
 * only when its timed park ran out, the signal pushed but the unpark lost) rather than a hang.
 * jcstress runs at most as many actors as CPUs (two in CI), so each scenario has two actors and,
 * where the books need a last look, an arbiter.
 */
public class SelectTests {
    private SelectTests() {
    }

    /** Below the core's 10 us spin-for-timeout threshold: a timed select spins, samples stay fast. */
    static final Duration SHORT = Duration.ofNanos(2_000);

    /** The bound on a wait that a correct wake-up always ends in microseconds. */
    static final Duration GENEROUS = Duration.ofSeconds(4);

    /** A select that took longer than this returned only because its timed park ran out. */
    static final long LATE_NANOS = TimeUnit.SECONDS.toNanos(2);

    /** What a select returned: {@code got-N} (a Box's field), {@code closed-event}, or the exception's name. */
    static String selected(Selector<Object, Object> s, Duration timeout) {
        long t0 = System.nanoTime();
        try {
            Arrival<Object, Object> a = timeout == null ? s.select() : s.select(timeout);
            String what = a.isClosed() ? "closed-event" : "got-" + Fixtures.field(a.value());
            return System.nanoTime() - t0 > LATE_NANOS ? what + "-late" : what;
        } catch (TimeoutException e) {
            return "timed-out";
        } catch (InterruptedException e) {
            return "interrupted";
        } catch (IllegalStateException e) {
            return e.getMessage().startsWith("nothing can arrive") ? "turn-held" : "misuse-" + e.getMessage();
        } catch (RuntimeException e) {
            return e.toString();
        }
    }

    /** The sender's view after a TimeoutException or InterruptedException: taken() and isReplyPending() agree. */
    static String cutShort(String how, Endpoint<?, ?> sender) {
        boolean pending = sender.isReplyPending();
        int taken = sender.taken();
        return pending && taken == 1 ? how + "-taken-pending"
                : !pending && taken == 0 ? how + "-not-taken"
                : how + "-inconsistent-taken-" + taken + "-pending-" + pending;
    }

    /** A started channel whose first endpoint is the only member of a fair set. */
    static Selector<Object, Object> fairOverFirst(Channel<Object, Object> ch) {
        return Selector.of(ch.first());
    }

    // ------------------------------------------------------------------ take against close

    /**
     * The producer posts v (a hand-over without waiting), closes its channel and then calls
     * {@code receive()}, which reports the close and, through {@code taken()}, whether v went
     * over; the selector's blocking select races the close for v. (It does not select again: a
     * set whose only member holds the turn is a usage error, refused at once with
     * IllegalStateException, even if that member's close is on its way.)
     */
    @JCStressTest
    @Outcome(id = "posted\\+closed-taken-1, got-1", expect = ACCEPTABLE,
            desc = "the select took v before the close")
    @Outcome(id = "posted\\+closed-taken-0, closed-event", expect = ACCEPTABLE,
            desc = "the close replaced v before the select took it: v is still the producer's; the select reported the close")
    @Outcome(id = "posted\\+closed-taken-1, closed-event", expect = FORBIDDEN,
            desc = "LOST: the producer was told v went over, but no select returned it")
    @Outcome(id = "posted\\+closed-taken-0, got-1.*", expect = FORBIDDEN,
            desc = "DUPLICATED: the select returned v, but the producer was told it is still its own")
    @Outcome(expect = FORBIDDEN, desc = "anything else: a wrong value, a select that returned late or timed out (a lost signal)")
    @Description("a select's take against the producer's close of the member's channel, right after a post")
    @State
    public static class TakeVsClose {
        final Channel<Object, Object> ch = Fixtures.started(WaitStrategy.spinThenPark());
        final Selector<Object, Object> sel = fairOverFirst(ch);

        @Actor
        public void producer(LL_Result r) {
            Endpoint<Object, Object> out = ch.second();
            try {
                out.post(Box.of(1));
                out.close();
                out.receive();
                r.r1 = "posted+answered";
            } catch (ChannelClosedException e) {
                r.r1 = "posted+" + Fixtures.closed(out);
            } catch (InterruptedException | RuntimeException e) {
                r.r1 = e.toString();
            }
        }

        @Actor
        public void selector(LL_Result r) {
            r.r2 = selected(sel, GENEROUS);
        }
    }

    // ------------------------------------------------------------------ two members

    /** The shared table of the two-member scenarios: (first select, poll, the arbiter's poll). */
    @Outcome(id = "got-1, got-2, turn-held", expect = ACCEPTABLE,
            desc = "1 first, 2 at the poll; both members then hold the turn: nothing can arrive")
    @Outcome(id = "got-2, got-1, turn-held", expect = ACCEPTABLE,
            desc = "2 first (1 was not there at the select's first look), 1 at the poll")
    @Outcome(id = "got-1, timed-out, got-2", expect = ACCEPTABLE,
            desc = "1 first; 2 arrived after the poll; the arbiter's poll took it")
    @Outcome(id = "got-2, timed-out, got-1", expect = ACCEPTABLE_INTERESTING,
            desc = "2 first, and the poll missed 1: the contract allows it (a poll that times out took nothing, and"
                    + " 1 is still there for the arbiter), but it is not expected here, as 1's signal precedes 2's deposit")
    @Outcome(expect = FORBIDDEN, desc = "a value returned twice, lost (turn-held or timed-out with one untaken), or wrong")
    public static class TwoMembersOutcomes {
        private TwoMembersOutcomes() {
        }
    }

    static void postTwo(Channel<Object, Object> a, Channel<Object, Object> b) {
        try {
            a.second().post(Box.of(1));
            b.second().post(Box.of(2));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Two members' peers deposit (one thread, back to back, so both signals race the selector's
     * drain and looks); a blocking select takes exactly one, a poll right after it takes the other
     * or nothing, and the arbiter's poll takes what is left.
     */
    @JCStressTest
    @JCStressMeta(TwoMembersOutcomes.class)
    @Description("two members' deposits against a fair set's blocking select and a poll: each taken exactly once")
    @State
    public static class TwoMembers {
        final Channel<Object, Object> a = Fixtures.started(WaitStrategy.spinThenPark());
        final Channel<Object, Object> b = Fixtures.started(WaitStrategy.spinThenPark());
        final Selector<Object, Object> sel = Selector.of(a.first(), b.first());

        @Actor
        public void producers() {
            postTwo(a, b);
        }

        @Actor
        public void selector(LLL_Result r) {
            r.r1 = selected(sel, GENEROUS);
            r.r2 = selected(sel, Duration.ZERO);
        }

        @Arbiter
        public void arbiter(LLL_Result r) {
            r.r3 = selected(sel, Duration.ZERO);
        }
    }

    /** {@link TwoMembers} with a priority set (the ready bits instead of the fair queue) and parking waits. */
    @JCStressTest
    @JCStressMeta(TwoMembersOutcomes.class)
    @Description("two members' deposits against a priority set's blocking select (parked) and a poll")
    @State
    public static class TwoMembersPriority {
        final Channel<Object, Object> a = Fixtures.started(WaitStrategy.park());
        final Channel<Object, Object> b = Fixtures.started(WaitStrategy.park());
        final Selector<Object, Object> sel = Selector.priority(a.first(), b.first());

        @Actor
        public void producers() {
            postTwo(a, b);
        }

        @Actor
        public void selector(LLL_Result r) {
            r.r1 = selected(sel, GENEROUS);
            r.r2 = selected(sel, Duration.ZERO);
        }

        @Arbiter
        public void arbiter(LLL_Result r) {
            r.r3 = selected(sel, Duration.ZERO);
        }
    }

    // ------------------------------------------------------------------ timeouts

    /**
     * A select with a timeout of 2 us against a post: it returns v, or it times out having
     * taken nothing, and then v is still there for the arbiter's poll.
     */
    @JCStressTest
    @Outcome(id = "got-1, turn-held", expect = ACCEPTABLE,
            desc = "the select took v in time; the member then holds the turn: nothing can arrive")
    @Outcome(id = "timed-out, got-1", expect = ACCEPTABLE,
            desc = "the select timed out before v arrived; it took nothing, so the later poll takes v")
    @Outcome(id = "timed-out, timed-out", expect = FORBIDDEN, desc = "LOST: v was posted but no select returned it")
    @Outcome(id = "got-1, got-1", expect = FORBIDDEN, desc = "DUPLICATED: v returned twice")
    @Outcome(expect = FORBIDDEN, desc = "anything else")
    @Description("a timed select (2 us) against a post: either it returned v, or v is still there")
    @State
    public static class TimedSelectVsPost {
        final Channel<Object, Object> ch = Fixtures.started(WaitStrategy.spinThenPark());
        final Selector<Object, Object> sel = fairOverFirst(ch);

        @Actor
        public void producer() {
            try {
                ch.second().post(Box.of(1));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }

        @Actor
        public void selector(LL_Result r) {
            r.r1 = selected(sel, SHORT);
        }

        @Arbiter
        public void arbiter(LL_Result r) {
            r.r2 = selected(sel, Duration.ZERO);
        }
    }

    /**
     * A timed select against a timed send: both give up after 2 us. The sender's withdrawal
     * races the select's take; the select either returned v (the sender then reports it taken,
     * its reply pending) or took nothing (the sender took v back, or the select timed out before
     * it was deposited and the sender then withdrew it): the arbiter's poll finds nothing.
     */
    @JCStressTest
    @Outcome(id = "timed-out-taken-pending, got-1, turn-held", expect = ACCEPTABLE,
            desc = "the select took v before the sender's timeout; the sender's reply is pending")
    @Outcome(id = "timed-out-not-taken, timed-out, timed-out", expect = ACCEPTABLE,
            desc = "neither met the other in time: the sender took v back; nothing is left")
    @Outcome(id = "timed-out-taken-pending, timed-out, .*", expect = FORBIDDEN,
            desc = "LOST: v reported taken, but the select took nothing")
    @Outcome(id = "timed-out-not-taken, got-1, .*", expect = FORBIDDEN,
            desc = "DUPLICATED: the select returned v, but the sender took it back")
    @Outcome(expect = FORBIDDEN, desc = "anything else: v left in the slot after the sender's withdrawal, taken() and"
            + " isReplyPending() disagreeing")
    @Description("a timed select (2 us) against a timed send (2 us): take against withdrawal")
    @State
    public static class TimedSelectVsTimedSend {
        final Channel<Object, Object> ch = Fixtures.started(WaitStrategy.spinThenPark());
        final Selector<Object, Object> sel = fairOverFirst(ch);

        @Actor
        public void sender(LLL_Result r) {
            Endpoint<Object, Object> out = ch.second();
            try {
                out.send(Box.of(1), SHORT);
                r.r1 = "answered";
            } catch (TimeoutException e) {
                r.r1 = cutShort("timed-out", out);
            } catch (InterruptedException | RuntimeException e) {
                r.r1 = e.toString();
            }
        }

        @Actor
        public void selector(LLL_Result r) {
            r.r2 = selected(sel, SHORT);
        }

        @Arbiter
        public void arbiter(LLL_Result r) {
            r.r3 = selected(sel, Duration.ZERO);
        }
    }

    // ------------------------------------------------------------------ post against close

    /** The shared table of the post-against-close scenarios: (the poster's view, the other end's). */
    @Outcome(id = "posted\\+closed-taken-1, got-1", expect = ACCEPTABLE,
            desc = "the other end took v; its close then ended the poster's later wait, which reports v taken")
    @Outcome(id = "posted\\+closed-taken-0, timed-out", expect = ACCEPTABLE,
            desc = "the other end's poll came before v; its close replaced v, which is still the poster's")
    @Outcome(id = "closed-on-post-taken-0, timed-out", expect = ACCEPTABLE,
            desc = "the close came before the post: nothing was handed over")
    @Outcome(id = "posted\\+closed-taken-1, timed-out", expect = FORBIDDEN, desc = "LOST: v reported taken, never received")
    @Outcome(id = ".*taken-0, got-1", expect = FORBIDDEN, desc = "DUPLICATED: v received, but reported still the poster's")
    @Outcome(expect = FORBIDDEN, desc = "anything else")
    public static class PostCloseOutcomes {
        private PostCloseOutcomes() {
        }
    }

    /** The other end: one poll, then close. */
    static void pollThenClose(Endpoint<Object, Object> in, LL_Result r) {
        try {
            r.r2 = "got-" + Fixtures.field(in.receive(Duration.ZERO));
        } catch (TimeoutException e) {
            r.r2 = "timed-out";
        } catch (InterruptedException | RuntimeException e) {
            r.r2 = e.toString();
        } finally {
            in.close();
        }
    }

    /**
     * {@code Endpoint.post(v)} returns at once; the other end polls once and closes; the poster's
     * next {@code receive()} reports the close and whether v went over.
     */
    @JCStressTest
    @JCStressMeta(PostCloseOutcomes.class)
    @Description("Endpoint.post against a poll and a close: v taken, or still the poster's")
    @State
    public static class PostVsClose {
        final Channel<Object, Object> ch = Fixtures.started(WaitStrategy.park());

        @Actor
        public void poster(LL_Result r) {
            Endpoint<Object, Object> out = ch.second();
            try {
                out.post(Box.of(1));
            } catch (ChannelClosedException e) {
                r.r1 = "closed-on-post-taken-" + out.taken();
                return;
            } catch (InterruptedException | RuntimeException e) {
                r.r1 = e.toString();
                return;
            }
            try {
                out.receive();
                r.r1 = "posted+answered";
            } catch (ChannelClosedException e) {
                r.r1 = "posted+" + Fixtures.closed(out);
            } catch (InterruptedException | RuntimeException e) {
                r.r1 = e.toString();
            }
        }

        @Actor
        public void other(LL_Result r) {
            pollThenClose(ch.first(), r);
        }
    }

    /**
     * A dispatcher's set of one worker, whose start signal the set has taken: the worker holds the
     * other end of the channel, the dispatcher the member's {@code Arrival}.
     */
    abstract static class OneWorker {
        final Channel<Object, Object> ch = Channels.create(WaitStrategy.park());
        final Selector<Object, Object> sel;
        final Arrival<Object, Object> worker;

        OneWorker() {
            try {
                ch.first().start(); // the worker's start signal: the set's first arrival
                sel = Selector.of(ch.second());
                worker = sel.select();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /**
     * A dispatcher's {@code Arrival.post(v)} (a job to a worker, between selects) against the
     * worker's poll and close; the dispatcher's next select reports the close as the member's
     * event, and the member's {@code taken()} says whether v went over.
     */
    @JCStressTest
    @JCStressMeta(PostCloseOutcomes.class)
    @Description("Arrival.post (a dispatcher's job) against the worker's poll and close")
    @State
    public static class ArrivalPostVsClose extends OneWorker {
        @Actor
        public void dispatcher(LL_Result r) {
            try {
                worker.post(Box.of(1));
            } catch (ChannelClosedException e) {
                r.r1 = "closed-on-post-taken-" + worker.endpoint().taken();
                return;
            } catch (RuntimeException e) {
                r.r1 = e.toString();
                return;
            }
            String event = selected(sel, GENEROUS);
            r.r1 = event.equals("closed-event") ? "posted+closed-taken-" + worker.endpoint().taken() : "posted+" + event;
        }

        @Actor
        public void worker(LL_Result r) {
            pollThenClose(ch.first(), r);
        }
    }

    /**
     * {@code Arrival.send(v)}: the post and the next select in one call, against the worker's poll
     * and close. The outcomes are those of {@link ArrivalPostVsClose}: the select part can only
     * return the member's close event (the worker never answers), so the close comes out of the
     * same call that posted. A lost signal would hang the select (jcstress reports a stuck test).
     */
    @JCStressTest
    @JCStressMeta(PostCloseOutcomes.class)
    @Description("Arrival.send (post, then select, in one call) against the worker's poll and close")
    @State
    public static class ArrivalSendVsClose extends OneWorker {
        @Actor
        public void dispatcher(LL_Result r) {
            Arrival<Object, Object> next;
            try {
                next = worker.send(Box.of(1));
            } catch (ChannelClosedException e) {
                r.r1 = "closed-on-post-taken-" + worker.endpoint().taken();
                return;
            } catch (InterruptedException | RuntimeException e) {
                r.r1 = e.toString();
                return;
            }
            r.r1 = next.isClosed() ? "posted+closed-taken-" + worker.endpoint().taken()
                    : "posted+got-" + Fixtures.field(next.value());
        }

        @Actor
        public void worker(LL_Result r) {
            pollThenClose(ch.first(), r);
        }
    }

    // ------------------------------------------------------------------ lost wake-up

    /**
     * With {@code WaitStrategy.park()} the selector parks at once: it publishes itself, re-checks
     * its signal stack and parks, while the member's peer deposits, reads the member from the
     * waiter field, pushes it and unparks the selector. A lost signal (the push missed) would time
     * out; a lost unpark (pushed, but the selector parked anyway) would return only when the timed
     * park ran out: {@code got-1-late}.
     */
    @JCStressTest
    @Outcome(id = "got-1", expect = ACCEPTABLE, desc = "the deposit's signal woke (or never let park) the selector")
    @Outcome(id = "got-1-late", expect = FORBIDDEN, desc = "LOST UNPARK: the select returned only when its timed park ran out")
    @Outcome(id = "timed-out", expect = FORBIDDEN, desc = "LOST SIGNAL: the member was never queued")
    @Outcome(expect = FORBIDDEN, desc = "anything else")
    @Description("a parked select against a post: the signal must wake it")
    @State
    public static class ParkedSelectVsPost {
        final Channel<Object, Object> ch = Fixtures.started(WaitStrategy.park());
        final Selector<Object, Object> sel = fairOverFirst(ch);

        @Actor
        public void producer() {
            try {
                ch.second().post(Box.of(1));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }

        @Actor
        public void selector(L_Result r) {
            r.r1 = selected(sel, GENEROUS);
        }
    }

    /**
     * A fan-in over one producer, everything parked: the producer's {@code send(v)} waits for the
     * fan-in's request for more, which the fan-in posts only when its next select begins; then
     * the producer closes. Each side's wait must be woken by the other: the select by the
     * deposit of v, the sender by the request, the second select by the close.
     */
    @JCStressTest
    @Outcome(id = "asked, got-1\\+closed-event", expect = ACCEPTABLE,
            desc = "v went over, the next select asked for more (ending send(v) with the request, null), the close was its event")
    @Outcome(expect = FORBIDDEN, desc = "a lost wake-up (late or timed out), a lost request, or a wrong value")
    @Description("fan-in round trip, all parked: deposit wakes select, the request wakes send, the close wakes select")
    @State
    public static class ParkedFanInRoundTrip {
        final Channel<Object, Object> ch = Fixtures.started(WaitStrategy.park());
        final Selector<Object, Object> sel = Selector.fanIn(ch.first());

        @Actor
        public void producer(LL_Result r) {
            Endpoint<Object, Object> out = ch.second();
            try {
                Object answer = out.send(Box.of(1));
                r.r1 = answer == null ? "asked" : "answered-" + answer;
            } catch (InterruptedException | RuntimeException e) {
                r.r1 = e.toString();
            } finally {
                out.close();
            }
        }

        @Actor
        public void selector(LL_Result r) {
            String first = selected(sel, GENEROUS);
            r.r2 = first.startsWith("got-") ? first + "+" + selected(sel, GENEROUS) : first;
        }
    }

    // ------------------------------------------------------------------ fan-in: the select's own request

    /**
     * The shared table of the fan-in withdrawal scenarios: (producer, selector, arbiter's poll +
     * whether a request is left posted at the producer).
     */
    @Outcome(id = "asked\\+posted, got-1, timed-out\\+no-request", expect = ACCEPTABLE,
            desc = "the producer took the request and posted 1; the select returned it; the arbiter's poll asked"
                    + " again and withdrew its request")
    @Outcome(id = "asked\\+posted, (timed-out|interrupted), got-1\\+no-request", expect = ACCEPTABLE,
            desc = "the producer took the request (so the select could not withdraw it: a reply pending), but 1 came"
                    + " after the select gave up; the arbiter's poll took it")
    @Outcome(id = "timed-out, (timed-out|interrupted), timed-out\\+no-request", expect = ACCEPTABLE,
            desc = "the producer's wait ended before it took the request; the select gave up and withdrew it (as did"
                    + " the arbiter's poll, which asked again)")
    @Outcome(id = ".*leaked", expect = FORBIDDEN,
            desc = "a request outlived the select that posted it: the select threw, yet the producer finds it")
    @Outcome(id = "timed-out, got-1.*", expect = FORBIDDEN, desc = "a value that was never posted")
    @Outcome(expect = FORBIDDEN, desc = "anything else: 1 lost or returned twice")
    public static class AskOutcomes {
        private AskOutcomes() {
        }
    }

    /**
     * The producer of a fan-in that took v0 in setup (so its next select asks for more): waits
     * 2 us for that request and, if it comes, posts 1.
     */
    static void askProducer(Channel<Object, Object> ch, LLL_Result r) {
        Endpoint<Object, Object> out = ch.second();
        try {
            Object request = out.receive(SHORT);
            if (request != null) {
                r.r1 = "asked-with-" + request;
                return;
            }
            out.post(Box.of(1));
            r.r1 = "asked+posted";
        } catch (TimeoutException e) {
            r.r1 = "timed-out";
        } catch (InterruptedException | RuntimeException e) {
            r.r1 = e.toString();
        }
    }

    /**
     * The arbiter polls the set (which asks and, finding nothing, withdraws), then polls at the
     * producer: every select that asked has returned or thrown by now, so no request may be
     * left there (a returned select asks only at the next select's start).
     */
    static void askArbiter(Channel<Object, Object> ch, Selector<Object, Object> sel, LLL_Result r) {
        String polled = selected(sel, Duration.ZERO);
        try {
            ch.second().receive(Duration.ZERO);
            polled += "+leaked";
        } catch (TimeoutException e) {
            polled += "+no-request";
        } catch (InterruptedException | RuntimeException e) {
            polled += "+" + e;
        }
        r.r3 = polled;
    }

    static Selector<Object, Object> fanInAfterOneValue(Channel<Object, Object> ch) {
        Selector<Object, Object> sel = Selector.fanIn(ch.first());
        try {
            ch.second().post(Box.of(0));
            Arrival<Object, Object> a = sel.select();
            if (a.isClosed() || !"0".equals(Fixtures.field(a.value()))) {
                throw new AssertionError("setup: " + a);
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return sel;
    }

    /** The fan-in's select times out (2 us) while the producer takes its request: withdraw against take. */
    @JCStressTest
    @JCStressMeta(AskOutcomes.class)
    @Description("fan-in: a timed select's request for more, withdrawn on timeout, against the producer taking it")
    @State
    public static class FanInAskVsTimeout {
        final Channel<Object, Object> ch = Fixtures.started(WaitStrategy.spinThenPark());
        final Selector<Object, Object> sel = fanInAfterOneValue(ch);

        @Actor
        public void producer(LLL_Result r) {
            askProducer(ch, r);
        }

        @Actor
        public void selector(LLL_Result r) {
            r.r2 = selected(sel, SHORT);
        }

        @Arbiter
        public void arbiter(LLL_Result r) {
            askArbiter(ch, sel, r);
        }
    }

    /** As {@link FanInAskVsTimeout}, the select blocking and ended by the producer's interrupt. */
    @JCStressTest
    @JCStressMeta(AskOutcomes.class)
    @Description("fan-in: a blocking select's request for more, withdrawn on interrupt, against the producer taking it")
    @State
    public static class FanInAskVsInterrupt {
        final Channel<Object, Object> ch = Fixtures.started(WaitStrategy.spinThenPark());
        final Selector<Object, Object> sel = fanInAfterOneValue(ch);
        final InterruptHandshake h = new InterruptHandshake();

        @Actor
        public void producer(LLL_Result r) {
            askProducer(ch, r);
            h.interruptTarget();
        }

        @Actor
        public void selector(LLL_Result r) {
            h.publish();
            String s = selected(sel, GENEROUS);
            h.awaitSentAndClear();
            r.r2 = s;
        }

        @Arbiter
        public void arbiter(LLL_Result r) {
            askArbiter(ch, sel, r);
        }
    }
}
