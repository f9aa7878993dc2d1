package dev.channels.bench;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.channels.bench.rig.Token;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link OneThreadBenchmark} through its JMH life cycle, called directly: every round trip
 * returns the reply to its own request, past the end of the token ring. Nothing about speed.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OneThreadBenchmarkTest {

    @ParameterizedTest
    @ValueSource(strings = {"channels", "jctools"})
    void everyRoundTripReturnsItsReply(String impl) throws InterruptedException {
        OneThreadBenchmark b = new OneThreadBenchmark();
        b.impl = impl;
        b.setUp();
        try {
            for (int k = 0; k < 3 * Token.COUNT; k++) {
                assertSame(Token.at(k).next(), b.roundTrip(), impl + ", round trip " + k);
            }
        } finally {
            b.tearDown();
        }
    }

    @Test
    void anUnknownContenderIsRefused() {
        OneThreadBenchmark b = new OneThreadBenchmark();
        b.impl = "nope";
        assertThrows(IllegalArgumentException.class, b::setUp);
    }
}
