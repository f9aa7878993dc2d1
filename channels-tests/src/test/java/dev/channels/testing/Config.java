package dev.channels.testing;

import dev.channels.Channel;
import dev.channels.Channels;
import dev.channels.WaitStrategy;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.stream.Stream;

/**
 * One test configuration: a wait strategy and a kind of thread. Concurrent tests run once per
 * configuration through {@link EachConfig}; the spawned threads are of {@link #virtual() the
 * configured kind} (see {@link #start}).
 *
 * @param name     shown in the test report
 * @param strategy the channel's wait strategy
 * @param virtual  whether spawned threads are virtual
 */
public record Config(String name, WaitStrategy strategy, boolean virtual) {

    /** All six configurations: {spin-then-park, park, busy-spin} x {platform, virtual}. */
    public static Stream<Config> all() {
        return List.of(
                new Config("spinThenPark/platform", WaitStrategy.spinThenPark(), false),
                new Config("spinThenPark/virtual", WaitStrategy.spinThenPark(), true),
                new Config("park/platform", WaitStrategy.park(), false),
                new Config("park/virtual", WaitStrategy.park(), true),
                new Config("busySpin/platform", WaitStrategy.busySpin(), false),
                new Config("busySpin/virtual", WaitStrategy.busySpin(), true)).stream();
    }

    /**
     * A new channel with this configuration's strategy. Under {@link EachConfig} it is closed when
     * the test ends (see {@link CloseLeftovers}).
     */
    public <A, B> Channel<A, B> channel() {
        Channel<A, B> c = Channels.create(strategy);
        CloseLeftovers.register(c);
        return c;
    }

    /** Starts {@code body} on a new thread of this configuration's kind; see {@link Peer}. */
    public <T> Peer<T> start(String threadName, Peer.Body<T> body) {
        return Peer.start(virtual ? Thread.ofVirtual().name(threadName) : Thread.ofPlatform().name(threadName).daemon(),
                body);
    }

    /**
     * Whether waiting threads of this configuration spin without ever parking: each holds a core
     * (a virtual thread, its carrier, yielding now and then) for as long as it waits, so on a
     * machine with fewer free cores than runnable threads a handoff can cost a scheduler time
     * slice. Loop-heavy tests use it to scale down their quick-mode rounds ({@link #rounds}).
     */
    public boolean spinsWithoutParking() {
        return strategy == WaitStrategy.busySpin();
    }

    /**
     * {@code quick} rounds, or a quarter of them (at least 1) when {@link #spinsWithoutParking()};
     * in thorough mode always {@code thorough}.
     */
    public int rounds(int quick, int thorough) {
        return Modes.pick(spinsWithoutParking() ? Math.max(1, quick / 4) : quick, thorough);
    }

    /**
     * A factory of threads of this configuration's kind (platform threads are daemons), for code
     * that takes a {@link ThreadFactory} or builds an executor, such as the examples.
     */
    public ThreadFactory threadFactory(String namePrefix) {
        return virtual ? Thread.ofVirtual().name(namePrefix, 0).factory()
                : Thread.ofPlatform().name(namePrefix, 0).daemon().factory();
    }

    @Override
    public String toString() {
        return name;
    }
}
