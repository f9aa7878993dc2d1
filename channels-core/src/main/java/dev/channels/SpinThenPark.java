package dev.channels;

/**
 * The default {@link WaitStrategy}: spin, then yield, then park. The instance is stateless; the
 * default's adaptive virtual-thread budget lives in a per-endpoint {@link Adaptive} (see below).
 */
final class SpinThenPark implements WaitStrategy {

    /*
     * Budgets, chosen by measurement on the development machine (2 vCPU AMD EPYC, JDK 25; see
     * adr/0004-spin-budget.md and bench-results/). One Thread.onSpinWait() takes about 25 ns
     * (about 12 ns on the Intel Xeon guests measured since), a spinning round trip 60-340 ns, a
     * park/unpark round trip 5-36 us on platform threads and 1-4 us on virtual threads.
     *
     * Platform threads: 1,024 spins (about 25 us) cover a park/unpark round trip, so waiting by
     * spinning never costs more than twice the best choice made in hindsight.
     *
     * Virtual threads: a spinning virtual thread holds its carrier, which the peer may need. With
     * 1,000 pairs on 2 carriers, 128 spins cost 2.5-5 us per round trip (the spin is pure waste
     * when the peer is not running); 4 spins and 2 yields cost 0.4-0.5 us (SynchronousQueue: 0.28,
     * pure parking: 0.29-0.49). But 4 spins strand a single pair on distant cores, whose answers
     * take 5-15 spins: it yields or parks on nearly every wait (2.3x Exchanger). So the default
     * instance adapts, per endpoint, between the two (below).
     */
    static final int SPINS = 1 << 10;
    static final int VIRTUAL_SPINS = 4;
    static final int YIELDS = 2;

    /*
     * The default instance adapts the virtual-thread budget of each endpoint between
     * VIRTUAL_SPINS and MAX_VIRTUAL_SPINS: forEndpoint() hands each endpoint its own Adaptive
     * instance, which holds the budget (explicit budgets from spinThenPark(spins, virtualSpins,
     * yields) are kept as given). A wait whose answer came while spinning doubles the endpoint's
     * budget; a wait that spun its whole budget in vain halves it. Only answers met while spinning
     * count: in a crowd of virtual threads a yield often lets the peer run and answer, and
     * counting those would grow the budget exactly where spinning is waste (adr/0004). A budget at
     * the minimum can miss a peer that answers in 5-15 spins (two threads on distant cores)
     * forever, so every PROBE_PERIOD-th wait spins at least PROBE_SPINS, and if the answer comes
     * within it, the budget jumps to PROBE_SPINS; from there answers met while spinning double it
     * up to the maximum.
     *
     * The maximum is the platform budget: a lone pair whose peer is held up for a few
     * microseconds (a descheduled carrier on a busy machine) then spins through it instead of
     * yielding and parking. The probe stays short, since in a crowd every probe spins in vain:
     * a probe of the maximum cost a crowd of 1,000 pairs about 200 ns per round trip on the Xeon
     * guest (adr/0004, "Revised again").
     *
     * The instance learns how a wait ended from the attempts it is asked for alone: a new wait
     * starts at attempt 0, so at that point the previous wait's last attempt tells whether its
     * answer came while it was still spinning. (A wait that found its answer without idling at
     * all says nothing about spinning, and changes nothing.)
     */
    static final int MAX_VIRTUAL_SPINS = SPINS;
    static final int PROBE_SPINS = 128;
    static final int PROBE_PERIOD = 64;

    /** The default's per-endpoint instance. Plain fields: only the endpoint's owner calls it. */
    static final class Adaptive implements WaitStrategy {
        private final SpinThenPark base;
        /** The endpoint's current budget on virtual threads. */
        int spins = VIRTUAL_SPINS;
        /** Waits that idled, for the probes. */
        int waits;
        /** The budget of the wait in progress, and the last attempt it was asked for (-1: none). */
        private int budget;
        private int lastAttempt = -1;

        Adaptive(SpinThenPark base) {
            this.base = base;
        }

        @Override
        public boolean idle(int attempt) {
            if (!Thread.currentThread().isVirtual()) {
                return base.idle(attempt, base.spins);
            }
            if (attempt == 0) {
                if (lastAttempt >= 0 && lastAttempt < budget) {
                    metWhileSpinning(budget); // the previous wait's answer came while it spun
                }
                budget = nextBudget();
            }
            lastAttempt = attempt;
            if (attempt == budget) {
                missedWhileSpinning();
            }
            return base.idle(attempt, budget);
        }

        /** The spin budget of the endpoint's next wait on a virtual thread. */
        int nextBudget() {
            int n = ++waits; // wraps around harmlessly: only its low bits matter
            if (!MULTIPROCESSOR) {
                return 0;
            }
            return (n & (PROBE_PERIOD - 1)) == 0 ? Math.max(spins, PROBE_SPINS) : spins;
        }

        /** A wait with this budget met its answer while spinning. */
        void metWhileSpinning(int budget) {
            // a probe that met its answer jumps to its own length; any other hit doubles
            spins = budget > spins ? budget : Math.min(MAX_VIRTUAL_SPINS, spins << 1);
        }

        /** A wait spun its whole budget and found nothing. */
        void missedWhileSpinning() {
            spins = Math.max(VIRTUAL_SPINS, spins >>> 1);
        }

        @Override
        public String toString() {
            return base.toString();
        }
    }

    private static final boolean MULTIPROCESSOR = Runtime.getRuntime().availableProcessors() > 1;

    static final SpinThenPark DEFAULT = new SpinThenPark(SPINS, VIRTUAL_SPINS, YIELDS);

    /** The default hands each endpoint its own adaptive budget; explicit budgets are stateless. */
    @Override
    public WaitStrategy forEndpoint() {
        return this == DEFAULT ? new Adaptive(this) : this;
    }

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
        return idle(attempt, Thread.currentThread().isVirtual() ? virtualSpins : spins);
    }

    /** One idle step of a wait that spins spinBudget times, then yields, then parks. */
    boolean idle(int attempt, int spinBudget) {
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
        if (this == DEFAULT) {
            return "WaitStrategy.spinThenPark(spins " + spins + ", virtualSpins " + virtualSpins + " to "
                    + (MULTIPROCESSOR ? MAX_VIRTUAL_SPINS : 0) + " adaptive, yields " + yields + ")";
        }
        return "WaitStrategy.spinThenPark(spins " + spins + ", virtualSpins " + virtualSpins + ", yields " + yields + ")";
    }
}
