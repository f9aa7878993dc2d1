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
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLL_Result;
import org.openjdk.jcstress.infra.results.LL_Result;

/**
 * Subject: two threads on one endpoint. Only one thread at a time may be inside a call on an
 * endpoint; a second one gets {@code IllegalStateException} at once and touches nothing, so the
 * first call and the channel carry on as if the intruder had never come.
 */
public class MisuseTests {
    private MisuseTests() {
    }

    /** True for the "endpoint in use" rejection (not for other usage errors). */
    static boolean inUse(IllegalStateException e) {
        return e.getMessage() != null && e.getMessage().contains("in use by");
    }

    /**
     * The owner blocks in {@code receive()} on the first endpoint; an intruder polls the same
     * endpoint, then (legitimately) sends v from the second endpoint. The owner must get v.
     */
    @JCStressTest
    @Outcome(id = "got-v, rejected\\+closed-taken-1", expect = ACCEPTABLE,
            desc = "the owner was inside: the intruder was turned away; the owner's call went on and got v")
    @Outcome(id = "got-v, timed-out\\+closed-taken-1", expect = ACCEPTABLE,
            desc = "the intruder got in before the owner, polled and timed out; then the owner got v")
    @Outcome(id = "rejected-then-got-v, timed-out\\+closed-taken-1", expect = ACCEPTABLE,
            desc = "the owner came while the intruder polled: the owner was turned away, retried and got v")
    @Outcome(expect = FORBIDDEN, desc = "both turned away, v lost or duplicated, or the channel broken")
    @Description("a second thread calls an endpoint while its owner is blocked in it")
    @State
    public static class IntruderWhileBlocked {
        final Channel<Object, Object> ch = Fixtures.started(WaitStrategy.spinThenPark());

        @Actor
        public void owner(LL_Result r) {
            Endpoint<Object, Object> first = ch.first();
            String path = "got-v";
            try {
                Object x;
                for (;;) {
                    try {
                        x = first.receive();
                        break;
                    } catch (IllegalStateException e) {
                        if (!inUse(e)) {
                            throw e;
                        }
                        path = "rejected-then-got-v";
                    }
                }
                if (!"1".equals(Fixtures.field(x))) {
                    path += "-but-got-" + Fixtures.field(x);
                }
            } catch (InterruptedException | RuntimeException e) {
                path = "failed-" + e;
            } finally {
                first.close(); // ends the intruder's send(v)
            }
            r.r1 = path;
        }

        @Actor
        public void intruder(LL_Result r) {
            String path;
            try {
                ch.first().receive(Duration.ZERO); // not this thread's endpoint to use now
                path = "polled-a-value";
            } catch (TimeoutException e) {
                path = "timed-out";
            } catch (IllegalStateException e) {
                path = inUse(e) ? "rejected" : e.toString();
            } catch (InterruptedException | RuntimeException e) {
                path = e.toString();
            }
            Endpoint<Object, Object> second = ch.second();
            try {
                second.send(Box.of(1));
                path += "+answered";
            } catch (ChannelClosedException e) {
                path += "+" + Fixtures.closed(second);
            } catch (InterruptedException | RuntimeException e) {
                path += "+" + e;
            }
            r.r2 = path;
        }
    }

    /**
     * Two threads send on the same endpoint at once (with a zero timeout: nobody receives). At
     * most one gets in; afterwards the endpoint is free, holds the turn, and the slot is empty.
     */
    @JCStressTest
    @Outcome(id = "timed-out, timed-out, intact", expect = ACCEPTABLE, desc = "the calls did not overlap")
    @Outcome(id = "timed-out, rejected, intact", expect = ACCEPTABLE, desc = "actor 2 came while actor 1 was inside")
    @Outcome(id = "rejected, timed-out, intact", expect = ACCEPTABLE, desc = "actor 1 came while actor 2 was inside")
    @Outcome(expect = FORBIDDEN, desc = "both rejected, a value left behind, or the endpoint not usable afterwards")
    @Description("two threads send on one endpoint concurrently")
    @State
    public static class ConcurrentSends {
        final Channel<Object, Object> ch = Fixtures.started(WaitStrategy.spinThenPark());

        String attempt() {
            try {
                ch.second().send(Box.of(1), Duration.ZERO);
                return "answered";
            } catch (TimeoutException e) {
                return "timed-out";
            } catch (IllegalStateException e) {
                return inUse(e) ? "rejected" : e.toString();
            } catch (InterruptedException | RuntimeException e) {
                return e.toString();
            }
        }

        @Actor
        public void actor1(LLL_Result r) {
            r.r1 = attempt();
        }

        @Actor
        public void actor2(LLL_Result r) {
            r.r2 = attempt();
        }

        @Arbiter
        public void arbiter(LLL_Result r) {
            Endpoint<Object, Object> first = ch.first();
            Endpoint<Object, Object> second = ch.second();
            if (second.isReplyPending() || second.taken() != 0) {
                r.r3 = "sender-state-taken-" + second.taken() + "-pending-" + second.isReplyPending();
                return;
            }
            try {
                first.receive(Duration.ZERO);
                r.r3 = "value-left-in-slot";
                return;
            } catch (TimeoutException expected) {
                // nothing in transit
            } catch (InterruptedException | RuntimeException e) {
                r.r3 = "receiver-broken-" + e;
                return;
            }
            try {
                second.send(Box.of(2), Duration.ZERO);
                r.r3 = "answered";
            } catch (TimeoutException e) {
                r.r3 = second.taken() == 0 && !second.isReplyPending() ? "intact" : "sender-broken";
            } catch (InterruptedException | RuntimeException e) {
                r.r3 = "sender-broken-" + e;
            }
        }
    }
}
