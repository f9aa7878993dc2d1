package dev.channels;

/**
 * What became of an endpoint's deposit: taken ({@link #learnTaken}, also as an answer arrives),
 * withdrawn by a call cut short (the endpoint as before the call), or settled by a close. See
 * "Withdrawal" and "Close" in the overview of {@link ExchangeCore}; {@link ExchangeCore#transfer}
 * and the selector's look ({@link MemberCore}) call in here when a wait is cut short or finds the
 * channel closed.
 */
abstract class Withdrawals extends PreTakes {

    Withdrawals(Exchange exchange, boolean first) {
        super(exchange, first);
    }

    /** The deposit in the slot was taken: counted once, taken() set each time (a refused call resets it). */
    final void learnTaken() {
        boolean newlyTaken = !mineTaken;
        mineTaken = true;
        if (ownBatchInFlight()) {
            // acquire: pairs with the receiver's release of its last take (a batch taken is over: final)
            taken = Batch.count(batch.stateAcquire());
        } else {
            taken = 1;
            if (newlyTaken) {
                peerCount += TakeCount.UNIT; // counted once; batches are counted by their state
            }
        }
    }

    /** True if the deposit in flight is this endpoint's own batch (not a single value). */
    final boolean ownBatchInFlight() {
        return batch != null && mine == batch;
    }

    // ------------------------------------------------------------------ cut short: withdraw

    /**
     * Withdraws this endpoint's single deposit, or learns that it was taken (a reply is pending).
     * False if a close took the slot meanwhile: the claim stays, and the close is reported with
     * taken() 0.
     */
    final boolean withdrawValue() {
        if (!claimPeerCount()) {
            learnTaken();
            return true;
        }
        if (!exchange.casSlotPlain(mine, peer)) { // plain: ordered after the acquire claim; peer: what mine replaced
            return false;
        }
        peerCount = peerTakes.release(peerCount | TakeCount.CLAIMED);
        withdrawn();
        return true;
    }

    /**
     * Withdraws this endpoint's batch if nothing was taken; otherwise cuts it short (the receiver
     * takes the turn). False if a close took the slot meanwhile.
     */
    final boolean withdrawBatch(Batch own) {
        long st = freezeOwnBatch(own);
        if (Batch.count(st) != 0 || (st & (Batch.ENDED | Batch.FAILED)) != 0L) {
            taken = Batch.count(st);
            mineTaken = true;
            return true;
        }
        if (!exchange.casSlotPlain(own, peer)) { // peer: what the batch replaced
            return false;
        }
        withdrawn();
        return true;
    }

    /** Learns, without claiming, whether the single deposit that stays posted was taken. */
    final void peekTaken() {
        if (mineTaken || (!ownBatchInFlight() && peerTakes.volatileValue() != peerCount)) {
            learnTaken();
        } else {
            taken = 0;
        }
    }

    private void withdrawn() {
        phase = phaseBeforeDeposit;
        taken = 0;
        ownDeposit = false;
    }

    /**
     * Claims the other end's take count so that it can no longer take this endpoint's single
     * deposit. False if it already took it. True also if this endpoint claimed it before (a close
     * after a withdrawal's claim).
     */
    private boolean claimPeerCount() {
        final TakeCount pt = peerTakes;
        final long expect = peerCount;
        for (;;) {
            long v = pt.volatileValue();
            if (v == (expect | TakeCount.CLAIMED)) {
                return true;
            }
            if (v != expect) {
                return false;
            }
            if (pt.claim(expect)) {
                return true;
            }
        }
    }

    // ------------------------------------------------------------------ closed

    /** The channel closed while this endpoint waited: record what its deposit became. */
    final Outcome settleClosed(Closed c) {
        if (phase == Phase.PENDING && mineTaken) {
            learnTaken(); // taken before the close: say so again, whatever a refused call set meanwhile
        } else if (phase == Phase.PENDING) {
            if (ownBatchInFlight()) {
                taken = Batch.count(freezeOwnBatch(batch));
            } else if (c.replaced() != mine || !claimPeerCount()) {
                learnTaken(); // an answer had replaced it, or the other end took it
            } else {
                taken = 0;
            }
            if (taken == 0 && c.replaced() == mine) {
                phase = phaseBeforeDeposit; // never taken: as before the call, so no reply is pending
            }
        }
        closed = c;
        return Outcome.CLOSED;
    }
}
