package dev.channels;

import java.lang.ref.Cleaner;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * Pull-style code fed by pushes: the inversion of a {@link Generator}. The body is ordinary code
 * that iterates an {@link Iterable} or consumes a {@link java.util.stream.Stream} (its endpoint is
 * both) and returns a result; it runs on a thread of its own. The caller pushes items with
 * {@link #send(Object)} and gets the result from {@link #finish()}, or as a future from
 * {@link #result()}.
 *
 * <pre>{@code
 * try (Sink<String, Map<Integer, Long>> lengths = Sink.of(in -> in.stream()
 *         .collect(Collectors.groupingBy(String::length, Collectors.counting())))) {
 *     for (String word : "the quick brown fox".split(" ")) {
 *         lengths.send(word);                   // returns when the body has taken it
 *     }
 *     System.out.println(lengths.finish());     // {3=2, 5=2}
 * }
 * }</pre>
 *
 * <h2>Life cycle</h2>
 * <ul>
 * <li>The body starts at once, on a new virtual thread (or a thread of the given
 *     {@link Executor}), and waits for the first item.</li>
 * <li>{@link #send(Object)} hands one item over and returns when the body has taken it and asks
 *     for the next: the body is never more than one item behind, and nothing is buffered.</li>
 * <li>{@link #finish()} ends the input, so the body's iteration ends, and waits for the body's
 *     result. {@link #close()} ends the input as well and waits for the body to end, at most 10
 *     seconds (then it interrupts the body and returns); call {@code finish()} first to wait for
 *     the result without bound. After {@code finish()}, {@code close()} does nothing.</li>
 * <li>{@link #close(Throwable)} aborts instead: the body's iteration throws a
 *     {@link ChannelClosedException} with that cause, and the result completes exceptionally.</li>
 * <li>If the body returns before the input ends (a {@code findFirst}, a {@code limit}), the
 *     result is ready, and the next {@code send} throws {@link ChannelClosedException}: stop
 *     sending. If the body throws, {@code send} throws {@code ChannelClosedException} with the
 *     body's exception as the cause, and {@code finish()} throws {@link ExecutionException}.</li>
 * <li>A sink that becomes unreachable before it was closed or finished is aborted when the
 *     garbage collector finds it (cause: {@link CancellationException}), so that its thread does
 *     not wait forever for input that cannot come. That is a safety net, not a schedule; see
 *     {@link Generator} for the thread that watches.</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * One thread at a time may push ({@code send}, {@code sendAll}); a second thread pushing
 * concurrently gets an {@link IllegalStateException}. Ownership may pass between threads.
 * {@code finish}, {@code close} and {@code result} may be called from any thread.
 *
 * <p><b>Memory consistency effects:</b> actions before a {@code send(item)} <i>happen-before</i>
 * the body receives {@code item}, and actions of the body happen-before the return of
 * {@code finish()} and the completion of {@link #result()}.
 *
 * @param <T> the type of the items pushed
 * @param <R> the type of the body's result
 */
public final class Sink<T, R> implements AutoCloseable {

    /*
     * Implementation notes. The body gets channel.first(), which starts by receiving, so its
     * iteration sends the start signal; the sink pushes through channel.second(). As in
     * Generator, Run, Worker and Abandon hold no reference to the Sink, so the cleaner can see it
     * dropped; Abandon aborts only a sink still open (after close or finish the channel is
     * closed and the action does nothing), which lets close() unregister it with clean().
     */

    /**
     * The code of a sink: pulls the items from {@code in} and returns a result.
     *
     * @param <T> the type of the items
     * @param <R> the type of the result
     */
    @FunctionalInterface
    public interface Body<T, R> {
        /**
         * Consumes the items, for example with {@code for (T item : in)} or {@code in.stream()},
         * and returns the result. Iteration ends when the sink's input ends.
         *
         * @param in the receiving endpoint; use it only on this thread (or hand it over)
         * @return the result
         * @throws Exception to fail the result
         */
        R run(Endpoint<T, Void> in) throws Exception;
    }

    private final Endpoint<Void, T> out;
    private final CompletableFuture<R> result = new CompletableFuture<>();
    private final Worker worker;
    private final Cleaner.Cleanable cleanable;

    private Sink(Executor executor, Body<T, R> body) {
        Channel<T, Void> channel = Channels.create();
        this.out = channel.second();
        CompletableFuture<R> r = result;
        this.worker = new Worker(new Run<>(body, channel.first(), r),
                () -> r.completeExceptionally(new CancellationException("the sink was closed before its body began")));
        this.cleanable = Adaptors.cleaner().register(this, new Abandon(out));
        try {
            worker.start(executor);
        } catch (RuntimeException | Error e) {
            cleanable.clean();
            throw e;
        }
    }

    /**
     * Creates a sink whose body runs on a new virtual thread, started at once.
     *
     * @param <T>  the type of the items
     * @param <R>  the type of the result
     * @param body the code that consumes the items
     * @return a new sink
     * @throws NullPointerException if {@code body} is null
     */
    public static <T, R> Sink<T, R> of(Body<T, R> body) {
        return of(Adaptors.SINKS, body);
    }

    /**
     * Creates a sink whose body runs as one task of {@code executor}, submitted at once. The task
     * occupies a thread until the body returns; see {@link Generator#of(Executor, Generator.Body)}.
     *
     * @param <T>      the type of the items
     * @param <R>      the type of the result
     * @param executor runs the body
     * @param body     the code that consumes the items
     * @return a new sink
     * @throws NullPointerException if {@code executor} or {@code body} is null
     * @throws java.util.concurrent.RejectedExecutionException if the executor refuses the body
     */
    public static <T, R> Sink<T, R> of(Executor executor, Body<T, R> body) {
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(body, "body");
        return new Sink<>(executor, body);
    }

    /**
     * Hands {@code item} to the body and returns when the body has taken it and asks for the next.
     *
     * @param item the item; may be null
     * @throws InterruptedException if interrupted on entry or while waiting; {@link Endpoint#taken()}
     *         semantics apply: the item was not taken unless the body received it
     * @throws ChannelClosedException if the input has ended: the sink was finished or closed, or
     *         the body returned (no cause) or failed (its exception is the cause)
     * @throws IllegalStateException if another thread is pushing into this sink
     */
    public void send(T item) throws InterruptedException {
        out.send(item);
    }

    /**
     * Hands all of {@code items} to the body in one exchange: the body's thread pulls them from
     * {@code items.iterator()} as it consumes them, without a handoff per item. Returns when the
     * iterator is exhausted and the body asks for more.
     *
     * @param items the items; the iterator is created on this thread and used on the body's
     * @throws InterruptedException if interrupted on entry or while waiting
     * @throws ChannelClosedException as for {@link #send(Object)}
     * @throws NullPointerException if {@code items} is null
     * @throws IllegalStateException if another thread is pushing into this sink
     * @see Endpoint#sendAll(java.util.Iterator)
     */
    public void sendAll(Iterable<? extends T> items) throws InterruptedException {
        out.sendAll(items);
    }

    /**
     * Ends the input and waits for the body's result. The body's iteration ends normally. Calling
     * it again returns the same result.
     *
     * @return the body's result
     * @throws InterruptedException if interrupted while waiting; the body goes on
     * @throws ExecutionException if the body threw (the cause) or the sink was aborted
     * @throws CancellationException if the sink was closed before its body began
     */
    public R finish() throws InterruptedException, ExecutionException {
        out.close();
        cleanable.clean();
        return result.get();
    }

    /**
     * Returns a future of the body's result. It completes when the body returns or fails; it is
     * a copy, so completing or cancelling it does not affect the sink (abort with
     * {@link #close(Throwable)}).
     *
     * @return a new future of the result
     */
    public CompletableFuture<R> result() {
        return result.copy();
    }

    /**
     * Ends the input (unless it has ended) and waits for the body to end, at most 10 seconds; if
     * it is still running then, or if the calling thread is interrupted while waiting, interrupts
     * the body and returns (an interrupt of the calling thread stays set). The body's result, if
     * any, is then in {@link #result()}. Idempotent; may be called from any thread.
     */
    @Override
    public void close() {
        out.close();
        cleanable.clean();
        worker.awaitEnd(Adaptors.nanos(Adaptors.CLOSE_TIMEOUT));
    }

    /**
     * Aborts the sink: unless the input has ended, the body's pending or next receive throws a
     * {@link ChannelClosedException} with {@code cause}, so that it does not take the items so far
     * for the whole input, and the result completes exceptionally (unless the body catches that
     * exception and returns). Then waits for the body as {@link #close()} does.
     *
     * @param cause why the sink is aborted
     * @throws NullPointerException if {@code cause} is null
     */
    public void close(Throwable cause) {
        out.close(Objects.requireNonNull(cause, "cause; use close() to end the input"));
        cleanable.clean();
        worker.awaitEnd(Adaptors.nanos(Adaptors.CLOSE_TIMEOUT));
    }

    @Override
    public String toString() {
        return "Sink[" + (result.isDone() ? "done" : "running") + ", " + out + "]";
    }

    /** The body's run: completes the result, then closes the channel so the pusher stops. */
    private static final class Run<T, R> implements Runnable {
        private final Body<T, R> body;
        private final Endpoint<T, Void> in;
        private final CompletableFuture<R> result;

        Run(Body<T, R> body, Endpoint<T, Void> in, CompletableFuture<R> result) {
            this.body = body;
            this.in = in;
            this.result = result;
        }

        @Override
        public void run() {
            R r;
            try {
                r = body.run(in);
            } catch (Throwable t) {
                result.completeExceptionally(t);
                in.close(t); // a pusher still sending sees it as the cause
                return;
            }
            result.complete(r); // before the close, so a pusher that sees the end finds the result
            in.close();
        }
    }

    /** The cleaning action: aborts a sink dropped while still open. */
    private record Abandon(Endpoint<?, ?> out) implements Runnable {
        @Override
        public void run() {
            out.close(new CancellationException("the sink became unreachable before it was finished or closed"));
        }
    }
}
