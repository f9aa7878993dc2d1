package dev.channels.bench.contenders;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** The slot: a version word and the value it publishes, on one cache line. */
abstract class VersionedSlotFields extends SlotPadBefore {
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
    byte q000, q001, q002, q003, q004, q005, q006, q007, q008, q009, q010, q011, q012, q013, q014, q015;
    byte q016, q017, q018, q019, q020, q021, q022, q023, q024, q025, q026, q027, q028, q029, q030, q031;
    byte q032, q033, q034, q035, q036, q037, q038, q039, q040, q041, q042, q043, q044, q045, q046, q047;
    byte q048, q049, q050, q051, q052, q053, q054, q055, q056, q057, q058, q059, q060, q061, q062, q063;
    byte q064, q065, q066, q067, q068, q069, q070, q071, q072, q073, q074, q075, q076, q077, q078, q079;
    byte q080, q081, q082, q083, q084, q085, q086, q087, q088, q089, q090, q091, q092, q093, q094, q095;
    byte q096, q097, q098, q099, q100, q101, q102, q103, q104, q105, q106, q107, q108, q109, q110, q111;
    byte q112, q113, q114, q115, q116, q117, q118, q119, q120, q121, q122, q123, q124, q125, q126, q127;

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
