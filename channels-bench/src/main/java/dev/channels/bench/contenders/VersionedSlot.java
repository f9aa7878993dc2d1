package dev.channels.bench.contenders;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** 128 bytes before the slot. */
abstract class VersionedSlotPadBefore {
    long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
}

/** The slot: a version word and the value it publishes, on one cache line. */
abstract class VersionedSlotFields extends VersionedSlotPadBefore {
    volatile long version;
    Object value;
}

/**
 * The slot of {@code versionedFloor} ({@link SlotFloorRoundTrip}): a version word that counts
 * deposits (odd while a deposit is being published, even once it is) and the value beside it, on
 * one line padded on both sides. A deposit is a CAS of the version from the even count its
 * depositor saw to the odd one after it, a plain store of the value, and a release store of the
 * next even count: a CAS from a stale count always fails, which is what lets the deposit CAS, and
 * not an entry CAS, refuse a second thread.
 */
final class VersionedSlot extends VersionedSlotFields {
    long q00, q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;

    /** Acquire read of the version: the value read after it is the one it published. */
    long versionAcquire() {
        return (long) VERSION.getAcquire(this);
    }

    /**
     * Deposits {@code v} after the even version {@code seen}; returns the version that publishes
     * it, or -1 if the version moved (a stale view).
     */
    long deposit(long seen, Object v) {
        if (!VERSION.compareAndSet(this, seen, seen + 1)) { // volatile CAS: the one locked instruction
            return -1L;
        }
        value = v; // plain: published by the release store below
        VERSION.setRelease(this, seen + 2); // release: a plain store on x86, the second to this line
        return seen + 2;
    }

    /** The value published by the version last read with {@link #versionAcquire}. */
    Object value() {
        return value;
    }

    private static final VarHandle VERSION;

    static {
        try {
            VERSION = MethodHandles.lookup().findVarHandle(VersionedSlotFields.class, "version", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
