package dev.channels;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Subject: the park handshake itself (a Dekker pair), with the very accessors, and so the very
 * access modes, the core uses. One side changes a shared word and then reads the other side's
 * published waiter; the other publishes itself as a waiter and then re-reads the word. At least
 * one must see the other: "0, 0" means the waiter parks on a stale word while the changer sees
 * no one to unpark, a lost wake-up. It is a store-load ordering, which x86 relaxes unless both
 * sides are volatile (sequentially consistent); VERIFY.md records a release/acquire version of
 * this handshake failing in 17% of samples on this machine.
 *
 * <p>These tests live in package {@code dev.channels} to reach the package-private accessors.
 */
public class DekkerTests {
    private DekkerTests() {
    }

    /** Stands for the parked thread: published, never started, never unparked. */
    static final Thread WAITER = Thread.ofPlatform().unstarted(() -> { });

    /** The value deposited. */
    static final Object V = new Object();

    @Outcome(id = "0, 0", expect = FORBIDDEN, desc = "neither saw the other: the waiter would park forever")
    @Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "the changer saw the waiter (and would unpark it)")
    @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "the waiter saw the change (and would not park)")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "both saw each other (a spurious unpark at worst)")
    public static class HandshakeOutcomes {
        private HandshakeOutcomes() {
        }
    }

    /**
     * ExchangeCore.deposit against ExchangeCore.park: {@code casSlot} (volatile CAS) then
     * {@code wake}'s {@code waiterVolatile}, against {@code setWaiterVolatile} then
     * {@code slotVolatile}. Exchange.close uses the same two accessors.
     */
    @JCStressTest
    @JCStressMeta(HandshakeOutcomes.class)
    @Description("deposit (CAS slot, read waiter) against park (publish waiter, re-check slot)")
    @State
    public static class DepositVsPark {
        final Exchange x = new Exchange(WaitStrategy.park());

        @Actor
        public void depositor(II_Result r) {
            x.casSlot(Exchange.EMPTY, V);
            r.r1 = x.waiterVolatile(false) != null ? 1 : 0;
        }

        @Actor
        public void waiter(II_Result r) {
            x.setWaiterVolatile(false, WAITER);
            r.r2 = x.slotVolatile() != Exchange.EMPTY ? 1 : 0;
        }
    }

    /**
     * The iterator claim's release in Batch.pullOne against ExchangeCore.freezeOwnBatch:
     * {@code Batch.casState} (volatile CAS, setting FROZEN) then {@code wake}'s
     * {@code waiterVolatile}, against {@code setWaiterVolatile} then the volatile read of
     * {@code Batch.state}.
     */
    @JCStressTest
    @JCStressMeta(HandshakeOutcomes.class)
    @Description("claim release (CAS batch state to FROZEN, read waiter) against freeze wait (publish waiter, re-check state)")
    @State
    public static class ClaimReleaseVsFreezeWait {
        final Exchange x = new Exchange(WaitStrategy.park());
        final Batch b = new Batch(x, false);

        {
            b.state = Batch.BUSY | Batch.FREEZE_REQUESTED; // the receiver is inside the iterator; a freeze is requested
        }

        @Actor
        public void receiver(II_Result r) {
            long cur = b.state;
            b.casState(cur, (cur & ~(Batch.BUSY | Batch.FREEZE_REQUESTED)) | Batch.FROZEN);
            r.r1 = x.waiterVolatile(false) != null ? 1 : 0;
        }

        @Actor
        public void sender(II_Result r) {
            x.setWaiterVolatile(false, WAITER);
            r.r2 = (b.state & Batch.FROZEN) != 0L ? 1 : 0;
        }
    }
}
