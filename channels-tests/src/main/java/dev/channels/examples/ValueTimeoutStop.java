package dev.channels.examples;

import dev.channels.Arrival;
import dev.channels.Channel;
import dev.channels.Channels;
import dev.channels.Endpoint;
import dev.channels.Selector;
import dev.channels.WaitStrategy;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeoutException;

/**
 * A value, or a timeout, or a stop signal: one thread waits on a data endpoint and a stop
 * endpoint at once, with a timeout. A sensor sends two readings and goes quiet; the quiet spell
 * times out; then a third thread stops the loop by closing the stop channel, which the selecting
 * thread sees as the stop member's close.
 *
 * <pre>
 * reading: 20.5
 * reading: 21.0
 * timeout: nothing for 500 ms
 * stop: the stop channel was closed
 * </pre>
 */
public final class ValueTimeoutStop {
    private ValueTimeoutStop() {
    }

    /**
     * Runs the example on virtual threads with the default wait strategy.
     *
     * @param args ignored
     * @throws Exception if a thread of the example failed
     */
    public static void main(String[] args) throws Exception {
        run(WaitStrategy.spinThenPark(), Thread.ofVirtual().factory(), System.out);
    }

    // README-BEGIN
    static final Duration QUIET = Duration.ofMillis(500);

    /** Waits for a reading, a quiet spell or the stop signal, whichever comes first. */
    static void monitor(Endpoint<Double, Void> data, Endpoint<Void, Void> stop, CountDownLatch timedOut,
            PrintStream out) throws InterruptedException {
        Selector.priority(List.of(stop, data)).open(set -> {   // closes both channels at the end
            while (true) {
                Arrival<?, Void> a;
                try {
                    a = set.select(QUIET);
                } catch (TimeoutException e) {               // nothing was taken
                    out.println("timeout: nothing for " + QUIET.toMillis() + " ms");
                    timedOut.countDown();
                    continue;
                }
                if (a.endpoint() == stop) {
                    out.println("stop: the stop channel was " + (a.isClosed() ? "closed" : "signalled"));
                    return;
                }
                out.println("reading: " + a.value());
                a.post(null);                                // ask the sensor for its next reading
            }
        });
    }
    // README-END

    public static void run(WaitStrategy strategy, ThreadFactory threads, PrintStream out)
            throws InterruptedException, ExecutionException {
        Channel<Double, Void> data = Channels.create(strategy);
        Channel<Void, Void> stop = Channels.create(strategy);
        CountDownLatch timedOut = new CountDownLatch(1);
        try (var executor = Executors.newThreadPerTaskExecutor(threads)) {
            var sensor = executor.submit(() -> {
                data.second().send(20.5);
                data.second().send(21.0);                    // returns when asked for the next one
                return null;                                 // then quiet; the monitor closes the channel
            });
            var stopper = executor.submit(() -> {
                timedOut.await();
                stop.second().close();                       // the stop signal
                return null;
            });
            monitor(data.first(), stop.first(), timedOut, out);
            sensor.get();                                    // rethrows what the thread threw
            stopper.get();
        }
    }
}
