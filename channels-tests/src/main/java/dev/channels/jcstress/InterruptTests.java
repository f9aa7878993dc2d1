package dev.channels.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.channels.Channel;
import dev.channels.ChannelClosedException;
import dev.channels.Endpoint;
import dev.channels.WaitStrategy;
import dev.channels.jcstress.Fixtures.Box;
import dev.channels.jcstress.Fixtures.InterruptHandshake;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LL_Result;

/**
 * Subject: interrupt against handover. The sender is interrupted while its value may be taken at
 * any moment; the call is all-or-nothing and says which: {@code InterruptedException} with the
 * status cleared and either "not taken" (the value is still the sender's: send it again) or
 * "taken, reply pending" (receive the answer), or a normal return with the status kept when the
 * answer won. The sender then resumes as the Endpoint Javadoc says, and the conversation must go
 * on exactly: the receiver gets v once, the sender gets the answer w, and the final close reports
 * w taken.
 */
public class InterruptTests {
    private InterruptTests() {
    }

    /** The shared table: (the sender's path + what its resumed call got, the receiver's view). */
    @Outcome(id = "interrupted-not-taken\\+got-w, got-v\\+closed-taken-1", expect = ACCEPTABLE,
            desc = "the interrupt won before the take (or before the call): v was still the sender's, sent again")
    @Outcome(id = "interrupted-pending\\+got-w, got-v\\+closed-taken-1", expect = ACCEPTABLE,
            desc = "v was taken, then the interrupt ended the wait for the answer; receive() got it")
    @Outcome(id = "answered-flag-kept\\+got-w, got-v\\+closed-taken-1", expect = ACCEPTABLE,
            desc = "the answer arrived before the interrupt was acted on: normal return, interrupt status kept")
    @Outcome(expect = FORBIDDEN, desc = "a value lost or duplicated, an interrupt lost or not cleared, or taken()"
            + " and isReplyPending() disagreeing")
    public static class Outcomes {
        private Outcomes() {
        }
    }

    static void sender(Channel<Object, Object> ch, InterruptHandshake h, LL_Result r) {
        Endpoint<Object, Object> second = ch.second();
        h.publish();
        String path;
        try {
            Object reply;
            try {
                reply = second.send(Box.of(1));
                path = Thread.currentThread().isInterrupted() ? "answered-flag-kept" : "answered-flag-lost";
            } catch (InterruptedException e) {
                boolean pending = second.isReplyPending();
                int taken = second.taken();
                if (Thread.currentThread().isInterrupted()) {
                    path = "interrupted-flag-not-cleared";
                    reply = null;
                } else if (pending && taken == 1) {
                    path = "interrupted-pending";
                    reply = second.receive();
                } else if (!pending && taken == 0) {
                    path = "interrupted-not-taken";
                    reply = second.send(Box.of(1));
                } else {
                    path = "interrupted-inconsistent-taken-" + taken + "-pending-" + pending;
                    reply = null;
                }
            }
            path += "2".equals(Fixtures.field(reply)) ? "+got-w" : "+got-" + Fixtures.field(reply);
        } catch (InterruptedException | RuntimeException e) {
            path = "failed-" + e;
        } finally {
            second.close(); // ends the receiver's send(w)
        }
        h.awaitSentAndClear();
        r.r1 = path;
    }

    static void receiver(Channel<Object, Object> ch, InterruptHandshake h, LL_Result r) {
        Endpoint<Object, Object> first = ch.first();
        h.interruptTarget();
        String seen = "";
        try {
            Object x = first.receive();
            seen = "1".equals(Fixtures.field(x)) ? "got-v" : "got-" + Fixtures.field(x);
            first.send(Box.of(2));
            seen += "+answered";
        } catch (ChannelClosedException e) {
            seen += seen.isEmpty() ? "closed-before-v" : "+" + Fixtures.closed(first);
        } catch (InterruptedException | RuntimeException e) {
            seen += "+failed-" + e;
        }
        r.r2 = seen;
    }

    @JCStressTest
    @JCStressMeta(Outcomes.class)
    @Description("interrupt against handover, default strategy (the interrupt lands while spinning or parked)")
    @State
    public static class InterruptVsTake {
        final Channel<Object, Object> ch = Fixtures.started(WaitStrategy.spinThenPark());
        final InterruptHandshake h = new InterruptHandshake();

        @Actor
        public void sender(LL_Result r) {
            InterruptTests.sender(ch, h, r);
        }

        @Actor
        public void receiver(LL_Result r) {
            InterruptTests.receiver(ch, h, r);
        }
    }

    @JCStressTest
    @JCStressMeta(Outcomes.class)
    @Description("interrupt against handover, park strategy (the interrupt unparks the sender)")
    @State
    public static class InterruptVsTakeParked {
        final Channel<Object, Object> ch = Fixtures.started(WaitStrategy.park());
        final InterruptHandshake h = new InterruptHandshake();

        @Actor
        public void sender(LL_Result r) {
            InterruptTests.sender(ch, h, r);
        }

        @Actor
        public void receiver(LL_Result r) {
            InterruptTests.receiver(ch, h, r);
        }
    }
}
