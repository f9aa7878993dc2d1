package dev.channels;

/**
 * How an endpoint takes items from the other end's batch: its side of the batch's state machine,
 * which {@link Batch} owns (see "Batches" in the overview of {@link ExchangeCore}). Owner-only
 * fields, like the rest of the endpoint's.
 */
abstract class BatchTakes extends EndpointWaits {

    BatchTakes(Exchange exchange, boolean first) {
        super(exchange, first);
    }

    /**
     * Takes from the other end's batch: RECEIVED, TURN_HELD (the batch is over: ask for more),
     * CLOSED, or null (withdrawn by its sender: wait again).
     */
    final Outcome takeFromBatch(Batch b, Object[] dest, int at, int max) {
        Batch.Step step;
        try {
            step = b.take(dest, at, max, phase == Phase.BATCH);
        } catch (ArrayStoreException e) {
            if (b.held != null) { // an item was pulled and did not fit: it counts as taken
                peer = b;
                phase = Phase.BATCH;
            }
            throw e;
        }
        switch (step) {
            case ITEMS -> {
                peer = b;
                phase = Phase.BATCH;
                return delivered(b, dest);
            }
            case ENDED -> {
                peer = b;
                phase = Phase.TURN; // the batch is over: the turn is this endpoint's
                return b.took > 0 ? delivered(b, dest) : Outcome.TURN_HELD;
            }
            case COMPLETE -> {
                phase = Phase.TURN; // every item was taken by earlier calls: ask for more
                return Outcome.TURN_HELD;
            }
            default -> {
                return stoppedBatch(b);
            }
        }
    }

    private Outcome delivered(Batch b, Object[] dest) {
        count = b.took;
        if (dest == null) {
            received = b.one;
            b.one = null;
        }
        return Outcome.RECEIVED;
    }

    /**
     * A batch that stopped before this call took anything from it: frozen before any take (its
     * sender is withdrawing it: null), cut short after some (take the turn), or closed.
     */
    private Outcome stoppedBatch(Batch b) {
        long st = b.stateAcquire();
        if (Batch.count(st) == 0 && (st & (Batch.ENDED | Batch.FAILED)) == 0L && phase != Phase.BATCH) {
            return null;
        }
        Closed c = exchange.closed();
        if (c != null) {
            closed = c;
            return Outcome.CLOSED;
        }
        peer = b;
        phase = Phase.TURN;
        return Outcome.TURN_HELD;
    }
}
