package dev.channels;

/**
 * What an endpoint does for {@link Endpoint#post post} and for a {@link Selector} it belongs to: a
 * deposit that returns at once, a look at the slot that takes an arrival without waiting, and the
 * withdrawal of a fan-in's request. It sits between the protocol ({@link ExchangeCore}) and the
 * public calls ({@link ExchangeEndpoint}); see the Selectors paragraph of the overview in
 * {@link ExchangeCore}.
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
                if (v != null && peer instanceof Batch) {
                    throw misuse("the other end sent a batch, which is one-way: answer it with " + call
                            + "(null), not " + describe(v));
                }
            }
            case FIRST_UNSTARTED -> {
                if (v != null) {
                    throw misuse(firstCallMessage(describe(v)));
                }
            }
            case PENDING -> throw misuse("a reply is pending for the value already handed over: take it with"
                    + " receive() before " + call + (v == null ? "(null)" : "(" + describe(v) + ")"));
            case SECOND_UNSTARTED -> throw misuse("the second endpoint holds the turn only once the first"
                    + " endpoint's start signal has arrived: select it (or receive) before " + call);
            default -> throw misuse("the other end is sending a batch, which is one-way: take it with"
                    + " receive(), not " + call);
        }
        if (!deposit(v, from)) {
            closedOnDeposit(); // only a close takes the slot from the turn's holder: records closed, taken() 0
            return false;
        }
        ownDeposit = false; // a later call never withdraws what post() handed over
        return true;
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
                    Object s = exchange.slotAcquire(); // acquire: pairs with the deposit's release
                    if (!isArrival(s, mine)) {
                        return Outcome.NOTHING;
                    }
                    o = takeReply(s, null, 0, 1); // null: withdrawn meanwhile, look again
                }
                case SECOND_UNSTARTED -> {
                    Object s = exchange.slotAcquire();
                    if (s == Exchange.EMPTY) {
                        return Outcome.NOTHING;
                    }
                    if (s instanceof Closed c) {
                        taken = 0;
                        closed = c;
                        return Outcome.CLOSED;
                    }
                    o = takeValue(s, null, 0);
                    if (o == Outcome.RECEIVED) {
                        received = null; // the start signal
                    }
                }
                case BATCH -> o = takeFromBatch((Batch) peer, null, 0, 1);
                default -> { // TURN, FIRST_UNSTARTED: nothing can arrive before this endpoint deposits
                    if (exchange.closed() instanceof Closed c) {
                        taken = 0;
                        closed = c;
                        return Outcome.CLOSED;
                    }
                    return Outcome.TURN_HELD;
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
