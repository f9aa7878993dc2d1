package dev.channels;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** The hot field: see {@link TakeCount}. */
abstract class TakeCountField extends PadBefore {
    /** Takes so far times {@link TakeCount#UNIT}, plus {@link TakeCount#CLAIMED} while a claim holds. */
    volatile long value;
    /**
     * The thread that last entered a call on this count's endpoint. Diagnostics only (the other
     * end's toString and park blocker name it): plain, written by the owner on entry, read racily.
     */
    Thread lastUser;
}

/** 128 bytes of padding after a take count. */
abstract class TakeCountPadAfter extends TakeCountField {
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
 * How many single deposits of the other end one endpoint has taken: the word that decides, for a
 * deposit that the other end wants back (interrupt, timeout, close), whether it was taken.
 *
 * <p>The taking endpoint is the only one that counts; the depositor reads the count only on its
 * slow path. A take is a CAS from the exact value the taker read (before it read the slot) to that
 * value plus {@link #UNIT}; a pre-take ({@link #preTake}) is the same CAS made before the deposit
 * it takes arrives, and can be given back ({@link #giveBack}). A depositor that wants its deposit
 * back first <em>claims</em> the count: a CAS from the value it expects while its deposit is
 * untaken to that value with
 * {@link #CLAIMED} set. Exactly one of the two CASes wins, so a deposit is either taken or
 * withdrawn, never both. While the claim holds, every take fails; the depositor then restores the
 * slot and releases the claim with the count bumped by one {@link #UNIT}, so that a taker that
 * read the count before the claim can never succeed with a view of the slot from before it.
 * After a close the claim is never released: nothing is taken from a closed channel.
 *
 * <p>It lives on a cache line of its own: the taker CASes it on every take, and the slot's line,
 * which both ends spin on, is not disturbed by it.
 */
final class TakeCount extends TakeCountPadAfter {
    static final long CLAIMED = 1L;
    static final long UNIT = 2L;

    /** Acquire: a taker reads the count, then the slot; pairs with {@link #release}'s release. */
    long acquire() {
        return (long) VALUE.getAcquire(this);
    }

    /** Volatile read, for a depositor's claim loop. */
    long volatileValue() {
        return value;
    }

    /**
     * A take. Plain CAS: only its atomicity against a claim matters; the taker read the slot with
     * acquire before it, so the CAS cannot move above that read.
     */
    boolean take(long expect) {
        // a strong CAS without ordering: weak plain CAS, retried while the value is still expect
        while (!VALUE.weakCompareAndSetPlain(this, expect, expect + UNIT)) {
            if ((long) VALUE.getOpaque(this) != expect) {
                return false;
            }
        }
        return true;
    }

    /**
     * A pre-take: an untimed wait's take of the other end's next single deposit, made before that
     * deposit arrives (see {@link PreTakes}). Volatile CAS: its write, seen by
     * a depositor's claim or peek, must stand in the synchronization order before
     * {@link #giveBack}'s, so that a waiter that gives it back and then reads the slot (volatile)
     * sees every deposit whose depositor counted on it.
     */
    boolean preTake(long expect) {
        return VALUE.compareAndSet(this, expect, expect + UNIT);
    }

    /**
     * Gives a pre-take back: the call that made it ends without the deposit it was for. Volatile
     * CAS (see {@link #preTake}); it cannot fail, as no other write races it: a claim expects the
     * count from before the pre-take, and a take is this endpoint's own.
     */
    void giveBack(long held) {
        if (!VALUE.compareAndSet(this, held, held - UNIT)) {
            throw new IllegalStateException("internal error: a take count changed while its endpoint held a pre-take: " + this);
        }
    }

    /**
     * A depositor's claim. Acquire CAS: the retraction's write to the slot that follows must not
     * move above it (a take could otherwise succeed against a slot already restored).
     */
    boolean claim(long expect) {
        return (long) VALUE.compareAndExchangeAcquire(this, expect, expect | CLAIMED) == expect;
    }

    /**
     * Releases a claim after the slot was restored. Release store: a taker that reads the new
     * count with acquire then sees the restored slot. No other write can race it: takes fail
     * while the claim holds.
     */
    long release(long claimed) {
        long next = (claimed & ~CLAIMED) + UNIT;
        VALUE.setRelease(this, next);
        return next;
    }

    @Override
    public String toString() {
        long v = (long) VALUE.getOpaque(this);
        return (v / UNIT) + ((v & CLAIMED) != 0L ? " (claimed)" : "");
    }

    // ---- VarHandle mechanics ----
    private static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(TakeCountField.class, "value", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
