package dev.channels.bench;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.bench.rig.IterationMetrics;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link ManyClientsBenchmark} through its JMH life cycle, called directly: set-up, two
 * invocations (every client's round trips, every reply checked), the iteration's figures, and a
 * tear-down in which every thread stops (it throws if one does not). Nothing about speed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ManyClientsBenchmarkTest {

    @ParameterizedTest(name = "{0}, {1} clients")
    @CsvSource({"channels-spinThenPark, 10", "channels-spinThenPark, 1000", "pairs-channels-spinThenPark, 10",
        "pairs-channels-park, 100", "synchronousQueue, 10", "synchronousQueue, 1000"})
    void runsAndStops(String impl, int clients) throws InterruptedException {
        ManyClientsBenchmark b = new ManyClientsBenchmark();
        b.impl = impl;
        b.clients = clients;
        b.start();
        try {
            IterationMetrics.drain();
            b.beforeIteration();
            b.manyClients();
            b.manyClients();
            b.afterIteration();
            assertTrue(IterationMetrics.drain().stream().anyMatch(m -> m.name().equals("cpu") && m.value() >= 0),
                    "cpu published");
        } finally {
            b.stop();
        }
    }

    @Test
    void refusesAClientCountThatDoesNotDivideTheRequests() {
        ManyClientsBenchmark b = new ManyClientsBenchmark();
        b.impl = "channels-spinThenPark";
        b.clients = 3;
        assertThrows(IllegalArgumentException.class, b::start);
    }
}
