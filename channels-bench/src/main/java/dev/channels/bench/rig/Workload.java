package dev.channels.bench.rig;

/**
 * What a benchmark measures, split between its two threads. The {@link Rig} runs {@link #drive}
 * on the measuring thread (the driver) and {@link #serve} on the other one (the partner).
 *
 * <p>The rig pauses the partner between measurements by interrupting it while it waits for the
 * next operation; {@code serve} then throws {@link InterruptedException}, the partner serves the
 * {@link SingleWordFloor} for a while, and calls {@code serve} again, which must resume where it stopped.
 */
public interface Workload {

    /**
     * Driver side: performs {@code n} operations (round trips, or items handed over) and returns
     * once the partner has finished with all of them, so that nothing is in flight between
     * measurements.
     *
     * @param n how many operations
     * @throws InterruptedException if interrupted (the rig interrupts the driver when the partner
     *         failed)
     */
    void drive(int n) throws InterruptedException;

    /**
     * Partner side: serves operations until interrupted. Called again after each interrupt, it
     * resumes: waits for the next operation, in whatever state the interrupt left the
     * contender (a reply pending, an exchange not made, ...).
     *
     * @throws InterruptedException when the rig pauses the partner
     */
    void serve() throws InterruptedException;

    /**
     * The smallest number of operations {@link #drive} accepts; it accepts only multiples of it.
     *
     * @return 1, or the batch size of a batched workload
     */
    default int unit() {
        return 1;
    }

    /** Releases resources (closes channels) once both threads are done. */
    default void close() {
    }
}
