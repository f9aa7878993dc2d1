package dev.channels;

/**
 * What an endpoint does for {@link Endpoint#post post} and for a {@link Selector} it belongs to: a
 * deposit that returns at once, a look at the slot that takes an arrival without waiting, and the
 * withdrawal of a fan-in's request. It sits between the protocol ({@link ExchangeCore}) and the
 * public calls ({@link ExchangeEndpoint}).
 *
 * <p>While an endpoint is in a set, the set holds it (its owner is {@code SelectCore.HOLDER}) and
 * its signal field holds its member's {@link MemberSignal} for the whole membership, so every deposit
 * and close of the other end calls {@code MemberSignal.signal} instead of unparking a thread. Three handshakes, each
 * of the Dekker shape of a park (a volatile write, then a volatile read, on both sides):
 * <ul>
 * <li>signal against look: the member is pushed (once: its {@code queued} flag) onto the
 *     selector's stack; the selector clears the flag (volatile) before it looks at the member's
 *     slot, the signaller sets it (CAS) after its slot CAS and signal-field read, so a deposit is
 *     either seen by the look or signalled again;</li>
 * <li>scan against deposit (sets of at most {@code ReadyQueue.SCAN_LIMIT} members): while the
 *     selector reads the slots itself, a depositor that reads {@code scanning} set skips the
 *     signal; the selector clears it (volatile) and scans once more (volatile reads) before it
 *     parks;</li>
 * <li>push against the selector's park: it publishes its thread and re-checks the stack head; a
 *     push CASes the head, then reads the thread.</li>
 * </ul>
 * A look takes an arrival exactly as a receive does ({@link #takeArrival}: the take CAS decides);
 * {@code post()} and a fan-in's ask are plain deposits that return at once.
 */
abstract class MemberCore extends ExchangeCore {

    MemberCore(Exchange exchange, boolean first) {
        super(exchange, first);
    }

    /**
     * post() and Arrival.post: deposits {@code v} if this endpoint holds the turn (or hands over the first
     * endpoint's start signal) and returns without waiting. False if the channel is closed
     * ({@code closed}, taken() 0); throws a usage error if it does not hold the turn.
     */
    final boolean depositWithoutWaiting(Object v, String call) {
        Phase from = phase;
        switch (from) {
            case TURN -> {
                if (v != null && otherBatch(peer) != null) {
                    throw misuse(batchSent(call + "(null)", describe(v)));
                }
            }
            case FIRST_UNSTARTED -> {
                if (v != null) {
                    throw misuse(firstCallMessage(describe(v)));
                }
            }
            case PENDING -> throw misuse(replyPending(call + (v == null ? "(null)" : "(" + describe(v) + ")")));
            case SECOND_UNSTARTED -> throw misuse("the second endpoint holds the turn only once the first"
                    + " endpoint's start signal has arrived: select it (or receive) before " + call);
            default -> throw misuse(batchSending("receive()", call));
        }
        if (!deposit(v, from)) {
            closedOnDeposit(); // only a close takes the slot from the turn's holder: records closed, taken() 0
            return false;
        }
        return true; // never withdrawn by a later call: each call's entry clears ownDeposit
    }

    /**
     * A select's look at this member: takes its arrival if there is one, without waiting. Returns
     * RECEIVED ({@code received}: a value, a request's null, or the start signal's null), CLOSED,
     * TURN_HELD (this endpoint holds the turn, so nothing can arrive until it deposits), or
     * NOTHING. The selector owns this endpoint for the whole membership.
     */
    final Outcome takeArrival() {
        for (;;) {
            Outcome o;
            switch (phase) {
                case PENDING -> {
                    // volatile, not acquire: the selector cleared the member's queued flag (a volatile
                    // store) before this look, and this read is the second half of that handshake with
                    // the depositor's slot CAS and flag read; an acquire load may be satisfied before
                    // the store is visible, and both sides would miss the deposit (on x86 and AArch64
                    // the same instruction as acquire)
                    Object s = exchange.slotVolatile();
                    if (!isArrival(s, mine)) {
                        return Outcome.NOTHING;
                    }
                    o = takeReply(s, null, 0, 1); // null: withdrawn meanwhile, look again
                }
                case SECOND_UNSTARTED -> {
                    Object s = exchange.slotVolatile(); // volatile: as above
                    if (s == Exchange.EMPTY) {
                        return Outcome.NOTHING;
                    }
                    o = takeStart(s);
                }
                case BATCH -> o = takeFromBatch((Batch) peer, null, 0, 1);
                default -> { // TURN, FIRST_UNSTARTED: nothing can arrive before this endpoint deposits
                    // volatile: as above, against the close's slot CAS and its read of the flag
                    Closed c = exchange.closedIn(exchange.slotVolatile());
                    return c != null ? closedBeforeHandOver(c) : Outcome.TURN_HELD;
                }
            }
            if (o != null) {
                return o;
            }
        }
    }

    /**
     * A scanning select's cheap test, without taking: whether {@link #takeArrival} may find
     * something. Volatile slot read: the scan after {@code stopScanning} is the second half of a
     * Dekker handshake with the depositor's read of {@code scanning}.
     */
    final boolean hasArrival() {
        return switch (phase) {
            case PENDING -> isArrival(exchange.slotVolatile(), mine);
            case SECOND_UNSTARTED -> exchange.slotVolatile() != Exchange.EMPTY;
            case BATCH -> true;
            default -> false;
        };
    }

    /**
     * Withdraws the request a select deposited itself (a fan-in's ask) if it was not taken; if it
     * was, a reply is pending. A close found meanwhile is left for the next look to report.
     */
    final void withdrawAsk() {
        while (phase == Phase.PENDING && !mineTaken && exchange.slotVolatile() == mine) {
            if (withdrawValue()) {
                return;
            }
        }
    }
}
