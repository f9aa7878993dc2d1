package dev.channels.bench;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link FreshValueBenchmark} through its JMH life cycle, called directly: every round trip gets
 * an answer that is not its own request, with fresh and with reused values, and the partner
 * stops at the tear-down. Nothing about speed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FreshValueBenchmarkTest {

    @ParameterizedTest
    @CsvSource({
            "channels-busySpin, fresh", "channels-busySpin, reused",
            "channels-spinThenPark, fresh", "channels-spinThenPark, reused",
            "exchanger, fresh", "exchanger, reused",
            "jctools, fresh", "jctools, reused"
    })
    void everyRoundTripGetsAnAnswer(String impl, String values) throws Exception {
        FreshValueBenchmark b = new FreshValueBenchmark();
        b.impl = impl;
        b.values = values;
        b.setUp();
        try {
            for (int k = 0; k < 1_000; k++) {
                Object reply = b.roundTrip();
                assertNotNull(reply, impl + ", round trip " + k);
            }
        } finally {
            b.tearDown();
        }
        assertTrue(b.partnerStopped(), impl + ": the partner ends with the trial");
    }

    @Test
    void theAnswerIsNeverTheRequest() throws Exception {
        FreshValueBenchmark b = new FreshValueBenchmark();
        b.impl = "channels-spinThenPark";
        b.values = "reused";
        b.setUp();
        try {
            Object first = b.roundTrip();
            assertNotSame(first, b.roundTrip(), "consecutive answers are distinct objects");
        } finally {
            b.tearDown();
        }
    }

    @Test
    void anUnknownContenderOrValueKindIsRefused() {
        FreshValueBenchmark b = new FreshValueBenchmark();
        b.impl = "nope";
        b.values = "fresh";
        assertThrows(IllegalArgumentException.class, b::setUp);
        FreshValueBenchmark c = new FreshValueBenchmark();
        c.impl = "exchanger";
        c.values = "stale";
        assertThrows(IllegalArgumentException.class, c::setUp);
    }
}
