package dev.channels;

/**
 * The pre-take (ADR 0010): an endpoint's take made before the answer it takes arrives.
 *
 * <p>An untimed wait for a single answer ({@code send}, {@code receive}, iteration; not a timed
 * call, not a receipt into a caller's array, not a selector's look) CASes its take count
 * {@code c -> c + 1} (volatile) right after its own deposit, before the answer can have arrived
 * (an answer already there is simply taken by it). The other end's next single deposit is then
 * taken the moment it is made: its depositor's claim finds the count moved and reports it taken,
 * and the waiter, seeing it, returns it without a CAS. So the take's locked instruction runs while
 * the other end computes its answer, not between seeing the answer and the next deposit.
 *
 * <p>A wait that ends without such a deposit (an interrupt; the answer is a batch, taken through
 * its own state; a close with no answer in it) gives the pre-take back ({@code c + 1 -> c},
 * volatile) and then looks at the slot once more (volatile): a single answer that arrived
 * meanwhile may have been counted as taken by its depositor, so the waiter takes it by the
 * ordinary take CAS, from the slot or from the close's state ({@code Closed.replaced}), unless a
 * claim stops it. Both CASes and both reads are volatile: either the depositor's claim follows
 * the give-back in the synchronization order and sees the count given back (and may withdraw), or
 * the waiter's look follows the deposit and sees it. A wait that can see a close has begun
 * ({@link Exchange#closingAcquire}) does not pre-take, so a call that starts after a close it has
 * seen takes nothing from it. It does not read the slot for that: the read, right after its own
 * deposit, cost the whole gain.
 *
 * <p>{@link EndpointFields#preTake} holds the state: the count set while held,
 * {@link #PRE_TAKE_GIVEN_BACK} once given back during the call, {@link #NO_PRE_TAKE} otherwise. It
 * is reset when the wait returns, so a selector's takes ({@code MemberCore}) never see one.
 */
abstract class PreTakes extends BatchTakes {

    PreTakes(Exchange exchange, boolean first) {
        super(exchange, first);
    }

    /** {@link EndpointFields#preTake} without one, and once given back during the call (held: the count, above 0). */
    static final long NO_PRE_TAKE = 0L;
    static final long PRE_TAKE_GIVEN_BACK = -1L;

    /**
     * Takes the other end's next single deposit before it arrives: returns the count set (held),
     * or NO_PRE_TAKE if a close has begun or a withdrawal's claim holds the count (the wait then
     * takes its answer by CAS, as a timed one does). It does not read the slot (see above).
     */
    final long preTakeAnswer() {
        if (exchange.closingAcquire() != null) { // a close this thread has seen: nothing taken from it
            return NO_PRE_TAKE;
        }
        final TakeCount own = ownTakes;
        final long c = own.acquire(); // acquire: after a withdrawal's release, the restored slot is visible
        return (c & TakeCount.CLAIMED) == 0L && own.preTake(c) ? c + TakeCount.UNIT : NO_PRE_TAKE;
    }

    /** True while this call holds a pre-take. */
    final boolean preTakeHeld() {
        return preTake > 0L;
    }

    /**
     * Gives the pre-take back: the wait ends without a single deposit for it. Whoever gives back
     * must look at the slot once more (volatile) and take a single answer found there or in a
     * close's state: its depositor may have counted it as taken.
     */
    final void giveBack() {
        ownTakes.giveBack(preTake);
        preTake = PRE_TAKE_GIVEN_BACK;
    }

    /** True if {@code x}, seen in the slot or a close's state during a wait, is the other end's single deposit. */
    final boolean isPeerValue(Object x) {
        return x != mine && x != Exchange.EMPTY && otherBatch(x) == null;
    }
}
