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
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LL_Result;

/**
 * Subject: timeout against handover. Both ends use timeouts of a few microseconds, so the
 * sender's retraction races the receiver's take, and the receiver's own timeout races the
 * deposit. Each side then resumes as the Endpoint Javadoc says (send again if not taken, receive
 * the pending reply if taken; receive again after a timed-out receive), and the conversation must
 * go on exactly: v arrives once, the answer w arrives once, the final close reports w taken.
 */
public class TimeoutTests {
    private TimeoutTests() {
    }

    /** Below the core's 10 us spin-for-timeout threshold: the waits spin, so samples stay fast. */
    static final Duration SHORT = Duration.ofNanos(2_000);

    @JCStressTest
    @Outcome(id = "answered-in-time, got-v-in-time\\+closed-taken-1", expect = ACCEPTABLE,
            desc = "no timeout fired: v and its answer both went over in time")
    @Outcome(id = "answered-in-time, timed-out\\+got-v\\+closed-taken-1", expect = ACCEPTABLE,
            desc = "the receiver's timeout fired before v arrived; it received again and answered in the sender's time")
    @Outcome(id = "timed-out-pending\\+got-w, got-v-in-time\\+closed-taken-1", expect = ACCEPTABLE,
            desc = "v was taken, then the sender's timeout fired: the reply was pending, receive() got it")
    @Outcome(id = "timed-out-pending\\+got-w, timed-out\\+got-v\\+closed-taken-1", expect = ACCEPTABLE,
            desc = "both timeouts fired; v had been taken (by the receiver's second call)")
    @Outcome(id = "timed-out-not-taken\\+got-w, got-v-in-time\\+closed-taken-1", expect = ACCEPTABLE,
            desc = "the sender took v back before the take; sent again, it arrived within the receiver's timeout")
    @Outcome(id = "timed-out-not-taken\\+got-w, timed-out\\+got-v\\+closed-taken-1", expect = ACCEPTABLE,
            desc = "both timeouts fired before the take; v, sent again, arrived at the receiver's second call")
    @Outcome(expect = FORBIDDEN, desc = "a value lost or duplicated, or taken() and isReplyPending() disagreeing")
    @Description("timed send against timed receive; both resume after a timeout")
    @State
    public static class TimeoutVsTake {
        final Channel<Object, Object> ch = Fixtures.started(WaitStrategy.spinThenPark());

        @Actor
        public void sender(LL_Result r) {
            Endpoint<Object, Object> second = ch.second();
            String path;
            try {
                Object reply;
                try {
                    reply = second.send(Box.of(1), SHORT);
                    path = "answered-in-time";
                } catch (TimeoutException e) {
                    boolean pending = second.isReplyPending();
                    int taken = second.taken();
                    if (pending && taken == 1) {
                        path = "timed-out-pending";
                        reply = second.receive();
                    } else if (!pending && taken == 0) {
                        path = "timed-out-not-taken";
                        reply = second.send(Box.of(1));
                    } else {
                        path = "timed-out-inconsistent-taken-" + taken + "-pending-" + pending;
                        reply = null;
                    }
                    path += "2".equals(Fixtures.field(reply)) ? "+got-w" : "+got-" + Fixtures.field(reply);
                }
                if (path.equals("answered-in-time") && !"2".equals(Fixtures.field(reply))) {
                    path += "-got-" + Fixtures.field(reply);
                }
            } catch (InterruptedException | RuntimeException e) {
                path = "failed-" + e;
            } finally {
                second.close(); // ends the receiver's send(w)
            }
            r.r1 = path;
        }

        @Actor
        public void receiver(LL_Result r) {
            Endpoint<Object, Object> first = ch.first();
            String seen = "";
            try {
                Object x;
                try {
                    x = first.receive(SHORT);
                    seen = "got-v-in-time";
                } catch (TimeoutException e) {
                    x = first.receive();
                    seen = "timed-out+got-v";
                }
                if (!"1".equals(Fixtures.field(x))) {
                    seen += "-but-got-" + Fixtures.field(x);
                }
                first.send(Box.of(2));
                seen += "+answered";
            } catch (ChannelClosedException e) {
                seen += seen.isEmpty() ? "closed-before-v" : "+" + Fixtures.closed(first);
            } catch (InterruptedException | RuntimeException e) {
                seen += "+failed-" + e;
            }
            r.r2 = seen;
        }
    }
}
