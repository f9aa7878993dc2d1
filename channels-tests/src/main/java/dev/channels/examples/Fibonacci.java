package dev.channels.examples;

import dev.channels.Generator;
import java.io.PrintStream;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * A generator: an endless push-style loop, pulled with a for-each loop and with a stream. Leaving
 * each try-with-resources closes the generator, whose body then ends at its pending {@code send};
 * closing the executor returns only when every body has ended.
 *
 * <pre>
 * 0 1 1 2 3 5 8 13 21 34
 * [0, 2, 8, 34, 144]
 * </pre>
 */
public final class Fibonacci {
    private Fibonacci() {
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out);
    }

    // README-BEGIN
    static Generator<Long> fibonacci(Executor executor) {
        return Generator.of(executor, out -> {
            long a = 0;
            long b = 1;
            while (true) {       // push-style: send every value; the consumer decides when to stop
                out.send(a);
                long next = a + b;
                a = b;
                b = next;
            }
        });
    }

    public static void run(PrintStream out) {
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            StringBuilder line = new StringBuilder();
            try (Generator<Long> fib = fibonacci(executor)) {
                for (long f : fib) {                      // pull-style
                    if (f > 50) {
                        break;
                    }
                    line.append(f).append(' ');
                }
            }   // close: the body's pending send throws ChannelClosedException, and its thread ends
            out.println(line.toString().strip());

            try (Stream<Long> evens = fibonacci(executor).stream()) {
                out.println(evens.filter(f -> f % 2 == 0).limit(5).toList());
            }   // closing the stream closes the generator
        }   // returns once every task has ended: no thread is left behind
    }
    // README-END
}
