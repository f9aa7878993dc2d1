package dev.channels;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Iterator;

/**
 * The descriptor of one {@code sendAll}: an array region or an iterator, handed over through the
 * slot in one deposit. Each endpoint owns one, created on its first {@code sendAll} and reused, so a
 * batch allocates nothing in steady state.
 *
 * <p><b>Fields.</b> The sender writes {@link #items}, {@link #offset}, {@link #length} or
 * {@link #iterator} with plain stores before it deposits the descriptor; the deposit's release
 * publishes them to the receiver, which reads them after its acquiring read of the slot. A
 * receiver that read the slot before the sender retracted the batch and re-armed it reads the new
 * generation's fields after acquiring its state: arming stores the state with release for that.
 * {@link #failure} is written by the receiver before the release CAS that marks the batch failed.
 *
 * <p><b>State word</b> ({@link #state}), one {@code long}:
 * <pre>
 *   bits  0..30  count: items taken so far (array) or pulled so far (iterator)
 *   bit   31     FROZEN: no more items may be taken (sender retracting, or channel closed)
 *   bit   32     BUSY: the receiver is inside the iterator's hasNext()/next()
 *   bit   33     FREEZE_REQUESTED: a freeze arrived while BUSY; the receiver freezes when it leaves
 *   bit   34     ENDED: the iterator reported no more items
 *   bit   35     FAILED: the iterator threw (see {@link #failure})
 *   bit   36     ARMED: prepared but not yet deposited; not takeable until {@link #open} clears it
 *   bit   37     MANY: an iterator batch handed over more than {@link #COUNT_MASK} items; the count
 *                wrapped to 0 (an endless iterator must not carry into FROZEN)
 *   bits 38..63  generation, bumped by every {@link #armArray}/{@link #armIterator}
 * </pre>
 * An array batch never sets MANY (its length is an int); {@link #count} reports a batch with MANY
 * set as {@link Integer#MAX_VALUE} items taken, so every "was anything taken" test stays right.
 * ARMED closes a gap: a receiver that saw an earlier deposit of this descriptor might otherwise
 * take from the re-armed batch before (or without, if a close wins) its deposit.
 * A take is a CAS from the exact state the taker read, so it fails if the batch was frozen, or
 * retracted and re-armed (new generation) in between: a stale receiver can never take from the
 * wrong batch. The receiver copies items <em>before</em> its CAS, so the sender, once it has
 * observed a count, may reuse its array: every take it counted finished reading first.
 */
final class Batch {
    static final long COUNT_MASK = 0x7fff_ffffL;
    static final long FROZEN = 1L << 31;
    static final long BUSY = 1L << 32;
    static final long FREEZE_REQUESTED = 1L << 33;
    static final long ENDED = 1L << 34;
    static final long FAILED = 1L << 35;
    static final long ARMED = 1L << 36;
    static final long MANY = 1L << 37;
    static final long GENERATION_UNIT = 1L << 38;
    private static final long GENERATION_MASK = -GENERATION_UNIT;

    /** Any of these means no take may happen now. */
    static final long STOPPED = FROZEN | ENDED | FAILED | ARMED;

    // written by the sender before the deposit; read by the receiver after acquiring the slot
    Object[] items;
    int offset;
    int length;
    Iterator<?> iterator;

    // written by the receiver before its release CAS sets FAILED; read by the sender after acquiring
    Throwable failure;

    volatile long state;

    // the receiver's own, plain: touched only by the thread taking from this batch
    /** Items taken by the last {@link #take}. */
    int took;
    /** The item of a single take (a receive() from a batch), until the receiver returns it. */
    Object one;
    /**
     * An item pulled from the iterator that did not fit the caller's array (ArrayStoreException):
     * it counts as taken and the next take returns it first. Null if none (null fits any array).
     */
    Object held;

    /** The sender's channel and side: a receiver leaving the iterator wakes a sender waiting for that. */
    private final Exchange exchange;
    private final boolean senderIsFirst;

    Batch(Exchange exchange, boolean senderIsFirst) {
        this.exchange = exchange;
        this.senderIsFirst = senderIsFirst;
    }

    /** What a {@link #take} found. */
    enum Step {
        /** {@link #took} items (at least one) were taken. */
        ITEMS,
        /** The iterator is exhausted or failed: the batch is over ({@link #took} may be 0). */
        ENDED,
        /** An array batch whose items were all taken by earlier calls: the receiver holds the turn. */
        COMPLETE,
        /** Frozen, or not takeable: the receiver must look at the slot (withdrawn, cut short, closed). */
        STOPPED
    }

    /** Prepares an array batch. Plain stores; the deposit CAS publishes them. */
    void armArray(Object[] items, int offset, int length) {
        this.items = items;
        this.offset = offset;
        this.length = length;
        this.iterator = null;
        this.failure = null;
        // release: a receiver that acquires the new generation sees the fields above
        STATE.setRelease(this, nextGeneration(stateOpaque()) | ARMED);
    }

    /** Prepares an iterator batch. */
    void armIterator(Iterator<?> iterator) {
        this.items = null;
        this.offset = 0;
        this.length = 0;
        this.iterator = iterator;
        this.failure = null;
        STATE.setRelease(this, nextGeneration(stateOpaque()) | ARMED); // release: as in armArray
    }

    /**
     * Makes a deposited batch takeable. Fails if a close froze it between the deposit and now.
     * Volatile CAS: a receiver that found it ARMED and parked re-checks the state after publishing
     * itself, and the sender reads the waiter after this: a Dekker pair with both sides volatile.
     */
    boolean open() {
        long s = stateOpaque();
        return (s & ARMED) != 0L && STATE.compareAndSet(this, s, s & ~ARMED);
    }

    /** Drops the references to the sender's array or iterator once the batch is over. */
    void disarm() {
        items = null;
        iterator = null;
        failure = null;
    }

    boolean isIterator() {
        return iterator != null;
    }

    private static long nextGeneration(long state) {
        return (state & GENERATION_MASK) + GENERATION_UNIT;
    }

    /** Items taken; {@link Integer#MAX_VALUE} once an iterator batch handed over more (MANY). */
    static int count(long state) {
        return (state & MANY) != 0L ? Integer.MAX_VALUE : (int) (state & COUNT_MASK);
    }

    /** The state after one more item pulled: the count wraps into MANY instead of carrying into FROZEN. */
    static long pulledOne(long state) {
        return (state & COUNT_MASK) == COUNT_MASK ? (state & ~COUNT_MASK) | MANY : state + 1;
    }

    static boolean stopped(long state) {
        return (state & STOPPED) != 0L;
    }

    /**
     * Opaque: the sender's own reads of the state while the batch is not deposited, where only it
     * writes, except a close's freeze that read the batch from the slot before it was finished or
     * withdrawn: the next arm overwrites that freeze, and the close freezes again once its state
     * is in the slot ({@code Exchange.closedSlot}).
     */
    long stateOpaque() {
        return (long) STATE.getOpaque(this);
    }

    /**
     * Tells whether the state is still {@code st}, judged after every read made before this call:
     * the acquire fence keeps earlier plain reads of the fields from being satisfied after this
     * re-read (load-load reordering, allowed by the JMM and done by ARM and POWER), so fields read
     * before it belong to the generation of a state seen unchanged here.
     */
    boolean unchangedSince(long st) {
        VarHandle.acquireFence();
        return stateAcquire() == st;
    }

    /** Acquire: pairs with the release of the last take or freeze, and with the deposit. */
    long stateAcquire() {
        return (long) STATE.getAcquire(this);
    }

    /**
     * Release CAS for an array take: the copy of the items (made before it) happens-before the
     * sender's freeze or completion that reads this count, so the sender may reuse its array.
     */
    boolean casStateRelease(long expect, long update) {
        return (long) STATE.compareAndExchangeRelease(this, expect, update) == expect;
    }

    /**
     * Volatile CAS for the iterator handshake (claim, release, freeze request): the receiver reads
     * the sender's waiter field right after releasing a claim, and the sender re-checks this state
     * after publishing itself as a waiter: a Dekker pair, which needs both sides volatile.
     */
    boolean casState(long expect, long update) {
        return STATE.compareAndSet(this, expect, update);
    }

    /**
     * True if no take has succeeded and none may: the batch is armed but not yet open, or its
     * sender is retracting it. A waiting receiver treats it as no deposit at all. Volatile read:
     * the re-check half of the Dekker pair with {@link #open}.
     */
    boolean isUnavailable() {
        long s = state;
        return (s & (FROZEN | ARMED)) != 0L && count(s) == 0;
    }

    /**
     * Stops further takes without waiting: sets FROZEN, or FREEZE_REQUESTED if the receiver is
     * inside the iterator (it freezes the batch as it leaves). Returns the resulting state.
     * Volatile CAS: a closer reads waiters after it; the sender reads the count after it.
     */
    long freezeNoWait() {
        for (;;) {
            long s = state;
            if ((s & (FROZEN | FREEZE_REQUESTED)) != 0L) {
                return s;
            }
            long update = (s & BUSY) != 0L ? s | FREEZE_REQUESTED : s | FROZEN;
            if (STATE.compareAndSet(this, s, update)) {
                return update;
            }
        }
    }

    // ---- the receiver's side: takes ----

    /**
     * Takes up to {@code max} items into {@code dest[at..]}, or one item into {@link #one} if
     * {@code dest} is null. {@code continuing}: the receiver took from this batch in earlier calls.
     * An item held from an earlier call comes first.
     */
    Step take(Object[] dest, int at, int max, boolean continuing) {
        if (held != null) {
            if (dest == null) {
                one = held;
            } else {
                dest[at] = held; // may throw ArrayStoreException again: then it stays held
            }
            held = null;
            took = 1;
            return Step.ITEMS;
        }
        for (;;) {
            Step s = isIterator() ? pull(dest, at, dest == null ? 1 : max) : copy(dest, at, dest == null ? 1 : max, continuing);
            if (s != null) {
                return s;
            }
            // null: re-armed as the other kind (array or iterator) since the choice above: choose again
        }
    }

    /** Takes up to {@code max} items of an array batch; null if this generation is an iterator batch. */
    private Step copy(Object[] dest, int at, int max, boolean continuing) {
        for (;;) {
            long st = stateAcquire(); // acquire: the fields of this generation are visible
            if (stopped(st)) {
                return Step.STOPPED;
            }
            int k = count(st);
            Object[] items = this.items;
            int offset = this.offset;
            int length = this.length;
            if (continuing && k == length) {
                return Step.COMPLETE; // not stopped, so the sender has neither frozen nor disarmed it
            }
            if (items == null || k >= length || offset < 0 || length > items.length - offset) {
                if (items == null && k == 0 && iterator != null && unchangedSince(st)) {
                    return null; // this generation is an iterator batch
                }
                staleView(st); // re-armed or disarmed meanwhile: its state has moved on
                continue;
            }
            int m = Math.min(length - k, max);
            try {
                if (dest == null) {
                    one = items[offset + k];
                } else {
                    System.arraycopy(items, offset + k, dest, at, m); // before the CAS: see the class doc
                }
            } catch (ArrayStoreException e) {
                if (unchangedSince(st)) {
                    throw e; // a real type mismatch; nothing was taken
                }
                continue; // a stale view
            }
            if (casStateRelease(st, st + m)) { // release: our reads of items precede the count
                took = m;
                return Step.ITEMS;
            }
            one = null;
        }
    }

    /** Pulls up to {@code max} items of an iterator batch on this thread; null if it is an array batch. */
    private Step pull(Object[] dest, int at, int max) {
        int got = 0;
        while (got < max) {
            long st = stateAcquire();
            if (stopped(st)) {
                if (got > 0) {
                    break;
                }
                return Step.STOPPED;
            }
            Iterator<?> it = iterator;
            if (it == null) {
                if (got == 0 && items != null && unchangedSince(st)) {
                    return null; // this generation is an array batch
                }
                staleView(st);
                continue;
            }
            if (!casState(st, st | BUSY)) { // claim: from here the iterator is ours
                continue;
            }
            if (!pullOne(it, dest, at + got)) {
                took = got;
                return Step.ENDED;
            }
            if (held != null) { // the item does not fit dest: return the items before it, or report
                if (got > 0) {
                    break;
                }
                ArrayStoreException e = new ArrayStoreException("the item pulled from the iterator does not fit "
                        + dest.getClass().getComponentType().getName() + "[]: " + held.getClass().getName()
                        + " (it counts as taken and the next call returns it)");
                throw e;
            }
            got++;
        }
        took = got;
        return Step.ITEMS;
    }

    /**
     * Pulls one item while holding the claim (BUSY), then releases the claim, freezing the batch
     * if a freeze was requested meanwhile. Returns false if the iterator had no more items or
     * threw (the batch is then ENDED or FAILED).
     */
    private boolean pullOne(Iterator<?> it, Object[] dest, int at) {
        boolean has = false;
        Throwable failure = null; // the iterator threw: the batch fails, the sender rethrows it
        try {
            if (it.hasNext()) {
                Object item = it.next();
                has = true; // pulled, so taken, even if it does not fit dest
                if (dest == null) {
                    one = item;
                } else {
                    try {
                        dest[at] = item;
                    } catch (ArrayStoreException e) {
                        held = item;
                    }
                }
            }
        } catch (Throwable t) {
            failure = t;
        }
        if (failure != null) {
            this.failure = failure; // plain: released by the CAS below
        }
        long cur;
        long update;
        do { // release the claim; freeze if a freeze was requested meanwhile
            cur = state;
            update = cur & ~(BUSY | FREEZE_REQUESTED);
            update = has ? pulledOne(update) : update | (failure != null ? FAILED : ENDED);
            if ((cur & FREEZE_REQUESTED) != 0L) {
                update |= FROZEN;
            }
        } while (!casState(cur, update)); // volatile: Dekker with a sender waiting for the freeze
        if ((cur & FREEZE_REQUESTED) != 0L) {
            exchange.wake(senderIsFirst);
        }
        return has;
    }

    /**
     * Fields that do not match the state read before them come from a sender that froze and then
     * re-armed or disarmed the batch, which changes the state first. An unchanged state here
     * would be a bug in this class, not a race.
     */
    private void staleView(long st) {
        if (unchangedSince(st)) {
            throw new AssertionError("batch fields do not match its unchanged state: " + this);
        }
    }

    /** Volatile: the sender's re-check while it waits for the receiver to leave the iterator. */
    long stateVolatile() {
        return state;
    }

    @Override
    public String toString() {
        long s = stateOpaque();
        return "Batch[" + (isIterator() ? "iterator" : "array, length " + length) + ", count " + count(s)
                + ((s & FROZEN) != 0L ? ", frozen" : "") + ((s & ENDED) != 0L ? ", ended" : "")
                + ((s & FAILED) != 0L ? ", failed" : "") + "]";
    }

    // ---- VarHandle mechanics ----
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Batch.class, "state", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
