package dev.channels.bench.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The single-word floor's encoding, and its protocol between two real threads. */
class SingleWordFloorTest {

    @Test
    void aWordCarriesTheValueAndTheTurn() {
        for (long v : new long[] {0, 1, 255, 256, SingleWordFloor.SWITCH, SingleWordFloor.STOP, Long.MAX_VALUE >> 1}) {
            long request = SingleWordFloor.request(v);
            long answer = SingleWordFloor.answer(v);
            assertEquals(SingleWordFloor.TURN, request & SingleWordFloor.TURN, "a request has the turn bit: " + v);
            assertEquals(0, answer & SingleWordFloor.TURN, "an answer has not: " + v);
            assertEquals(v, SingleWordFloor.value(request), "the value survives a request: " + v);
            assertEquals(v, SingleWordFloor.value(answer), "and an answer: " + v);
        }
        assertNotEquals(SingleWordFloor.value(SingleWordFloor.request(SingleWordFloor.SWITCH)),
                SingleWordFloor.value(SingleWordFloor.request(SingleWordFloor.STOP)));
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void thePartnerAnswersEveryTokenWithTheNextAndLeavesOnControlValues() throws Exception {
        SingleWordFloor floor = new SingleWordFloor();
        boolean[] switched = new boolean[2];
        Thread partner = Thread.ofPlatform().start(() -> {
            switched[0] = floor.serveFloor(); // until SWITCH
            switched[1] = floor.serveFloor(); // until STOP
        });
        for (int round = 0; round < 2; round++) {
            for (int k = 0; k < 20_000; k++) {
                Token t = Token.at(k);
                assertSame(t.next(), floor.roundTrip(t));
            }
            if (round == 0) {
                floor.sendSwitch();
            } else {
                floor.sendStop();
            }
        }
        partner.join();
        assertEquals(true, switched[0], "SWITCH: back to the workload");
        assertEquals(false, switched[1], "STOP: the end");
    }
}
