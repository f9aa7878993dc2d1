package dev.channels.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.channels.Channel;
import dev.channels.ChannelClosedException;
import dev.channels.Endpoint;
import dev.channels.WaitStrategy;
import dev.channels.jcstress.Fixtures.Box;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LL_Result;
import org.openjdk.jcstress.infra.results.ZZ_Result;

/**
 * Subject: close against send and receive. A close races a deposit, a take and a retraction on
 * the one slot; exactly one of them wins, and both ends agree on the result: a value the receiver
 * got is reported taken at the sender ({@code taken() == 1}); a value the close replaced is
 * reported not taken (it is still the sender's). "Taken but not received" is a lost value, "received
 * but not taken" a duplicate (the sender would send it again).
 *
 * <p>The channels wait with {@code park()}, so every blocked call really parks and the close has
 * to wake it.
 */
public class CloseTests {
    private CloseTests() {
    }

    /** The shared table: (what the sender's call reported, what the receiver's call got). */
    @Outcome(id = "closed-taken-1, got-v", expect = ACCEPTABLE,
            desc = "the receiver took v; the close then ended the sender's wait for an answer")
    @Outcome(id = "closed-taken-0, timed-out", expect = ACCEPTABLE,
            desc = "the close came first (before the deposit, or replacing it): v is still the sender's")
    @Outcome(id = "timed-out-taken-pending, got-v", expect = ACCEPTABLE,
            desc = "the receiver took v before the sender gave up: the sender's reply is pending")
    @Outcome(id = "timed-out-not-taken, closed", expect = ACCEPTABLE,
            desc = "the sender took v back before the receiver took it; the close ended the receiver's wait")
    @Outcome(id = "timed-out-not-taken, timed-out", expect = ACCEPTABLE,
            desc = "the sender took v back before the receiver's poll, which found nothing")
    @Outcome(expect = FORBIDDEN, desc = "a value lost or duplicated: both ends disagree on whether v went over")
    public static class SendReceiveOutcomes {
        private SendReceiveOutcomes() {
        }
    }

    /**
     * The sender blocks in {@code send(v)}; the receiver polls once and closes, racing the
     * sender's deposit and its wait for the answer.
     */
    @JCStressTest
    @JCStressMeta(SendReceiveOutcomes.class)
    @Description("close against send: a blocked send(v) against a receiver that polls once, then closes")
    @State
    public static class CloseVsSend {
        final Channel<Object, Object> ch = Fixtures.started(WaitStrategy.park());

        @Actor
        public void sender(LL_Result r) {
            Endpoint<Object, Object> second = ch.second();
            try {
                second.send(Box.of(1));
                r.r1 = "answered";
            } catch (ChannelClosedException e) {
                r.r1 = Fixtures.closed(second);
            } catch (InterruptedException | RuntimeException e) {
                r.r1 = e.toString();
            }
        }

        @Actor
        public void receiverThenCloser(LL_Result r) {
            Endpoint<Object, Object> first = ch.first();
            try {
                r.r2 = "1".equals(Fixtures.field(first.receive(Duration.ZERO))) ? "got-v" : "got-other";
            } catch (TimeoutException e) {
                r.r2 = "timed-out";
            } catch (InterruptedException | RuntimeException e) {
                r.r2 = e.toString();
            } finally {
                first.close();
            }
        }
    }

    /**
     * The sender hands v over with a zero timeout, so it takes v back unless the receiver was
     * quicker; the receiver polls once and closes: the sender's retraction races both the take
     * and the close.
     */
    @JCStressTest
    @JCStressMeta(SendReceiveOutcomes.class)
    @Description("close against a timed send: retraction, take and close on one slot")
    @State
    public static class CloseVsTimedSend {
        final Channel<Object, Object> ch = Fixtures.started(WaitStrategy.park());

        @Actor
        public void sender(LL_Result r) {
            Endpoint<Object, Object> second = ch.second();
            try {
                second.send(Box.of(1), Duration.ZERO);
                r.r1 = "answered";
            } catch (TimeoutException e) {
                r.r1 = timedOut(second);
            } catch (ChannelClosedException e) {
                r.r1 = Fixtures.closed(second);
            } catch (InterruptedException | RuntimeException e) {
                r.r1 = e.toString();
            }
        }

        @Actor
        public void receiverThenCloser(LL_Result r) {
            Endpoint<Object, Object> first = ch.first();
            try {
                r.r2 = "1".equals(Fixtures.field(first.receive(Duration.ZERO))) ? "got-v" : "got-other";
            } catch (TimeoutException e) {
                r.r2 = "timed-out";
            } catch (InterruptedException | RuntimeException e) {
                r.r2 = e.toString();
            } finally {
                first.close();
            }
        }
    }

    /** The sender's view after a TimeoutException: taken() and isReplyPending() must agree. */
    static String timedOut(Endpoint<?, ?> sender) {
        boolean pending = sender.isReplyPending();
        int taken = sender.taken();
        return pending && taken == 1 ? "timed-out-taken-pending"
                : !pending && taken == 0 ? "timed-out-not-taken"
                : "timed-out-inconsistent-taken-" + taken + "-pending-" + pending;
    }

    /**
     * The receiver blocks in {@code receive()}; the sender hands v over with a zero timeout (so
     * it takes v back unless the receiver was quicker) and then closes.
     */
    @JCStressTest
    @JCStressMeta(SendReceiveOutcomes.class)
    @Description("close against receive: a blocked receive() against a sender that polls once, then closes")
    @State
    public static class CloseVsReceive {
        final Channel<Object, Object> ch = Fixtures.started(WaitStrategy.park());

        @Actor
        public void senderThenCloser(LL_Result r) {
            Endpoint<Object, Object> second = ch.second();
            try {
                second.send(Box.of(1), Duration.ZERO);
                r.r1 = "answered";
            } catch (TimeoutException e) {
                r.r1 = timedOut(second);
            } catch (InterruptedException | RuntimeException e) {
                r.r1 = e.toString();
            } finally {
                second.close();
            }
        }

        @Actor
        public void receiver(LL_Result r) {
            Endpoint<Object, Object> first = ch.first();
            try {
                r.r2 = "1".equals(Fixtures.field(first.receive())) ? "got-v" : "got-other";
            } catch (ChannelClosedException e) {
                r.r2 = "closed";
            } catch (InterruptedException | RuntimeException e) {
                r.r2 = e.toString();
            }
        }
    }

    /**
     * Both ends close at once, with different causes: the first close wins, and every later call
     * on either end reports that one close.
     */
    @JCStressTest
    @Outcome(id = "A-by-second, A-by-second", expect = ACCEPTABLE, desc = "the second endpoint's close (cause A) won")
    @Outcome(id = "B-by-first, B-by-first", expect = ACCEPTABLE, desc = "the first endpoint's close (cause B) won")
    @Outcome(expect = FORBIDDEN, desc = "the two ends disagree about which close won")
    @Description("close against close: the first close wins at both ends")
    @State
    public static class CloseVsClose {
        static final Exception A = new Exception("A");
        static final Exception B = new Exception("B");
        final Channel<Object, Object> ch = Fixtures.started(WaitStrategy.park());

        @Actor
        public void closeSecond() {
            ch.second().close(A);
        }

        @Actor
        public void closeFirst() {
            ch.first().close(B);
        }

        @Arbiter
        public void arbiter(LL_Result r) {
            r.r1 = seen(ch.first(), true);
            r.r2 = seen(ch.second(), false);
        }

        private static String seen(Endpoint<Object, Object> e, boolean isFirst) {
            try {
                e.receive(Duration.ZERO);
                return "open";
            } catch (ChannelClosedException c) {
                boolean byFirst = isFirst != c.isClosedByOtherEnd();
                return (c.getCause() == null ? "none" : c.getCause().getMessage()) + (byFirst ? "-by-first" : "-by-second");
            } catch (TimeoutException | InterruptedException | RuntimeException x) {
                return x.toString();
            }
        }
    }

    /**
     * Both ends close at once, and each then asks its own end whether the channel is closed. The
     * first close claims the close state, then swaps it into the slot; the other close must not
     * return before the swap, or a call right after it could still hand a value over.
     */
    @JCStressTest
    @Outcome(id = "true, true", expect = ACCEPTABLE, desc = "each close returned with the channel closed")
    @Outcome(expect = FORBIDDEN, desc = "a close returned while the channel was still open")
    @Description("close against close: neither close returns before the channel is closed")
    @State
    public static class CloseVsCloseThenCall {
        final Channel<Object, Object> ch = Fixtures.started(WaitStrategy.park());

        @Actor
        public void closeSecond(ZZ_Result r) {
            ch.second().close();
            r.r1 = ch.second().isClosed();
        }

        @Actor
        public void closeFirst(ZZ_Result r) {
            ch.first().close();
            r.r2 = ch.first().isClosed();
        }
    }
}
