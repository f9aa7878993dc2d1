package dev.channels;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * The fields of a {@link ReadyQueue} that the members' other ends read and write (padded away from
 * the selector's own, which change with every select, and from the objects allocated beside it).
 */
abstract class ReadyQueueSignals<I, O> extends PadBefore {
    /** Members signalled since the last drain, newest first (a Treiber stack). */
    volatile Member<I, O> head;
    /** The selecting thread while it is parked, else null. */
    volatile Thread waiter;
    /**
     * 1 while the selecting thread looks at every member's slot itself (a small set, not
     * parked): a deposit then needs no signal; else 0. Cleared (volatile) before the last scan that
     * precedes a park; see {@link MemberSignal#signal}. An int (1 or 0), not a boolean: four
     * bytes leave no gap between the fields for the JVM to fill with padding.
     */
    volatile int scanning;
}

/** 128 bytes of padding after them. */
abstract class ReadyQueuePadAfter<I, O> extends ReadyQueueSignals<I, O> {
    byte q000, q001, q002, q003, q004, q005, q006, q007, q008, q009, q010, q011, q012, q013, q014, q015;
    byte q016, q017, q018, q019, q020, q021, q022, q023, q024, q025, q026, q027, q028, q029, q030, q031;
    byte q032, q033, q034, q035, q036, q037, q038, q039, q040, q041, q042, q043, q044, q045, q046, q047;
    byte q048, q049, q050, q051, q052, q053, q054, q055, q056, q057, q058, q059, q060, q061, q062, q063;
    byte q064, q065, q066, q067, q068, q069, q070, q071, q072, q073, q074, q075, q076, q077, q078, q079;
    byte q080, q081, q082, q083, q084, q085, q086, q087, q088, q089, q090, q091, q092, q093, q094, q095;
    byte q096, q097, q098, q099, q100, q101, q102, q103, q104, q105, q106, q107, q108, q109, q110, q111;
    byte q112, q113, q114, q115, q116, q117, q118, q119, q120, q121, q122, q123, q124, q125, q126, q127;
}

/**
 * A {@link Selector}'s queue of members to look at: a lock-free stack that signalling threads push
 * onto (any thread), drained by the selecting thread into a local queue, oldest first (a fair set)
 * or into bits by member index (a priority set). Also where the selecting thread parks.
 *
 * <p>A member is on it at most once ({@link Member#queued}); see the Selectors paragraph of the
 * overview in {@link ExchangeCore} for the handshakes.
 */
final class ReadyQueue<I, O> extends ReadyQueuePadAfter<I, O> {

    /**
     * Sets of at most this many members are scanned while the selector spins: it reads their
     * slots itself, and their other ends skip the signal (two locked instructions each side).
     */
    static final int SCAN_LIMIT = 8;

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
        this.scanning = scans ? 1 : 0; // published with the selector (its constructor ends with a release)
    }

    /** MemberSignal.signal: true while the selector scans the slots itself (volatile: Dekker with stopScanning). */
    boolean scanning() {
        return scanning != 0;
    }

    /** Before the scan that precedes a park. Volatile: ordered before that scan's volatile slot reads. */
    void stopScanning() {
        scanning = 0;
    }

    /** After a park, or a return after a stop. Opaque: a signaller that still reads 0 only pushes needlessly. */
    void resumeScanning() {
        SCANNING.setOpaque(this, 1);
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

    /** Member.signalClosed: pushes a member (its queued flag just set), then wakes the selector if it parked. */
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
                reversed.dequeued(); // volatile: before its look (Member.signalClosed)
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
            HEAD = l.findVarHandle(ReadyQueueSignals.class, "head", Member.class);
            WAITER = l.findVarHandle(ReadyQueueSignals.class, "waiter", Thread.class);
            SCANNING = l.findVarHandle(ReadyQueueSignals.class, "scanning", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
