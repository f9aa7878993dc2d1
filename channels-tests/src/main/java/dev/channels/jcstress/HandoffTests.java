package dev.channels.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.channels.Channel;
import dev.channels.ChannelClosedException;
import dev.channels.Endpoint;
import dev.channels.WaitStrategy;
import dev.channels.jcstress.Fixtures.Box;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLL_Result;
import org.openjdk.jcstress.infra.results.LL_Result;

/**
 * Subject: the handoff itself, value and turn. A value's plain fields, written just before
 * {@code send}, are visible to the thread that receives it; the answer comes back the same way;
 * the turn passes exactly once per handoff, so the conversation continues in order after it;
 * identical references (an echo) and {@code null} go over like any other value.
 *
 * <p>Every scenario has exactly one legal outcome: these are races only in timing. A wrong
 * field is a visibility bug; a wrong or repeated value is a lost or duplicated handoff; a hang is
 * a lost wake-up or an unseen echo.
 */
public class HandoffTests {
    private HandoffTests() {
    }

    /** The outcome table of {@link ValueAndTurn} and {@code WakeupTests.ValueAndTurnParked}. */
    @Outcome(id = "1-3, 2, closed-taken-1", expect = ACCEPTABLE,
            desc = "first got Box 1 then Box 3, second got Box 2; the close after the take of Box 3 reports it taken")
    @Outcome(expect = FORBIDDEN, desc = "a field not visible, a value lost, duplicated or out of turn, or a wrong taken()")
    public static class ValueAndTurnOutcomes {
        private ValueAndTurnOutcomes() {
        }
    }

    /** Three handoffs, alternating, then a close: the full turn cycle with the default strategy. */
    static void valueAndTurnFirst(Channel<Object, Object> ch, LLL_Result r) {
        Endpoint<Object, Object> first = ch.first();
        try {
            Object x = first.receive();         // Box 1
            Object y = first.send(Box.of(2));   // hands Box 2 over, gets Box 3
            r.r1 = Fixtures.field(x) + "-" + Fixtures.field(y);
        } catch (InterruptedException | RuntimeException e) {
            r.r1 = e.toString();
        } finally {
            first.close();                      // ends second's wait for an answer to Box 3
        }
    }

    static void valueAndTurnSecond(Channel<Object, Object> ch, LLL_Result r) {
        Endpoint<Object, Object> second = ch.second();
        try {
            r.r2 = Fixtures.field(second.send(Box.of(1)));
        } catch (InterruptedException | RuntimeException e) {
            r.r2 = e.toString();
            return;
        }
        try {
            second.send(Box.of(3));
            r.r3 = "answered";
        } catch (ChannelClosedException e) {
            r.r3 = Fixtures.closed(second);
        } catch (InterruptedException | RuntimeException e) {
            r.r3 = e.toString();
        }
    }

    @JCStressTest
    @JCStressMeta(ValueAndTurnOutcomes.class)
    @Description("send/receive with the default strategy: fields visible, one handoff per turn, taken() exact")
    @State
    public static class ValueAndTurn {
        final Channel<Object, Object> ch = Fixtures.started(WaitStrategy.spinThenPark());

        @Actor
        public void first(LLL_Result r) {
            valueAndTurnFirst(ch, r);
        }

        @Actor
        public void second(LLL_Result r) {
            valueAndTurnSecond(ch, r);
        }
    }

    /**
     * An echo (the very reference just received, sent back) and {@code null} in both directions:
     * the slot marks them so that the waiting side still sees its answer arrive.
     */
    @JCStressTest
    @Outcome(id = "7-null-same, same-null-closed-taken-1", expect = ACCEPTABLE,
            desc = "first got Box 7, null, then Box 7 again (same reference); second got its own Box back, then null")
    @Outcome(expect = FORBIDDEN, desc = "an echo or null lost, altered or duplicated")
    @State
    public static class EchoAndNull {
        final Channel<Object, Object> ch = Fixtures.started(WaitStrategy.spinThenPark());

        @Actor
        public void first(LL_Result r) {
            Endpoint<Object, Object> first = ch.first();
            try {
                Object x = first.receive();       // Box 7
                Object y = first.send(x);         // echoes Box 7; gets null
                Object z = first.send(null);      // echoes null; gets Box 7 again
                r.r1 = Fixtures.field(x) + "-" + Fixtures.field(y) + "-" + (z == x ? "same" : "other");
            } catch (InterruptedException | RuntimeException e) {
                r.r1 = e.toString();
            } finally {
                first.close();
            }
        }

        @Actor
        public void second(LL_Result r) {
            Endpoint<Object, Object> second = ch.second();
            Box a = Box.of(7);
            StringBuilder sb = new StringBuilder();
            try {
                sb.append(second.send(a) == a ? "same" : "other");      // the echo of a
                sb.append('-').append(Fixtures.field(second.send(null))); // the echo of null
                second.send(a);                                         // a again; then the close
                sb.append("-answered");
            } catch (ChannelClosedException e) {
                sb.append('-').append(Fixtures.closed(second));
            } catch (InterruptedException | RuntimeException e) {
                sb.append('-').append(e);
            }
            r.r2 = sb.toString();
        }
    }
}
