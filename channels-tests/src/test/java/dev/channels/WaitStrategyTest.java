package dev.channels;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.examples.TwoChannels;
import dev.channels.testing.Modes;
import dev.channels.testing.Peer;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The wait strategies keep their promises: progress for everyone, validated budgets. */
class WaitStrategyTest {

    /**
     * Busy-spinning virtual threads do not starve a virtual thread that waits for a carrier. The
     * README's first example on busy-spinning virtual threads: the sender opens both channels,
     * so it spins waiting for Bernard's receiver while Arnold's receiver spins too; on two
     * carriers, Bernard's receiver needs one of theirs. Each round starts from a new platform
     * thread, as the starvation depends on where the scheduler queued the threads. (Regression:
     * on JDK 25 spinners that only yielded kept both carriers for minutes.)
     */
    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void busySpinningVirtualThreadsLeaveRoomForTheirPeer() throws Exception {
        int rounds = Modes.pick(100, 2_000);
        for (int r = 0; r < rounds; r++) {
            Peer<Void> round = Peer.start(Thread.ofPlatform().name("round-" + r).daemon(), () -> {
                TwoChannels.run(WaitStrategy.busySpin(), Thread.ofVirtual().factory(),
                        new PrintStream(OutputStream.nullOutputStream()));
                return null;
            });
            round.join(Duration.ofSeconds(30));
        }
    }

    /** Negative budgets are refused with a message naming them. */
    @Test
    void spinThenParkRejectsNegativeBudgets() {
        var e = assertThrows(IllegalArgumentException.class, () -> WaitStrategy.spinThenPark(-1, 0, 0));
        assertTrue(e.getMessage().contains("spins -1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WaitStrategy.spinThenPark(0, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> WaitStrategy.spinThenPark(0, 0, -1));
    }

    /** Park never spins; busy-spin never parks; spin-then-park parks after its budgets. */
    @Test
    void strategiesDecideAsDocumented() {
        assertFalse(WaitStrategy.park().idle(0));
        for (int attempt = 0; attempt < 2_000; attempt++) {
            assertTrue(WaitStrategy.busySpin().idle(attempt));
        }
        WaitStrategy small = WaitStrategy.spinThenPark(3, 3, 2);
        boolean multiprocessor = Runtime.getRuntime().availableProcessors() > 1;
        int budget = (multiprocessor ? 3 : 0) + 2;
        for (int attempt = 0; attempt < budget; attempt++) {
            assertTrue(small.idle(attempt), "attempt " + attempt);
        }
        assertFalse(small.idle(budget));
        assertTrue(small.toString().contains("yields 2"), small.toString());
    }
}
