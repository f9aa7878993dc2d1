package dev.channels;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@link Selector}'s queue of members to look at: a lock-free stack that signalling threads push
 * onto (any thread), drained by the selecting thread into a local queue, oldest first (a fair set)
 * or into bits by member index (a priority set). Also where the selecting thread parks.
 *
 * <p>A member is on it at most once ({@link Member#queued}); see the Selectors paragraph of the
 * overview in {@link ExchangeCore} for the handshakes.
 */
final class ReadyQueue<I, O> {

    /**
     * Sets of at most this many members are scanned while the selector spins: it reads their
     * slots itself, and their other ends skip the signal (two locked instructions each side).
     */
    static final int SCAN_LIMIT = 8;

    /** Members signalled since the last drain, newest first (a Treiber stack). */
    private volatile Member<I, O> head;
    /** The selecting thread while it is parked, else null. */
    private volatile Thread waiter;
    /**
     * True while the selecting thread looks at every member's slot itself (a small set, not
     * parked): a deposit then needs no signal. Cleared (volatile) before the last scan that
     * precedes a park; see {@link Member#signal}.
     */
    private volatile boolean scanning;

    /** This set is small enough to scan ({@link #SCAN_LIMIT}): it keeps members to look at in bits. */
    final boolean scans;

    // Owned by the selecting thread.
    private final Member<I, O>[] members;
    /** Members to look at, oldest first (fair sets); null for a priority set. */
    private Member<I, O> first;
    private Member<I, O> last;
    /** Members to look at, by index (priority sets); null for a fair set. */
    private final long[] bits;

    ReadyQueue(Member<I, O>[] members, boolean priority) {
        this.members = members;
        this.scans = members.length <= SCAN_LIMIT;
        this.bits = priority || scans ? new long[(members.length + 63) >>> 6] : null;
        this.scanning = scans; // published with the selector (its constructor ends with a release)
    }

    /** Member.signal: true while the selector scans the slots itself (volatile: Dekker with stopScanning). */
    boolean scanning() {
        return scanning;
    }

    /** Before the scan that precedes a park. Volatile: ordered before that scan's volatile slot reads. */
    void stopScanning() {
        scanning = false;
    }

    /** After a park, or a return after a stop. Opaque: a signaller that still reads false only pushes needlessly. */
    void resumeScanning() {
        SCANNING.setOpaque(this, true);
    }

    /** Scanning sets: takes member i's bit (queued by a close, a batch, the first look); true if it was set. */
    boolean takeBit(int i) {
        long bit = 1L << i;
        long w = bits[i >>> 6];
        if ((w & bit) == 0L) {
            return false;
        }
        bits[i >>> 6] = w & ~bit;
        return true;
    }

    /** Member.signal: pushes a member (its queued flag just set), then wakes the selector if it parked. */
    void push(Member<I, O> m) {
        Member<I, O> h;
        do {
            h = head;
            m.next = h; // plain: published by the CAS below
        } while (!HEAD.weakCompareAndSet(this, h, m)); // volatile CAS: ordered before the waiter read (Dekker)
        Thread w = waiter; // volatile
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    /** The selecting thread queues a member itself (its first look, a batch with more items, a close). */
    void add(Member<I, O> m) {
        if (bits != null) {
            bits[m.index >>> 6] |= 1L << m.index;
        } else if (m.requeue()) {
            append(m);
        }
    }

    /**
     * The next member to look at, with its queued flag cleared (volatile, before the look at its
     * slot): the oldest (fair) or the lowest index (priority). Null if none is queued.
     */
    Member<I, O> poll() {
        if (bits != null) {
            drain();
            for (int w = 0; w < bits.length; w++) {
                if (bits[w] != 0L) {
                    int bit = Long.numberOfTrailingZeros(bits[w]);
                    bits[w] &= ~(1L << bit);
                    return members[(w << 6) + bit]; // its flag was cleared by drain()
                }
            }
            return null;
        }
        Member<I, O> m = first;
        if (m == null) {
            if (!drain() || (m = first) == null) {
                return null;
            }
        }
        first = m.next;
        if (first == null) {
            last = null;
        }
        m.next = null;
        m.dequeued();
        return m;
    }

    /** Moves the signalled members to the local queue (or bits), oldest first. False if none. */
    boolean drain() {
        if (head == null) {
            return false;
        }
        @SuppressWarnings("unchecked")
        Member<I, O> m = (Member<I, O>) HEAD.getAndSet(this, null); // volatile: acquires the pushers' links
        Member<I, O> reversed = null;
        while (m != null) {
            Member<I, O> next = m.next;
            m.next = reversed;
            reversed = m;
            m = next;
        }
        while (reversed != null) {
            Member<I, O> next = reversed.next;
            reversed.next = null;
            if (bits != null) {
                reversed.dequeued(); // volatile: before its look (Member.signal)
                bits[reversed.index >>> 6] |= 1L << reversed.index;
            } else {
                append(reversed);
            }
            reversed = next;
        }
        return true;
    }

    private void append(Member<I, O> m) {
        if (last == null) {
            first = m;
        } else {
            last.next = m;
        }
        last = m;
    }

    /** Parks until a member is signalled, the thread is interrupted, or the deadline passes. */
    void park(Object blocker, Thread me, boolean timed, long deadline) {
        waiter = me; // volatile: ordered before the re-check of head (Dekker with push)
        try {
            while (head == null && !me.isInterrupted()) { // volatile re-check
                if (timed) {
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0L) {
                        return;
                    }
                    LockSupport.parkNanos(blocker, remaining);
                } else {
                    LockSupport.park(blocker);
                }
            }
        } finally {
            WAITER.setOpaque(this, null); // a stale read costs a spurious unpark only
        }
    }

    private static final VarHandle HEAD;
    private static final VarHandle WAITER;
    private static final VarHandle SCANNING;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            HEAD = l.findVarHandle(ReadyQueue.class, "head", Member.class);
            WAITER = l.findVarHandle(ReadyQueue.class, "waiter", Thread.class);
            SCANNING = l.findVarHandle(ReadyQueue.class, "scanning", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
