package dev.channels;

import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Push-style code as a pull-style {@link Iterator} and {@link Stream}: a generator, as in Python.
 * The body pushes values with {@code out.send(v)} on a thread of its own; the consumer pulls them
 * with {@link #hasNext()} / {@link #next()}, a for-each loop or {@link #stream()}. A channel
 * connects the two, so the body runs lazily, one value ahead at most: each {@code send} returns
 * only when the consumer asks for the next value.
 *
 * <pre>{@code
 * try (Generator<Integer> squares = Generator.of(out -> {
 *          for (int i = 1; ; i++) out.send(i * i);     // an endless push loop
 *      })) {
 *     for (int s : squares) {
 *         if (s > 50) break;
 *         System.out.println(s);                        // 1 4 9 16 25 36 49
 *     }
 * }   // closes: the body's pending send throws ChannelClosedException, and its thread ends
 *
 * try (Stream<Integer> s = Generator.<Integer>of(out -> { ... }).stream()) {
 *     List<Integer> firstThree = s.limit(3).toList();
 * }   // closing the stream closes the generator
 * }</pre>
 *
 * <h2>Life cycle</h2>
 * <ul>
 * <li>The body starts on the first {@link #hasNext()} or {@link #next()}, on a new virtual thread
 *     (or a thread of the given {@link Executor}). A generator closed before that never runs it.</li>
 * <li>When the body returns, the iteration ends. If it throws, the iteration throws a
 *     {@link ChannelClosedException} whose {@linkplain Throwable#getCause() cause} is what the body
 *     threw, after the values it sent before.</li>
 * <li>{@link #close()} (also by try-with-resources, or by closing a {@link #stream()}) closes the
 *     channel: the body's pending or next {@code send} throws {@link ChannelClosedException}, which
 *     the body should let propagate (or treat as the end), and its thread ends. {@code close}
 *     waits for that, at most 10 seconds; a body still running then, because it ignored the close
 *     or blocks on something else, is interrupted and {@code close} returns without waiting more.
 *     {@link #close(Duration)} takes another bound and tells whether the body ended.</li>
 * <li>A generator that becomes unreachable without being closed, for example the source of
 *     {@code Generator.of(body).stream().findFirst()}, is closed when the garbage collector finds
 *     it, so its thread does not stay blocked forever; like Python's generator finalization, that
 *     is a safety net, not a schedule. The collection is watched by one daemon thread, named
 *     {@code channels-cleaner}, started the first time a generator or sink is created.</li>
 * </ul>
 * A body that fails after the consumer closed the generator has nobody to tell; its exception goes
 * to the uncaught-exception handler of its thread (unless it is the interrupt sent by
 * {@code close}). A plain {@link ChannelClosedException} of its own channel is the normal end, not
 * a failure.
 *
 * <h2>Threads</h2>
 * A generator is a single-pass {@code Iterator}; {@link #iterator()} returns the generator itself,
 * so a second loop continues where the first stopped. One thread at a time may pull values (the
 * rule of {@link Endpoint}: a second thread pulling concurrently gets an
 * {@link IllegalStateException}); ownership may pass between threads. {@link #close()} may be
 * called from any thread: it ends a pull blocked in another thread, which then finds the end.
 * While {@code hasNext()} waits, an interrupt makes it throw {@link ChannelInterruptedException}
 * with the interrupt status set; the generator stays intact.
 *
 * <p><b>Memory consistency effects:</b> actions of the body before it sends a value
 * <i>happen-before</i> the consumer's return from the {@code hasNext()} or {@code next()} that
 * receives it, and actions of the body's thread happen-before {@code close} returns if the body
 * ended.
 *
 * @param <T> the type of the values
 */
public final class Generator<T> implements Iterator<T>, Iterable<T>, AutoCloseable {

    /*
     * Implementation notes. The generator owns channel.first() (it receives T) and the body gets
     * channel.second(). Run, Worker and Abandon hold no reference to the Generator, so that the
     * cleaner can notice when the consumer drops it while the body's thread is still parked in
     * send: the cleanable's action (Abandon) closes the channel and skips a body that never began.
     * close() runs that same action through cleanable.clean(), which also unregisters it.
     * The publishers in Flows use the package-private hooks: startNow() to start the body at
     * subscription time, endpoint() to receive, onEnd() to hear when the body has closed the
     * channel.
     */

    /**
     * The code of a generator: pushes values into {@code out}.
     *
     * @param <T> the type of the values
     */
    @FunctionalInterface
    public interface Body<T> {
        /**
         * Sends the generator's values, one {@code out.send(value)} each, then returns to end the
         * iteration. Throwing fails the iteration with this exception as the cause.
         *
         * @param out the sending endpoint; use it only on this thread (or hand it over)
         * @throws Exception to fail the iteration; a {@link ChannelClosedException} thrown because
         *         the consumer closed the generator is the normal end
         */
        void run(Endpoint<Void, T> out) throws Exception;
    }

    private final Endpoint<T, Void> in;
    private final Iterator<T> values;
    private final Worker worker;
    private final Executor executor;
    private final Cleaner.Cleanable cleanable;
    /** Whether the body was handed to the executor. Plain: one thread at a time consumes. */
    private boolean started;

    private Generator(Executor executor, Body<T> body) {
        Channel<T, Void> channel = Channels.create();
        this.in = channel.first();
        this.values = in.iterator();
        Run<T> run = new Run<>(body, channel.second());
        this.worker = new Worker(run, () -> { });
        run.worker = worker;
        this.executor = executor;
        this.cleanable = Adaptors.cleaner().register(this, new Abandon(in, worker));
    }

    /**
     * Creates a generator whose body runs on a new virtual thread, started by the first pull.
     *
     * @param <T>  the type of the values
     * @param body the code that sends the values
     * @return a new generator
     * @throws NullPointerException if {@code body} is null
     */
    public static <T> Generator<T> of(Body<T> body) {
        return of(Adaptors.GENERATORS, body);
    }

    /**
     * Creates a generator whose body runs as one task of {@code executor}, submitted by the first
     * pull. The task occupies a thread for as long as the generator runs, so the executor must
     * not queue it behind tasks that wait for this generator (a thread per task, such as
     * {@link java.util.concurrent.Executors#newVirtualThreadPerTaskExecutor()}, is the safe
     * choice). With an {@link java.util.concurrent.ExecutorService}, closing the service after the
     * generator shows that no thread was left behind.
     *
     * @param <T>      the type of the values
     * @param executor runs the body
     * @param body     the code that sends the values
     * @return a new generator
     * @throws NullPointerException if {@code executor} or {@code body} is null
     */
    public static <T> Generator<T> of(Executor executor, Body<T> body) {
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(body, "body");
        return new Generator<>(executor, body);
    }

    /**
     * Tells whether the body has another value, waiting for it (or for the end) if necessary.
     * The first call starts the body.
     *
     * @return true if {@link #next()} will return a value
     * @throws ChannelClosedException if the body failed (the cause is its exception)
     * @throws ChannelInterruptedException if interrupted while waiting; the interrupt status is set
     * @throws IllegalStateException if another thread is pulling from this generator
     * @throws java.util.concurrent.RejectedExecutionException if the executor refused the body
     */
    @Override
    public boolean hasNext() {
        startIfNeeded();
        return values.hasNext();
    }

    /**
     * Returns the body's next value, waiting for it if necessary. The first call starts the body.
     *
     * @return the next value; may be null if the body sent null
     * @throws NoSuchElementException if the body has ended or the generator is closed
     * @throws ChannelClosedException if the body failed (the cause is its exception)
     * @throws ChannelInterruptedException if interrupted while waiting; the interrupt status is set
     * @throws IllegalStateException if another thread is pulling from this generator
     * @throws java.util.concurrent.RejectedExecutionException if the executor refused the body
     */
    @Override
    public T next() {
        startIfNeeded();
        return values.next();
    }

    /**
     * Returns this generator: it is a single-pass iterator, so a for-each loop consumes it, and a
     * second loop continues with the values the first did not take.
     *
     * @return this generator
     */
    @Override
    public Iterator<T> iterator() {
        return this;
    }

    /**
     * Returns a sequential, ordered, lazy stream of the values this generator has not yet
     * returned. Closing the stream closes the generator, so the stream belongs in a
     * try-with-resources statement: a short-circuiting operation such as {@code limit} or
     * {@code findFirst} stops pulling, but only {@code close} tells the body to stop.
     *
     * <pre>{@code
     * try (Stream<String> lines = Generator.<String>of(out -> readInto(out)).stream()) {
     *     return lines.filter(l -> l.startsWith("ERROR")).findFirst();
     * }
     * }</pre>
     *
     * @return a stream of the remaining values
     */
    public Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED), false)
                .onClose(this::close);
    }

    /**
     * Closes the generator and waits, at most 10 seconds, for the body's thread to end; see
     * {@link #close(Duration)}. Idempotent; may be called from any thread.
     */
    @Override
    public void close() {
        close(Adaptors.CLOSE_TIMEOUT);
    }

    /**
     * Closes the generator: closes the channel, so that the body's pending or next {@code send}
     * throws {@link ChannelClosedException}, and a pull blocked in another thread finds the end;
     * then waits up to {@code timeout} for the body's thread to end. If the body has not ended by
     * then, or if the calling thread is interrupted while waiting, interrupts the body and
     * returns {@code false} without waiting more (an interrupt of the calling thread stays set).
     * A body that never started never will. Idempotent; may be called from any thread.
     *
     * @param timeout how long to wait for the body at most; zero or negative: do not wait
     * @return true if the body has ended (or never started) by the time this method returns;
     *         false if it was interrupted and is still running
     * @throws NullPointerException if {@code timeout} is null
     */
    public boolean close(Duration timeout) {
        long nanos = Adaptors.nanos(timeout);
        cleanable.clean(); // Abandon: close the channel, skip a body that has not begun; once
        return worker.awaitEnd(nanos);
    }

    @Override
    public String toString() {
        return "Generator[" + (!started ? "unstarted" : worker.isEnded() ? "ended" : "running") + ", " + in + "]";
    }

    // ------------------------------------------------------------------ package-private hooks

    /** The receiving endpoint; the publishers in {@link Flows} receive from it directly. */
    Endpoint<T, Void> endpoint() {
        return in;
    }

    /**
     * Runs {@code hook} on the body's thread once the body has ended and closed the channel (so
     * that {@code close} no longer waits). Call it before the body starts.
     */
    void onEnd(Runnable hook) {
        worker.afterEnd(hook);
    }

    /** Starts the body now rather than on the first pull. */
    void startNow() {
        startIfNeeded();
    }

    private void startIfNeeded() {
        if (!started) {
            started = true;
            if (in.isClosed()) {
                return; // closed before the first pull: the body never runs
            }
            try {
                worker.start(executor);
            } catch (RuntimeException | Error e) {
                in.close(e);
                throw e;
            }
        }
    }

    // ------------------------------------------------------------------ the body's side

    /** The body's run: sends, then closes the channel to end the iteration, or fail it. */
    private static final class Run<T> implements Runnable {
        private final Body<T> body;
        private final Endpoint<Void, T> out;
        /** Set once before the run is submitted. */
        Worker worker;

        Run(Body<T> body, Endpoint<Void, T> out) {
            this.body = body;
            this.out = out;
        }

        @Override
        public void run() {
            Throwable failure = null;
            if (!out.isClosed()) { // a generator closed before its body began never runs it
                try {
                    body.run(out);
                } catch (ChannelClosedException e) {
                    if (!e.isPlainEndOf(out)) {
                        failure = e; // another channel's, or ours closed with a cause: a failure
                    }
                } catch (Throwable t) {
                    failure = t;
                }
            }
            if (failure == null) {
                out.close(); // the end of the values
            } else if (!out.isClosed()) {
                out.close(failure); // the consumer sees it as the cause
            } else if (!(worker.interruptedByOwner() && isInterruption(failure))) {
                Adaptors.report(failure); // the consumer has gone: nobody else can see it
            }
        }

        private static boolean isInterruption(Throwable t) {
            return t instanceof InterruptedException || t instanceof ChannelInterruptedException;
        }
    }

    /** The cleaning action: closes the channel and skips a body that never began. */
    private record Abandon(Endpoint<?, ?> in, Worker worker) implements Runnable {
        @Override
        public void run() {
            in.close();
            worker.skip();
        }
    }
}
