package dev.channels.bench.rig;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** 128 bytes before the value. */
abstract class PaddedLongPadBefore {
    long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
}

/** The value. */
abstract class PaddedLongValue extends PaddedLongPadBefore {
    volatile long value;
}

/**
 * A volatile long alone on its cache lines (128 bytes of padding on each side, by class layering,
 * which the JVM keeps in order), so that a thread spinning on it shares the line with nothing
 * else.
 */
public final class PaddedLong extends PaddedLongValue {
    long q00, q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;

    /**
     * Creates the long.
     *
     * @param initial its first value
     */
    public PaddedLong(long initial) {
        value = initial;
    }

    /**
     * Volatile read.
     *
     * @return the value
     */
    public long get() {
        return value;
    }

    /**
     * Volatile (sequentially consistent) store: on x86 a store and a fence.
     *
     * @param v the new value
     */
    public void set(long v) {
        value = v;
    }

    /**
     * Acquire read: pairs with {@link #setRelease}.
     *
     * @return the value
     */
    public long getAcquire() {
        return (long) VALUE.getAcquire(this);
    }

    /**
     * Release store: a plain store on x86. Pairs with {@link #getAcquire}.
     *
     * @param v the new value
     */
    public void setRelease(long v) {
        VALUE.setRelease(this, v);
    }

    /**
     * Compare-and-set (volatile semantics; one {@code lock cmpxchg} on x86).
     *
     * @param expected the value expected
     * @param next     the new value
     * @return true if the value was {@code expected} and is now {@code next}
     */
    public boolean compareAndSet(long expected, long next) {
        return VALUE.compareAndSet(this, expected, next);
    }

    // ---- VarHandle mechanics ----
    private static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(PaddedLongValue.class, "value", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
