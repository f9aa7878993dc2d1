package dev.channels;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Subject: the rebuilt exchange's decision "taken or withdrawn" (ExchangeCore, TakeCount), on the
 * real memory model. A deposit stays in the slot after it is taken; the taker counts the take on
 * its own take count, and a depositor that wants its value back claims that count first. White
 * box: the actors run exactly the accessor sequences of ExchangeCore.takeValue and
 * Withdrawals.withdrawValue, with the access modes the core uses.
 */
public class TakeClaimTests {
    private TakeClaimTests() {
    }

    static final Object V = "v";

    /** r1: the taker took V; r2: the depositor withdrew V; r3: the slot is back to EMPTY (1) or still V (0). */
    @Outcome(id = "1, 0, 0", expect = ACCEPTABLE, desc = "taken: the claim failed, the value stays in the slot until the answer")
    @Outcome(id = "0, 1, 1", expect = ACCEPTABLE, desc = "withdrawn: the take failed and the slot is restored")
    @Outcome(id = "1, 1, .*", expect = FORBIDDEN, desc = "taken AND withdrawn: a value duplicated")
    @Outcome(id = "0, 0, .*", expect = FORBIDDEN, desc = "neither: a value lost")
    @Outcome(expect = FORBIDDEN, desc = "the slot does not match the decision")
    public static class Outcomes {
        private Outcomes() {
        }
    }

    /** One deposit of V (by the first endpoint, replacing EMPTY); the second takes, the first withdraws. */
    @JCStressTest
    @JCStressMeta(Outcomes.class)
    @Description("take (count acquire, slot acquire, count CAS) against withdrawal (claim, restore slot, release)")
    @State
    public static class TakeVsWithdraw {
        final Exchange x = new Exchange(WaitStrategy.park());
        final TakeCount count = x.secondTakes;

        {
            x.casSlot(Exchange.EMPTY, V);
        }

        @Actor
        public void taker(III_Result r) {
            long c = count.acquire();
            if ((c & TakeCount.CLAIMED) != 0L || x.slotAcquire() != V) {
                r.r1 = 0;
                return;
            }
            r.r1 = count.take(c) ? 1 : 0;
        }

        @Actor
        public void depositor(III_Result r) {
            if (!count.claim(0L)) {
                r.r2 = 0; // taken: a reply is pending
                return;
            }
            r.r2 = x.casSlotPlain(V, Exchange.EMPTY) ? 1 : 0;
            count.release(TakeCount.CLAIMED);
        }

        @Arbiter
        public void slot(III_Result r) {
            r.r3 = x.slotVolatile() == Exchange.EMPTY ? 1 : 0;
        }
    }

    /**
     * The same after a withdrawal and a new deposit of the same reference: a taker that read the
     * count before the withdrawal must not succeed with it (the release bumps the count).
     */
    @JCStressTest
    @JCStressMeta(Outcomes.class)
    @Description("a stale taker (count read before a withdraw-and-redeposit) against a second withdrawal")
    @State
    public static class StaleTakeVsWithdraw {
        final Exchange x = new Exchange(WaitStrategy.park());
        final TakeCount count = x.secondTakes;
        final long stale;

        {
            stale = count.acquire();        // a taker read the count, then stalled
            x.casSlot(Exchange.EMPTY, V);   // deposit
            count.claim(0L);                // withdrawn ...
            x.casSlotPlain(V, Exchange.EMPTY);
            count.release(TakeCount.CLAIMED);
            x.casSlot(Exchange.EMPTY, V);   // ... and deposited again: the count is now one UNIT on
        }

        @Actor
        public void taker(III_Result r) {
            // the stalled taker resumes: it sees V in the slot, and CASes from its stale count
            r.r1 = x.slotAcquire() == V && count.take(stale) ? 1 : 0;
            if (r.r1 == 0) {
                long c = count.acquire(); // a fresh take attempt, as takeValue would retry
                r.r1 = (c & TakeCount.CLAIMED) == 0L && x.slotAcquire() == V && count.take(c) ? 1 : 0;
            }
        }

        @Actor
        public void depositor(III_Result r) {
            long expect = TakeCount.UNIT;
            if (!count.claim(expect)) {
                r.r2 = 0;
                return;
            }
            r.r2 = x.casSlotPlain(V, Exchange.EMPTY) ? 1 : 0;
            count.release(expect | TakeCount.CLAIMED);
        }

        @Arbiter
        public void slot(III_Result r) {
            r.r3 = x.slotVolatile() == Exchange.EMPTY ? 1 : 0;
        }
    }
}
