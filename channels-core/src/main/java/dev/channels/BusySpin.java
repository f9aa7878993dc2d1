package dev.channels;

/** {@link WaitStrategy#busySpin()}: never parks. */
final class BusySpin implements WaitStrategy {
    static final BusySpin INSTANCE = new BusySpin();

    /** A virtual thread yields its carrier once per this many steps (a power of two). */
    static final int VIRTUAL_YIELD_PERIOD = 256;

    private BusySpin() {
    }

    @Override
    public boolean idle(int attempt) {
        if ((attempt & (VIRTUAL_YIELD_PERIOD - 1)) == VIRTUAL_YIELD_PERIOD - 1 && Thread.currentThread().isVirtual()) {
            Thread.yield();
        } else {
            Thread.onSpinWait();
        }
        return true;
    }

    @Override
    public String toString() {
        return "WaitStrategy.busySpin()";
    }
}
