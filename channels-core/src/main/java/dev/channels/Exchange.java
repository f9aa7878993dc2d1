package dev.channels;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/** The shared, hot fields of one channel: both endpoints and any closing thread write them. */
abstract class ExchangeFields extends PadBefore {
    /**
     * The single slot: {@link Exchange#EMPTY}, the last deposit (a value or {@link Batch}, taken or
     * not: see {@link TakeCount}), or a {@link Closed} state. Written by CAS only: deposits by the
     * endpoint holding the turn, withdrawal by a depositor, close by any thread.
     */
    volatile Object slot;

    /**
     * Who to tell when the first endpoint has something new: its thread while it is parked
     * (published just before parking), else null.
     */
    volatile Thread firstWaiter;

    /** The same for the second endpoint. */
    volatile Thread secondWaiter;

    /**
     * The first endpoint's {@link MemberSignal} while it belongs to a {@link Selector} (published
     * for the whole membership), else null. A field of its own, typed, so that a depositor tells
     * a thread from a selector without reading the object's header (on a line of its own: see
     * MemberSignal).
     */
    volatile MemberSignal firstSignal;

    /** The same for the second endpoint. */
    volatile MemberSignal secondSignal;
}

/** 128 bytes of padding after the slot. */
abstract class ExchangePadAfter extends ExchangeFields {
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
 * The shared state of one channel: the slot, the two parked-waiter fields, the two take counts,
 * and close.
 *
 * <p>The protocol that drives the slot lives in {@link ExchangeCore}; see its overview. This
 * class holds the fields, their access modes and the one operation that is not an endpoint's:
 * {@link #close}, which any thread may call at any time.
 */
final class Exchange extends ExchangePadAfter {

    /** Slot content before the first endpoint's first deposit (and after it is withdrawn). */
    static final Object EMPTY = new Marker("EMPTY");

    /**
     * Deposited by the first endpoint in place of a value that is the very reference it just took
     * (the second endpoint's last deposit). The second endpoint waits for the slot to differ from
     * its own deposit, so an identical reference would go unseen; the marker tells it "your own
     * value came back". The second endpoint decodes it to the value it deposited.
     */
    static final Object FIRST_ECHO = new Marker("FIRST_ECHO");

    /** The same as {@link #FIRST_ECHO}, deposited by the second endpoint. */
    static final Object SECOND_ECHO = new Marker("SECOND_ECHO");

    final WaitStrategy strategy;

    /** A number for this channel in messages and thread dumps: channel#id. */
    final int id = IDS.incrementAndGet();

    /** The first endpoint's count of the second's single deposits taken, and the other way round. */
    final TakeCount firstTakes = new TakeCount();
    final TakeCount secondTakes = new TakeCount();
    /**
     * The first endpoint's {@link Batch} once it has one (it makes one, on its first
     * {@code sendAll}, and keeps it), else null; the second's in {@link #secondBatch}. The other end
     * tells the batch in the slot from a value by this reference, not by the deposit's class: a
     * fresh value's header lies on a line its sender's core has just written, and reading it would
     * cost one more trip between the cores per hand-off. Here, past the slot's padding, on a line
     * that nothing writes once the batches exist and no close has begun (on the slot's own line
     * they measured no better). Plain: written once, before the batch's first deposit, whose
     * volatile CAS publishes it; compared only with what an acquire read of the slot returned
     * after that CAS, and a stale null never equals a batch.
     */
    Batch firstBatch;
    Batch secondBatch;
    /**
     * The {@link Closed} state that a close is putting into the slot (or has put), else null; the
     * first close claims it by CAS (first close wins). A closed slot is told by this reference,
     * for the reason given at {@link #firstBatch}. Volatile for the close's writes (its claim and
     * each retry's state, all before the slot CAS that publishes the state); read plain by
     * {@link #closedIn}.
     */
    volatile Closed closing;

    private static final java.util.concurrent.atomic.AtomicInteger IDS = new java.util.concurrent.atomic.AtomicInteger();

    Exchange(WaitStrategy strategy) {
        this.strategy = strategy;
        // plain: every thread reaches this object through an endpoint's final field, whose freeze
        // makes this write visible
        SLOT.set(this, EMPTY);
    }

    // ---- slot accessors, named by access mode ----

    /** Acquire: pairs with the release of a deposit, so a value's (or batch's) fields are visible. */
    Object slotAcquire() {
        return SLOT.getAcquire(this);
    }

    /** Volatile: the re-check after publishing a waiter; half of the Dekker handshake in the park. */
    Object slotVolatile() {
        return slot;
    }

    /**
     * Volatile CAS, used for deposits. Release publishes the value and a batch's fields; the full
     * fence orders the slot write before the following read of the peer's waiter field, the other
     * half of the Dekker handshake (a release CAS could let that read float above it: lost wake-up).
     */
    boolean casSlot(Object expect, Object update) {
        return SLOT.compareAndSet(this, expect, update);
    }

    /**
     * Plain CAS, used to withdraw an untaken deposit: only atomicity is needed (against a close), as
     * the winner reads nothing the loser wrote; a single value's withdrawal is ordered after its
     * acquire claim of the other end's take count.
     */
    boolean casSlotPlain(Object expect, Object update) {
        // A strong CAS without ordering: weak plain CAS in a loop, retried only while the slot still
        // holds the expected value (a weak CAS may fail spuriously).
        while (!SLOT.weakCompareAndSetPlain(this, expect, update)) {
            if (SLOT.getOpaque(this) != expect) {
                return false;
            }
        }
        return true;
    }

    /**
     * Acquire: the close state a close has claimed, or null. A close that this thread has seen in
     * the slot (or that happened before it in any other way) is seen here, since the claim is
     * written before the slot CAS that publishes the state. On its own line, past the slot's
     * padding, which nothing writes while no close has begun: cheaper to read than the slot.
     */
    Closed closingAcquire() {
        return (Closed) CLOSING.getAcquire(this);
    }

    // ---- telling the library's own slot contents from values, by reference ----

    /** The given endpoint's batch, or null if it has none yet. Plain: see {@link #firstBatch}. */
    Batch batchOf(boolean first) {
        return first ? firstBatch : secondBatch;
    }

    /** Records the given endpoint's batch, once, before its first deposit. */
    void setBatch(boolean first, Batch b) {
        if (first) {
            firstBatch = b;
        } else {
            secondBatch = b;
        }
    }

    /**
     * {@code s}, read from the slot, as the close state if it is one, else null; without reading
     * {@code s}'s header (see {@link #firstBatch}).
     */
    Closed closedIn(Object s) {
        // plain: a Closed read from the slot (acquire) was published by the CAS that follows the
        // write of closing; any other s, a value, equals no Closed, stale or not
        Closed c = (Closed) CLOSING.get(this);
        return s == c ? c : null; // s == c == null: a null value, not a close
    }

    // ---- waiter accessors ----

    /** Volatile: read after a deposit or close; the Dekker partner of {@link #setWaiterVolatile}. */
    Thread waiterVolatile(boolean first) {
        return first ? firstWaiter : secondWaiter;
    }

    /**
     * Volatile: publishes a thread about to park; the store must be ordered before the re-check
     * that follows it.
     */
    void setWaiterVolatile(boolean first, Thread waiter) {
        if (first) {
            firstWaiter = waiter;
        } else {
            secondWaiter = waiter;
        }
    }

    /** Volatile: read after a deposit or close, like the waiter (the member's signal handshakes are in MemberCore). */
    MemberSignal signalVolatile(boolean first) {
        return first ? firstSignal : secondSignal;
    }

    /**
     * Volatile: a selector publishes a member's signal before its first look at the member, and
     * clears it when the member leaves; ordered before what the selector does next.
     */
    void setSignalVolatile(boolean first, MemberSignal signal) {
        if (first) {
            firstSignal = signal;
        } else {
            secondSignal = signal;
        }
    }

    /** Opaque: clears a waiter after its wait; a stale non-null read costs only a spurious unpark. */
    void clearWaiterOpaque(boolean first) {
        (first ? FIRST_WAITER : SECOND_WAITER).setOpaque(this, null);
    }

    /**
     * Unparks the thread parked on the given side, or signals its selector, if either is
     * published. Called after every deposit and close.
     */
    void wake(boolean first) {
        Thread waiter = waiterVolatile(first); // volatile: follows a volatile CAS (Dekker)
        if (waiter != null) {
            LockSupport.unpark(waiter);
        }
        MemberSignal s = signalVolatile(first); // volatile: as above (same cache line)
        if (s != null) {
            s.signal();
        }
    }

    /** wake() for a close: a selector is always signalled, even while it scans. */
    private void wakeClosed(boolean first) {
        Thread waiter = waiterVolatile(first); // volatile: follows the closing volatile CAS (Dekker)
        if (waiter != null) {
            LockSupport.unpark(waiter);
        }
        MemberSignal s = signalVolatile(first); // volatile: as above
        if (s != null) {
            s.signalClosed();
        }
    }

    /**
     * Closes the channel: swaps a {@link Closed} state into the slot. The first close wins; later
     * ones return false. A batch in the slot is frozen before and again after the swap (see
     * {@link #closedSlot}), so that no item is taken after the close; then both parked waiters
     * are woken.
     */
    boolean close(boolean byFirst, Throwable cause) {
        Object s = slotVolatile();
        Closed c = new Closed(byFirst, cause, s);
        if (!CLOSING.compareAndSet(this, null, c)) { // volatile CAS: the first close wins
            awaitClosed(); // another close is putting its state in: return once it is there
            return false;
        }
        for (;;) {
            if (s instanceof Batch b) {
                // Freezing first: a take that beats the freeze counts as before the close. If the CAS
                // below then fails, the slot moved on (the batch was finished or retracted), and
                // the loop looks again.
                b.freezeNoWait();
            }
            // volatile CAS: publishes the state and orders the close before the reads of the
            // waiter fields (Dekker)
            if (casSlot(s, c)) {
                closedSlot(s);
                return true;
            }
            s = slotVolatile();
            c = new Closed(byFirst, cause, s);
            closing = c; // volatile: written before the CAS that publishes it (see closing)
        }
    }

    /**
     * The rest of a close once its state is in the slot in place of {@code replaced}: freezes a
     * batch found there once more, then wakes both ends. The freeze before the CAS may have frozen
     * an earlier generation of the same {@link Batch} object: between that freeze and the CAS the
     * batch can be finished, answered and deposited again by its sender as a new generation (or
     * the sender's re-arm can overwrite a freeze that reached the descriptor while it was out of the
     * slot), and the CAS, which compares references, then succeeds on the new one. Frozen now, no
     * take starts after close() returns; takes between the CAS and this freeze overlap the close.
     * Its sender cannot arm the batch again: its deposit is the one the close replaced.
     */
    void closedSlot(Object replaced) {
        if (replaced instanceof Batch b) {
            b.freezeNoWait();
        }
        wakeClosed(true);
        wakeClosed(false);
    }

    /**
     * Waits for a close that has begun (claimed {@link #closing}, or frozen a batch) to put its
     * state into the slot, and returns that state.
     */
    Closed awaitClosed() {
        Closed c;
        for (int spins = 0; (c = closed()) == null; spins++) {
            if ((spins & 63) == 63) {
                Thread.yield(); // the closing thread may need this core
            } else {
                Thread.onSpinWait();
            }
        }
        return c;
    }

    /** The close state, or null while the channel is open. */
    Closed closed() {
        return closedIn(slotAcquire()); // acquire: the state's fields, and closing, are visible
    }

    @Override
    public String toString() {
        return "channel#" + id;
    }

    /** A private sentinel; never equal to a user value. */
    static final class Marker {
        private final String name;

        Marker(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    // ---- VarHandle mechanics ----
    private static final VarHandle SLOT;
    private static final VarHandle FIRST_WAITER;
    private static final VarHandle SECOND_WAITER;
    private static final VarHandle CLOSING;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            SLOT = l.findVarHandle(ExchangeFields.class, "slot", Object.class);
            FIRST_WAITER = l.findVarHandle(ExchangeFields.class, "firstWaiter", Thread.class);
            SECOND_WAITER = l.findVarHandle(ExchangeFields.class, "secondWaiter", Thread.class);
            CLOSING = l.findVarHandle(Exchange.class, "closing", Closed.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
        // Load LockSupport now, not on the first park: class loading inside a wait is slow and
        // can fail for lack of memory at the worst moment (JDK-8074773).
        LockSupport.unpark(null);
        // Initialize now the classes that the hot path names in its signatures but a program may
        // never use (a Batch before the first sendAll, a MemberSignal before the first select):
        // C2 does not inline a method whose signature names a class not yet loaded, nor a method
        // of a class not yet linked (-XX:+PrintInlining: "unloaded signature classes", "callee's
        // klass not linked yet"), and left so, every deposit called signalVolatile (which returns
        // a MemberSignal) to wake the other end (ADR 0008, "Found: classes the JIT had not seen").
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            l.ensureInitialized(Batch.class);
            l.ensureInitialized(MemberSignal.class);
            l.ensureInitialized(Closed.class);
        } catch (IllegalAccessException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
