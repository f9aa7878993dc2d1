package dev.channels.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.channels.testing.Probe;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An executor that starts one thread of the given kind per task and remembers every thread, so a
 * test can check that all of them have ended (the "thread count returns to its baseline" check
 * for virtual threads, which no JDK API enumerates). It also records what reaches the threads'
 * uncaught-exception handler.
 */
final class TrackingExecutor implements Executor {

    /** Platform or virtual threads: the adaptors' threads come from here. */
    enum Kind {
        PLATFORM, VIRTUAL
    }

    private final Kind kind;
    private final String name;
    private final AtomicInteger count = new AtomicInteger();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    final List<Throwable> uncaught = new CopyOnWriteArrayList<>();

    TrackingExecutor(Kind kind, String name) {
        this.kind = kind;
        this.name = name;
    }

    TrackingExecutor(Kind kind) {
        this(kind, "tracked");
    }

    @Override
    public void execute(Runnable task) {
        Thread.Builder b = kind == Kind.VIRTUAL ? Thread.ofVirtual() : Thread.ofPlatform().daemon();
        Thread t = b.name(name + "-" + count.getAndIncrement())
                .uncaughtExceptionHandler((th, e) -> uncaught.add(e))
                .unstarted(task);
        threads.add(t);
        t.start();
    }

    /** How many threads this executor has started. */
    int started() {
        return threads.size();
    }

    /** The most recently started thread. */
    Thread last() {
        return threads.get(threads.size() - 1);
    }

    /** How many of the threads are still alive. */
    long alive() {
        return threads.stream().filter(Thread::isAlive).count();
    }

    /** Waits for every thread started so far to end; fails naming the first that does not. */
    void assertAllEnded(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < threads.size(); i++) { // size re-read: a thread may start a thread
            Thread t = threads.get(i);
            long left = deadline - System.nanoTime();
            if (left <= 0 || !t.join(Duration.ofNanos(left))) {
                fail(t.getName() + " is still alive (" + alive() + " of " + threads.size() + "); it is at:\n"
                        + Probe.stackOf(t));
            }
        }
        assertEquals(0, alive());
    }

    void assertAllEnded() throws InterruptedException {
        assertAllEnded(Duration.ofSeconds(20));
    }

    /** Fails if anything reached an uncaught-exception handler. */
    void assertNothingUncaught() {
        if (!uncaught.isEmpty()) {
            AssertionError e = new AssertionError("uncaught in adaptor threads: " + uncaught);
            uncaught.forEach(e::addSuppressed);
            throw e;
        }
    }
}
