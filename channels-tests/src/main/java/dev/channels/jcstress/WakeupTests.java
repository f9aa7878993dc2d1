package dev.channels.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.channels.Channel;
import dev.channels.ChannelClosedException;
import dev.channels.WaitStrategy;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLL_Result;
import org.openjdk.jcstress.infra.results.L_Result;

/**
 * Subject: park against unpark, the lost wake-up. With {@code WaitStrategy.park()} a waiting
 * endpoint publishes its thread, re-checks the slot and parks; a depositor or closer changes the
 * slot and then unparks the thread it sees published. If the two could miss each other, the
 * waiter would park forever: the run hangs, and the build's wall-clock timeout fails it. So the
 * outcome tables are trivial; the proof is that every sample finishes.
 *
 * <p>The direct test of the handshake's memory ordering (the four accesses, with the access modes
 * the core uses) is {@code dev.channels.DekkerTests}.
 */
public class WakeupTests {
    private WakeupTests() {
    }

    /** {@link HandoffTests.ValueAndTurn} with every wait parked: deposits wake the parked peer. */
    @JCStressTest
    @JCStressMeta(HandoffTests.ValueAndTurnOutcomes.class)
    @Description("three handoffs and a close, each waiting side parked: every deposit and the close wake it")
    @State
    public static class ValueAndTurnParked {
        final Channel<Object, Object> ch = Fixtures.started(WaitStrategy.park());

        @Actor
        public void first(LLL_Result r) {
            HandoffTests.valueAndTurnFirst(ch, r);
        }

        @Actor
        public void second(LLL_Result r) {
            HandoffTests.valueAndTurnSecond(ch, r);
        }
    }

    /**
     * A thread parked in {@code receive()} on the first endpoint; another thread closes that same
     * endpoint (close is allowed from any thread): the closer must wake the waiter of its own side.
     */
    @JCStressTest
    @Outcome(id = "closed-at-this-end", expect = ACCEPTABLE, desc = "the parked receive() was woken by the close")
    @Outcome(expect = FORBIDDEN, desc = "the receive() returned something, or reported the wrong end")
    @Description("close from another thread against a receive() parked on the same endpoint")
    @State
    public static class CloseWakesOwnSide {
        final Channel<Object, Object> ch = Fixtures.started(WaitStrategy.park());

        @Actor
        public void receiver(L_Result r) {
            try {
                ch.first().receive();
                r.r1 = "returned";
            } catch (ChannelClosedException e) {
                r.r1 = e.isClosedByOtherEnd() ? "closed-by-other-end" : "closed-at-this-end";
            } catch (InterruptedException | RuntimeException e) {
                r.r1 = e.toString();
            }
        }

        @Actor
        public void closer() {
            ch.first().close();
        }
    }
}
