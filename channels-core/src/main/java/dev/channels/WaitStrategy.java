package dev.channels;

/**
 * How a thread waits for the other end of a channel: spin, yield, or park.
 *
 * <p>A waiting endpoint checks the slot, and each time it finds nothing for it, calls
 * {@link #idle(int)} with the number of earlier idle steps in this wait. The strategy performs
 * one idle step (for example {@link Thread#onSpinWait()} or {@link Thread#yield()}) and returns
 * {@code true} to check again, or returns {@code false} to let the endpoint park until the other
 * end wakes it. Parking, waking, interrupts, timeouts and close are the channel's business, not the
 * strategy's: whatever a strategy does, a close, an interrupt or a timeout still ends the wait.
 *
 * <p>Implementations keep no per-wait state (the attempt counter lives with the caller), so one
 * instance serves any number of channels and threads. A strategy that adapts to how an endpoint's
 * waits go (as the default does on virtual threads) keeps that state in an instance of its own per
 * endpoint: see {@link #forEndpoint()}.
 *
 * <p>Before the first check, an untimed wait for the answer to an endpoint's own deposit (a
 * {@code send}, a {@code receive} after the start) pauses for a short quiet period, whatever the
 * strategy: the answer cannot arrive sooner than two trips between the cores, and a check before
 * then pulls the slot's cache line back from the other end and delays the answer. Each endpoint
 * learns the period from how long its answers take: none when they take more than a microsecond
 * or the wait parks, nor on a single processor. Timed waits ({@code receive(Duration)},
 * {@code send(value, Duration)}) check at once.
 *
 * <table class="striped">
 * <caption>The built-in strategies</caption>
 * <thead><tr><th>strategy</th><th>CPU while waiting</th><th>latency</th><th>choose it for</th></tr></thead>
 * <tbody>
 * <tr><td>{@link #spinThenPark()} (default)</td><td>a burst, then none</td>
 *     <td>a spinning handoff when the other end answers quickly, a park/unpark when it does not</td>
 *     <td>most uses, platform and virtual threads</td></tr>
 * <tr><td>{@link #park()}</td><td>none</td>
 *     <td>a park/unpark per handoff: microseconds to tens of microseconds</td>
 *     <td>many channels on virtual threads, idle-heavy work, shared machines</td></tr>
 * <tr><td>{@link #busySpin()}</td><td>a whole core per waiting thread</td>
 *     <td>the lowest: a cache-line transfer</td>
 *     <td>dedicated cores, one thread per core, latency above all</td></tr>
 * </tbody>
 * </table>
 *
 * <pre>{@code
 * Channel<Order, Void> orders = Channels.create(WaitStrategy.busySpin());
 * }</pre>
 */
public interface WaitStrategy {

    /**
     * Performs one idle step of a wait that has found nothing yet, or declines to.
     *
     * @param attempt how many idle steps this wait has taken so far, from 0
     * @return {@code true} to check the slot again, {@code false} to park until woken
     */
    boolean idle(int attempt);

    /**
     * The strategy one endpoint waits with: called once for each endpoint of a channel created with
     * this strategy. A stateless strategy returns itself (this default). An adaptive strategy
     * returns a new instance holding that endpoint's state; only the thread that owns the endpoint
     * at the time calls {@link #idle(int)} on it, so its state needs no synchronization. It learns
     * how each wait went from the attempts it is asked for: each wait starts again at attempt 0.
     *
     * @return the strategy for one endpoint
     */
    default WaitStrategy forEndpoint() {
        return this;
    }

    /**
     * The default: spin with {@link Thread#onSpinWait()}, then yield a few times, then park.
     *
     * <p>A platform thread spins 1,024 times, about the cost of a park/unpark round trip on a
     * typical machine (a few to a few tens of microseconds), so a peer that answers within that
     * time is met without the cost of a wake-up, and a slower one costs at most twice the minimum.
     * A virtual thread spins between 4 and 1,024 times, adapted per endpoint: spinning holds its
     * carrier thread, which the peer may need (with many virtual threads per carrier, every spin
     * is wasted), and its park is cheaper. An endpoint whose answers come while it spins doubles
     * its budget; one whose spins find nothing halves it; every 64th wait spins at least 128 times
     * to find out whether the peer has become quick. So a lone pair of virtual threads meets at
     * spinning speed (and spins through a peer held up for a few microseconds, as a platform
     * thread does), and a crowd of them spins almost nothing.
     * Then 2 {@link Thread#yield()}s hand the core or carrier to other runnable threads, which
     * lets the peer run when there are fewer cores than runnable threads, before parking. On a
     * single-CPU machine it does not spin at all.
     *
     * @return the shared default instance
     */
    static WaitStrategy spinThenPark() {
        return SpinThenPark.DEFAULT;
    }

    /**
     * Spin-then-park with explicit budgets.
     *
     * @param spins         {@link Thread#onSpinWait()} steps before yielding, on a platform thread
     * @param virtualSpins  {@link Thread#onSpinWait()} steps before yielding, on a virtual thread
     *                      (fixed: only the default adapts it)
     * @param yields        {@link Thread#yield()} steps before parking
     * @return a strategy with these budgets
     * @throws IllegalArgumentException if a budget is negative
     */
    static WaitStrategy spinThenPark(int spins, int virtualSpins, int yields) {
        return new SpinThenPark(spins, virtualSpins, yields);
    }

    /**
     * Park at once: no spinning at all. A waiting thread costs no CPU, and each handoff costs a
     * park and an unpark (on Linux, microseconds for a virtual thread and up to tens of
     * microseconds for a platform thread, plus the timer slack on timed waits).
     *
     * @return the shared instance
     */
    static WaitStrategy park() {
        return Parking.INSTANCE;
    }

    /**
     * Never park: spin until the other end answers, checking the slot four times per
     * {@link Thread#onSpinWait()}. The lowest latency, at the price of a whole core per waiting
     * thread, for as long as it waits. Use it only with a core per busy thread, on platform
     * threads.
     *
     * <p>A virtual thread cannot own a core: while it spins, it holds a carrier thread that other
     * virtual threads (its peer among them) may need. So on a virtual thread this strategy calls
     * {@link Thread#yield()} every 256 steps and, because a yield does not guarantee that a
     * waiting virtual thread gets the carrier, pauses with a timed park of a few microseconds
     * every 16,384 steps (about 0.4 ms of spinning). Expect the lowest latency only while there
     * are at least as many carriers as spinning virtual threads.
     *
     * @return the shared instance
     */
    static WaitStrategy busySpin() {
        return BusySpin.INSTANCE;
    }
}
