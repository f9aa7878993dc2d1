package dev.channels;

/**
 * The exchange protocol of one endpoint: deposit, wait, take, withdraw. {@link ExchangeEndpoint}
 * adds the public calls on top; {@link Batch} owns the batch's own state machine,
 * {@link BatchTakes} the taking of a batch's items, {@link PreTakes} the take made before an
 * answer arrives, and {@link Withdrawals} what becomes of a deposit whose call is cut short or
 * meets a close.
 */
abstract class ExchangeCore extends Withdrawals {

    /*
     * Overview
     * ========
     *
     * One channel is one slot (Exchange.slot) shared by two endpoints that speak in strict turns,
     * plus one take count per endpoint (TakeCount, each on its own cache line). The slot holds:
     *
     *   EMPTY        before the first endpoint's start signal (and after it is withdrawn)
     *   a deposit    the last value (or echo marker, or Batch) deposited by either endpoint
     *   Closed       the final state: who closed, the cause, and what the slot held then
     *
     * A deposit stays in the slot after it is taken, until the taker deposits its own answer in
     * its place: whether the deposit was taken is recorded in the taker's take count, not in the
     * slot. So a handoff writes the slot's cache line once (the deposit) and the taker's own line
     * once (its take): the line both ends spin on moves once per handoff, as in a bare spin
     * ping-pong, instead of twice (a take that wrote the slot back to EMPTY pulled the line away
     * from the spinning depositor, and its next deposit pulled it back).
     *
     * Phases (Phase, owner-only) and their transitions:
     *
     *   FIRST_UNSTARTED  --deposit start signal (null)-->  PENDING
     *   SECOND_UNSTARTED --take the start signal-->        TURN
     *   TURN             --deposit a value or batch-->     PENDING
     *   PENDING          --take a single reply-->          TURN
     *   PENDING          --take items of a reply batch-->  BATCH
     *   PENDING          --withdraw own deposit-->         phaseBeforeDeposit (TURN or FIRST_UNSTARTED)
     *   BATCH            --take more items-->              BATCH
     *   BATCH            --batch over (all taken, ended, or cut short)-->  TURN
     *
     * A single hand-over (send, receive, start):
     *
     *   deposit:  CAS slot peer -> v; then wake the other end if it published itself as parked.
     *             (peer: the other end's last deposit, which this endpoint took and which is still
     *             in the slot; EMPTY before the start.)
     *   await:    spin/park until slot != mine (if untimed, after a quiet period: awaitAnswer)
     *   take:     c = ownTakes (acquire); s = slot (acquire, must still be the deposit seen);
     *             CAS ownTakes c -> c + 1, or nothing if this call pre-took (PreTakes).
     *
     * The hand-over's linearization point: the take CAS; or, where the waiter pre-took, the later
     * of its pre-take and the deposit CAS (a deposit made into a pre-taken count is taken the
     * moment it is made). Either way the value is handed over exactly when the taker's count
     * counts it, which a depositor learns by claiming.
     *
     * Pre-take: an untimed wait for a single answer makes its take's CAS before the answer
     * arrives, off the critical path; see PreTakes.
     *
     * Withdrawal (interrupt or timeout of the call that deposited, or a close): the depositor
     * claims the other end's take count (CAS from the count it expects while its deposit is
     * untaken, to that count with CLAIMED set). If the claim fails, the deposit was taken: a reply
     * is pending. If it succeeds, no take can succeed any more; the depositor CASes the slot back
     * to what its deposit replaced and releases the claim with the count bumped, so that a taker
     * that read the count before the claim fails its CAS. A call withdraws only what it deposited
     * itself (ownDeposit): the start signal of start() and the request of receive(Duration)
     * (ADR 0002) stay posted when a later call is interrupted or times out. Nor does a call
     * withdraw the request for more it makes when the answer it waits for is a batch without an
     * item: that request is its wait for the answer, and a reply stays pending.
     *
     * Close swaps the slot for Closed (freezing a batch before and after: Exchange.closedSlot)
     * and wakes both waiters. An endpoint that finds Closed while its own deposit is the one
     * replaced claims the other end's count to learn whether it was taken (taken() 1) or not
     * (taken() 0, the phase as before the deposit).
     *
     * Identity. A waiting endpoint recognizes the answer by the slot no longer holding its own
     * deposit. If the answer were the identical reference (an echo server, null answering null),
     * it would go unseen; so a depositor whose value == the reference it replaces deposits its
     * echo marker instead, which the other end decodes to its own value. Nor does any endpoint
     * read a value's class: the library's own contents (a Batch, the Closed state) are told from
     * values by the references the exchange keeps, since a fresh value's header lies on a line its
     * sender's core has just written (ADR 0008, "Found: the value's header").
     *
     * Batches. sendAll deposits the sender's reusable Batch. The receiver takes items with CASes
     * on the batch's state word (Batch: the count of items taken decides, against the sender's
     * freeze, what was handed over), not with its take count. After the last item the batch stays
     * in the slot; the receiver's next deposit (its request for more) replaces it and is the
     * answer the sender waits for. A sender interrupted before any take freezes and withdraws the
     * batch; after some takes it only freezes it, and the receiver takes the turn (cut short).
     *
     * Who writes what:
     *   slot              deposits: the endpoint holding the turn; withdrawal: the depositor; close: anyone
     *   take counts       takes: their endpoint; claims and releases: the other endpoint
     *   waiter fields     the waiting endpoint publishes and clears itself; others only read
     *   Batch fields      the sender before its deposit; Batch.state: takes, freezes (see Batch)
     *   endpoint fields   the owner only (plus the owner CAS of a thread trying to enter)
     *
     * Parking: one Dekker handshake, used by every wait (reply, start, and the sender waiting for
     * a receiver to leave its iterator): the waiter publishes its thread (volatile store), re-checks
     * the state it waits on (volatile load) and parks; on waking it re-checks again. The other side
     * changes that state with a volatile CAS and then reads the waiter field (volatile load). Both
     * sides are sequentially consistent, so at least one sees the other. Nobody unparks a thread
     * that did not publish itself, so the fast path never calls unpark.
     *
     * Selectors. While an endpoint is in a set, its signal field holds its MemberSignal (it never
     * parks itself: the selector does), so deposits and closes signal the selector; the two handshakes this adds (signal
     * against look, push against the selector's park) are described in MemberCore.
     *
     * Constants: see EndpointWaits (SPIN_FOR_TIMEOUT_THRESHOLD).
     */

    ExchangeCore(Exchange exchange, boolean first) {
        super(exchange, first);
        this.phase = first ? Phase.FIRST_UNSTARTED : Phase.SECOND_UNSTARTED;
        this.mine = Exchange.EMPTY;
        this.peer = Exchange.EMPTY;
    }

    // ------------------------------------------------------------------ the one transfer routine

    /**
     * Hands {@code v} over if this endpoint holds the turn, then receives one value into
     * {@code received} ({@code dest} null) or up to {@code max} items into {@code dest[at..]}
     * ({@code count}). Returns RECEIVED, TIMED_OUT or CLOSED ({@code closed}).
     *
     * <p>If the answer this call waits for is a batch without an item for it, the call asks for
     * more and waits on. That request is its wait for the answer: it stays posted if the call is
     * cut short ({@code keepRequest}), so that a reply is still pending, as before the call; and
     * if the deposit answered was this call's own, {@code taken} stays what the answer settled
     * ({@code handedOver}), so that the caller sees its value went over, not a value still its own.
     */
    final Outcome transfer(Thread me, Object v, Object[] dest, int at, int max, boolean timed, long deadline)
            throws InterruptedException {
        final boolean keptBefore = keepRequest;
        boolean answered = false; // an answer without an item came: the request that follows stays
        int handedOver = -1;
        try {
            for (;;) {
                Outcome o;
                switch (phase) {
                    case TURN -> {
                        if (v != null && otherBatch(peer) != null) {
                            throw misuse(batchSent("receive() (null)", describe(v)));
                        }
                        o = deposit(v, Phase.TURN) ? Outcome.TURN_HELD : closedOnDeposit();
                        v = null;
                    }
                    case PENDING -> {
                        if (v != null) {
                            throw misuse(phaseBeforeDeposit == Phase.FIRST_UNSTARTED
                                    ? firstCallMessage(describe(v) + " while its start signal waits to be answered")
                                    : replyPending("sending " + describe(v)));
                        }
                        final boolean own = ownDeposit;
                        o = awaitReply(me, dest, at, max, timed, deadline);
                        if (o == Outcome.TURN_HELD && !answered) {
                            answered = true;
                            keepRequest = true;
                            handedOver = own ? taken : -1; // this call's own deposit went over
                        }
                    }
                    case BATCH -> {
                        if (v != null) {
                            throw misuse(batchSending("receive() (null)", describe(v)));
                        }
                        o = takeFromBatch((Batch) peer, dest, at, max);
                    }
                    case FIRST_UNSTARTED -> {
                        if (v != null) {
                            throw misuse(firstCallMessage(describe(v)));
                        }
                        o = deposit(null, Phase.FIRST_UNSTARTED) ? Outcome.TURN_HELD : closedOnDeposit();
                    }
                    default -> o = awaitStart(me, timed, deadline); // SECOND_UNSTARTED
                }
                if (o != Outcome.TURN_HELD && o != null) {
                    return o;
                }
            }
        } finally {
            if (answered) {
                keepRequest = keptBefore;
                if (handedOver >= 0) {
                    taken = handedOver;
                }
            }
        }
    }

    // ------------------------------------------------------------------ deposits

    /**
     * Puts {@code v} into the slot in place of the other end's last deposit; this endpoint holds
     * the turn. False if a close took the slot (only a close can).
     */
    final boolean deposit(Object v, Phase from) {
        final Object expect = peer;
        final Object ref = v == expect ? ownEcho : v; // see "Identity" in the overview
        if (!exchange.casSlot(expect, ref)) { // volatile: publishes v, then Dekker with the waiter read
            return false;
        }
        deposited(ref, from);
        exchange.wake(!first); // unparks the other end only if it published itself as parked
        return true;
    }

    /** Deposits this endpoint's armed batch, then makes it takeable. False if closed. */
    final boolean depositBatch(Batch b) {
        final Object expect = peer;
        if (!exchange.casSlot(expect, b)) { // volatile: publishes the batch's fields
            return false;
        }
        deposited(b, Phase.TURN);
        // Fails only if a close froze it in between: the wait that follows reports the close.
        b.open(); // volatile CAS, ordered before the waiter read (Dekker with isUnavailable)
        exchange.wake(!first);
        return true;
    }

    /**
     * Records a deposit. What it replaced is {@code peer}, which stays unchanged until this endpoint
     * takes an answer; a withdrawal restores it from there.
     */
    private void deposited(Object ref, Phase from) {
        mine = ref;
        phaseBeforeDeposit = from;
        phase = Phase.PENDING;
        taken = 0;
        mineTaken = false;
        ownDeposit = true;
    }

    // ------------------------------------------------------------------ waiting for the answer

    private Outcome awaitReply(Thread me, Object[] dest, int at, int max, boolean timed, long deadline)
            throws InterruptedException {
        final Object mine = this.mine;
        // Only an untimed wait for one value pre-takes: it returns with the answer or an interrupt,
        // and nothing it does with the answer can fail (a caller's array could refuse it).
        preTake = !timed && dest == null ? preTakeAnswer() : NO_PRE_TAKE;
        for (;;) {
            Object s = timed ? await(me, mine, true, deadline) : awaitAnswer(me, mine);
            if (s == INTERRUPTED || s == TIMEOUT) {
                return abandon(s == INTERRUPTED, dest, at, max);
            }
            Outcome o = takeReply(s, dest, at, max);
            if (o != null) {
                preTake = NO_PRE_TAKE;
                return o;
            }
        }
    }

    /**
     * Takes {@code s}, the other end's answer: a single value, or the first items of a batch.
     * Returns RECEIVED, CLOSED, TURN_HELD (a batch over without an item for this call), or null
     * if {@code s} was withdrawn meanwhile (look again).
     */
    final Outcome takeReply(Object s, Object[] dest, int at, int max) {
        Closed c = closedIn(s);
        if (c != null) {
            return preTake != NO_PRE_TAKE && isPeerValue(c.replaced()) ? takeFromClosed(c) : settleClosed(c);
        }
        learnTaken(); // an answer exists, so this endpoint's deposit was taken
        Batch b = otherBatch(s);
        if (b != null) {
            if (preTakeHeld()) {
                giveBack(); // a batch is taken by its own state; the slot holds it until this endpoint answers
            }
            return takeFromBatch(b, dest, at, max);
        }
        return takeValue(s, dest, at);
    }

    /**
     * The channel closed after the other end's single deposit, {@code c.replaced()}, arrived for a
     * call that pre-took it: taken if the pre-take is held; if it was given back, taken if no
     * claim stops the take (its depositor may have counted on the pre-take). Returns RECEIVED (the
     * close is reported by the next call) or CLOSED.
     */
    private Outcome takeFromClosed(Closed c) {
        if (preTake == PRE_TAKE_GIVEN_BACK) {
            final TakeCount own = ownTakes;
            final long n = own.acquire();
            if ((n & TakeCount.CLAIMED) != 0L || !own.take(n)) {
                return settleClosed(c); // its depositor claimed it back: it stays its depositor's
            }
        }
        learnTaken(); // an answer exists, so this endpoint's deposit was taken
        final Object s = c.replaced();
        return receivedValue(s, null);
    }

    /** SECOND_UNSTARTED: waits for the first endpoint's start signal and takes it. */
    final Outcome awaitStart(Thread me, boolean timed, long deadline) throws InterruptedException {
        for (;;) {
            Object s = await(me, Exchange.EMPTY, timed, deadline);
            if (s == INTERRUPTED) {
                Thread.interrupted(); // cleared: it is reported by the exception
                throw new InterruptedException();
            }
            if (s == TIMEOUT) {
                return Outcome.TIMED_OUT;
            }
            Outcome o = takeStart(s);
            if (o != null) {
                return o == Outcome.RECEIVED ? Outcome.TURN_HELD : o;
            }
        }
    }

    /**
     * SECOND_UNSTARTED: takes the start signal {@code s} seen in the slot. Returns RECEIVED
     * ({@code received} null: the signal is not a value), CLOSED, or null (look again).
     */
    final Outcome takeStart(Object s) {
        Closed c = closedIn(s);
        if (c != null) {
            return closedBeforeHandOver(c);
        }
        Outcome o = takeValue(s, null, 0);
        if (o == Outcome.RECEIVED) {
            received = null;
        }
        return o;
    }

    /**
     * Takes the single value {@code s} seen in the slot (see "take" in the overview). Returns
     * RECEIVED, or null if it is being withdrawn or is gone (look again).
     */
    private Outcome takeValue(Object s, Object[] dest, int at) {
        if (preTakeHeld()) {
            // Taken by the pre-take (never made for a caller's array): its depositor can no longer
            // withdraw it, so the slot need not be read again. The wait resets preTake as it returns.
            return receivedValue(s, null);
        }
        final TakeCount own = ownTakes;
        final long c = own.acquire(); // acquire: the slot read below sees at least a withdrawal's restore
        if ((c & TakeCount.CLAIMED) != 0L) {
            Thread.onSpinWait(); // its depositor is withdrawing it (or the channel closed): look again
            return null;
        }
        if (exchange.slotAcquire() != s) { // acquire: the value's fields are visible
            return null;
        }
        final Object value = decoded(s);
        if (dest != null) {
            dest[at] = value; // store first: an ArrayStoreException leaves the value untaken
        }
        if (!own.take(c)) {
            if (dest != null) {
                dest[at] = null; // do not retain it
            }
            return null;
        }
        return receivedValue(s, dest);
    }

    /** The value the other end's deposit {@code s} stands for: its echo marker is this endpoint's own (see "Identity"). */
    private Object decoded(Object s) {
        return s == peerEcho ? mine : s;
    }

    /** Records the single deposit {@code s} as taken by this call (its value in {@code received} if {@code dest} is null). */
    private Outcome receivedValue(Object s, Object[] dest) {
        received = dest == null ? decoded(s) : null;
        count = 1;
        peer = s;
        mine = null; // no longer needed: do not retain the value sent
        phase = Phase.TURN;
        ownDeposit = false;
        return Outcome.RECEIVED;
    }

    // ------------------------------------------------------------------ cut short: withdraw

    /**
     * The wait for an answer ended by interrupt or timeout. Withdraws this call's own deposit if it
     * was not taken; takes the answer if it arrived after all. Returns RECEIVED or CLOSED (the race
     * was lost: a normal return, interrupt status kept), TURN_HELD (the answer was a batch without
     * an item: transfer asks for more as it always does, with that request kept, and its next wait
     * ends at once, the interrupt status still set or the deadline passed) or TIMED_OUT; throws
     * InterruptedException.
     */
    private Outcome abandon(boolean interrupted, Object[] dest, int at, int max) throws InterruptedException {
        final Object mine = this.mine;
        for (;;) {
            Object s = exchange.slotVolatile();
            if (s == mine) {
                if (preTakeHeld()) {
                    giveBack(); // no answer yet: give the pre-take back, then look once more
                    continue;
                }
                if (mineTaken || !ownDeposit || keepRequest) {
                    peekTaken(); // what stays posted: taken (a reply pending) or not
                    break;
                }
                if (ownBatchInFlight() ? withdrawBatch(batch) : withdrawValue()) {
                    break; // withdrawn, or found taken: a reply is pending
                }
                // the slot changed under the withdrawal (a close): look again
            } else if (otherBatch(s) instanceof Batch b && b.isUnavailable()) {
                if (preTakeHeld()) {
                    giveBack(); // the answer is a batch: give the pre-take back, then look once more
                    continue;
                }
                learnTaken(); // the other end's answer is a batch not yet takeable: a reply is pending
                break;
            } else {
                Outcome o = takeReply(s, dest, at, max); // the answer arrived (or a close) after all
                if (o != null) {
                    preTake = NO_PRE_TAKE;
                    return o; // RECEIVED, CLOSED, or TURN_HELD: see above
                }
            }
        }
        preTake = NO_PRE_TAKE; // given back above if it was held: the slot held this endpoint's deposit or a batch
        if (interrupted) {
            Thread.interrupted(); // clear the status we are about to report
            throw new InterruptedException();
        }
        return Outcome.TIMED_OUT;
    }
}
