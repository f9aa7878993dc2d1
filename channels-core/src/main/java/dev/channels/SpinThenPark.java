package dev.channels;

/** The default {@link WaitStrategy}: spin, then yield, then park. Stateless. */
final class SpinThenPark implements WaitStrategy {

    /*
     * Budgets, chosen by measurement on the development machine (2 vCPU AMD EPYC, JDK 25; see
     * adr/0004-spin-budget.md and bench-results/). One Thread.onSpinWait() takes about 25 ns, a
     * spinning round trip 60-340 ns, a park/unpark round trip 5-36 us on platform threads and
     * 1-4 us on virtual threads.
     *
     * Platform threads: 1,024 spins (about 25 us) cover a park/unpark round trip, so waiting by
     * spinning never costs more than twice the best choice made in hindsight.
     *
     * Virtual threads: a spinning virtual thread holds its carrier, which the peer may need. With
     * 1,000 pairs on 2 carriers, 128 spins cost 2.5-5 us per round trip (the spin is pure waste
     * when the peer is not running); 4 spins and 2 yields cost 0.4-0.5 us (SynchronousQueue: 0.28,
     * pure parking: 0.29-0.49), while a single pair still meets at the floor (about 60 ns), as
     * its answer comes within a few spins or, in the slow cache placement, within the yields.
     */
    static final int SPINS = 1 << 10;
    static final int VIRTUAL_SPINS = 4;
    static final int YIELDS = 2;

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
