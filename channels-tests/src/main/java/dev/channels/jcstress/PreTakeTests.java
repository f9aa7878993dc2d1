package dev.channels.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.channels.Channel;
import dev.channels.ChannelClosedException;
import dev.channels.Endpoint;
import dev.channels.WaitStrategy;
import dev.channels.jcstress.Fixtures.Box;
import dev.channels.jcstress.Fixtures.InterruptHandshake;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LL_Result;

/**
 * Subject: the pre-take (ADR 0010). An untimed {@code receive()} commits its take count to the
 * other end's next value before the value arrives, and gives the commitment back when it is
 * interrupted first. The depositor learns whether its value went over by claiming that count (a
 * polling {@code send}, or the close that follows a {@code post}); the waiter gives back, then
 * looks at the slot once more and takes what arrived meanwhile, from the slot or from the close's
 * state. Whatever the order, both ends must agree: the depositor reports its value taken exactly
 * when the waiter got it (in the interrupted call, or by the poll that follows it).
 */
public class PreTakeTests {
    private PreTakeTests() {
    }

    /** What both scenarios share: a started channel (the default strategy) and the interrupt handshake. */
    abstract static class Waiting {
        final Channel<Object, Object> ch = Fixtures.started(WaitStrategy.spinThenPark());
        final InterruptHandshake h = new InterruptHandshake();
    }

    /** The waiter: an untimed receive() that the other actor interrupts, then a poll. */
    static String waiter(Endpoint<Object, Object> first, InterruptHandshake h) {
        h.publish();
        String seen;
        try {
            seen = "got-" + Fixtures.field(first.receive());
        } catch (InterruptedException e) {
            seen = Thread.currentThread().isInterrupted() ? "interrupted-flag-not-cleared" : "interrupted";
            try {
                seen += "+poll-got-" + Fixtures.field(first.receive(Duration.ZERO));
            } catch (TimeoutException t) {
                seen += "+poll-nothing";
            } catch (ChannelClosedException c) {
                seen += "+poll-closed";
            } catch (InterruptedException | RuntimeException x) {
                seen += "+poll-failed-" + x;
            }
        } catch (ChannelClosedException e) {
            seen = "closed";
        } catch (RuntimeException e) {
            seen = "failed-" + e;
        }
        h.awaitSentAndClear();
        return seen;
    }

    @JCStressTest
    @Description("an interrupted pre-taken receive() against a polling send(v, ZERO), whose withdrawal claims the count")
    @Outcome(id = "got-1, timeout-taken", expect = ACCEPTABLE,
            desc = "v arrived while the pre-take held (or was taken after it was given back): the sender's claim fails")
    @Outcome(id = "interrupted\\+poll-got-1, timeout-taken", expect = ACCEPTABLE,
            desc = "the interrupt came first; the poll took v by CAS before the sender's claim")
    @Outcome(id = "interrupted\\+poll-nothing, timeout-not-taken", expect = ACCEPTABLE,
            desc = "the pre-take was given back before v arrived: the sender withdrew v")
    @Outcome(expect = FORBIDDEN, desc = "v lost or taken twice: the two ends disagree")
    @State
    public static class WaiterInterruptVsPollingSend extends Waiting {
        @Actor
        public void waiter(LL_Result r) {
            r.r1 = PreTakeTests.waiter(ch.first(), h);
        }

        @Actor
        public void sender(LL_Result r) {
            Endpoint<Object, Object> second = ch.second();
            h.interruptTarget();
            String path;
            try {
                second.send(Box.of(1), Duration.ZERO);
                path = "answered"; // the waiter never answers
            } catch (TimeoutException e) {
                boolean pending = second.isReplyPending();
                int taken = second.taken();
                path = pending && taken == 1 ? "timeout-taken"
                        : !pending && taken == 0 ? "timeout-not-taken"
                        : "timeout-inconsistent-taken-" + taken + "-pending-" + pending;
            } catch (InterruptedException | RuntimeException e) {
                path = "failed-" + e;
            }
            r.r2 = path;
        }
    }

    @JCStressTest
    @Description("an interrupted pre-taken receive() against post(v) and close(): the close's state holds v, and the"
            + " poster learns from its next call whether v went over")
    @Outcome(id = "got-1, closed-taken-1", expect = ACCEPTABLE,
            desc = "v arrived while the pre-take held, or was taken from the slot or the close's state after it was given back")
    @Outcome(id = "interrupted\\+poll-got-1, closed-taken-1", expect = ACCEPTABLE,
            desc = "the interrupt came first; the poll took v before the close")
    @Outcome(id = "(interrupted\\+poll-nothing|interrupted\\+poll-closed|closed), closed-taken-0", expect = ACCEPTABLE,
            desc = "v was not taken before the close: it stays the poster's")
    @Outcome(expect = FORBIDDEN, desc = "v lost or taken twice: the two ends disagree")
    @State
    public static class WaiterInterruptVsPostAndClose extends Waiting {
        @Actor
        public void waiter(LL_Result r) {
            r.r1 = PreTakeTests.waiter(ch.first(), h);
        }

        @Actor
        public void poster(LL_Result r) {
            Endpoint<Object, Object> second = ch.second();
            h.interruptTarget();
            String path;
            try {
                second.post(Box.of(1));
                second.close();
                second.receive();
                path = "received-after-close";
            } catch (ChannelClosedException e) {
                path = Fixtures.closed(second);
            } catch (InterruptedException | RuntimeException e) {
                path = "failed-" + e;
            }
            r.r2 = path;
        }
    }
}
