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
 *   bits 37..63  generation, bumped by every {@link #armArray}/{@link #armIterator}
 * </pre>
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
    static final long GENERATION_UNIT = 1L << 37;
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

    static int count(long state) {
        return (int) (state & COUNT_MASK);
    }

    static boolean stopped(long state) {
        return (state & STOPPED) != 0L;
    }

    /** Opaque: the sender's own reads of a state only it writes while not deposited. */
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
