package dev.channels.bench.contenders;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** 128 bytes before the slot. */
abstract class PaddedSlotPadBefore {
    long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
}

/** The slot. */
abstract class PaddedSlotValue extends PaddedSlotPadBefore {
    volatile Object value;
}

/**
 * One reference alone on its cache lines (128 bytes of padding on each side, by class layering),
 * with acquire loads and compare-and-set: the single slot of the {@code protocolFloor}
 * contenders.
 */
final class PaddedSlot extends PaddedSlotValue {
    long q00, q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;

    /** Acquire read. */
    Object getAcquire() {
        return VALUE.getAcquire(this);
    }

    /** Release store: a plain store on x86; pairs with {@link #getAcquire}. */
    void setRelease(Object next) {
        VALUE.setRelease(this, next);
    }

    /** Compare-and-set (volatile semantics; one {@code lock cmpxchg} on x86). */
    boolean compareAndSet(Object expected, Object next) {
        return VALUE.compareAndSet(this, expected, next);
    }

    private static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(PaddedSlotValue.class, "value", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
