package dev.channels;

/** The default {@link WaitStrategy}: spin, then yield, then park. Stateless. */
final class SpinThenPark implements WaitStrategy {

    /*
     * Budgets. Measured on the development machine (2 vCPU AMD EPYC, JDK 25; see
     * bench-results/ and the README): one Thread.onSpinWait() takes about 25 ns, a spinning
     * round trip 60-340 ns, a park/unpark round trip 5-36 us on platform threads and 1.5-4 us on
     * virtual threads. The platform budget (1,024 spins, about 25 us) covers a park/unpark round
     * trip, so waiting by spinning never costs more than twice the cheapest choice made in
     * hindsight. The virtual budget is smaller because spinning holds the carrier and a
     * virtual thread's park is cheaper. The WaitStrategyBenchmark in channels-bench measures the
     * choice.
     */
    static final int SPINS = 1 << 10;
    static final int VIRTUAL_SPINS = 1 << 7;
    static final int YIELDS = 4;

    private static final boolean MULTIPROCESSOR = Runtime.getRuntime().availableProcessors() > 1;

    static final SpinThenPark DEFAULT = new SpinThenPark(SPINS, VIRTUAL_SPINS, YIELDS);

    private final int spins;
    private final int virtualSpins;
    private final int yields;

    SpinThenPark(int spins, int virtualSpins, int yields) {
        if (spins < 0 || virtualSpins < 0 || yields < 0) {
            throw new IllegalArgumentException("spin and yield budgets must not be negative: spins " + spins
                    + ", virtualSpins " + virtualSpins + ", yields " + yields);
        }
        this.spins = MULTIPROCESSOR ? spins : 0;
        this.virtualSpins = MULTIPROCESSOR ? virtualSpins : 0;
        this.yields = yields;
    }

    @Override
    public boolean idle(int attempt) {
        int spinBudget = Thread.currentThread().isVirtual() ? virtualSpins : spins;
        if (attempt < spinBudget) {
            Thread.onSpinWait();
            return true;
        }
        if (attempt - spinBudget < yields) {
            Thread.yield();
            return true;
        }
        return false;
    }

    @Override
    public String toString() {
        return "WaitStrategy.spinThenPark(spins " + spins + ", virtualSpins " + virtualSpins + ", yields " + yields + ")";
    }
}
