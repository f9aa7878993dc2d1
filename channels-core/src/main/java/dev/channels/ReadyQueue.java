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

    /** Members signalled since the last drain, newest first (a Treiber stack). */
    private volatile Member<I, O> head;
    /** The selecting thread while it is parked, else null. */
    private volatile Thread waiter;

    // Owned by the selecting thread.
    private final Member<I, O>[] members;
    /** Members to look at, oldest first (fair sets); null for a priority set. */
    private Member<I, O> first;
    private Member<I, O> last;
    /** Members to look at, by index (priority sets); null for a fair set. */
    private final long[] bits;

    ReadyQueue(Member<I, O>[] members, boolean priority) {
        this.members = members;
        this.bits = priority ? new long[(members.length + 63) >>> 6] : null;
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

    /** True if a member was signalled since the last drain: the selecting thread's spin check. */
    boolean signalled() {
        return head != null; // volatile read; no locked instruction while nothing arrives
    }

    /** Moves the signalled members to the local queue (or bits), oldest first. False if none. */
    private boolean drain() {
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

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            HEAD = l.findVarHandle(ReadyQueue.class, "head", Member.class);
            WAITER = l.findVarHandle(ReadyQueue.class, "waiter", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
