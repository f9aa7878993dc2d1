package dev.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.testing.Config;
import dev.channels.testing.EachConfig;
import dev.channels.testing.Peer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Arrival#send}: {@code post} then {@code select} in one call. It must behave exactly as
 * the two calls do: the value handed over without waiting, then the set's next arrival; refused
 * with nothing handed over where {@code post} refuses; interrupted on entry, nothing handed over;
 * interrupted while waiting, the value handed over and nothing taken.
 */
@Timeout(20)
class ArrivalSendTest {

    /** An RPC server answering with a.send(reply): every client gets the reply to its own request, and the loop ends with the clients. */
    @EachConfig
    void aServerLoopAnswersEveryClient(Config config) throws Exception {
        int clients = 3;
        int calls = config.rounds(300, 20_000);
        List<Endpoint<Integer, Integer>> members = new ArrayList<>();
        List<Peer<Void>> peers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Channel<Integer, Integer> ch = config.channel();
            members.add(ch.first());
            int id = c;
            peers.add(config.start("client-" + c, () -> {
                try (Endpoint<Integer, Integer> client = ch.second()) {
                    for (int i = 0; i < calls; i++) {
                        int request = id * 1_000_000 + i;
                        assertEquals(2 * request, client.send(request), "the reply to this client's own request");
                    }
                }
                return null;
            }));
        }
        int answered = 0;
        int closes = 0;
        try (Selector<Integer, Integer> server = Selector.of(members)) {
            Arrival<Integer, Integer> a = server.select();
            while (true) {
                if (a.isClosed()) {
                    closes++;
                    if (server.size() == 0) {
                        break;
                    }
                    a = server.select();
                } else if (a.value() == null) {
                    a = a.send(null); // a client's start signal: let it send its first request
                } else {
                    answered++;
                    a = a.send(2 * a.value());
                }
            }
        }
        for (Peer<Void> p : peers) {
            p.join();
        }
        assertEquals(clients * calls, answered);
        assertEquals(clients, closes);
    }

    /** send returns the set's next arrival, from any member: here the other member, whose value was already waiting. */
    @EachConfig
    void sendHandsOverAndReturnsTheNextArrival(Config config) throws Exception {
        Channel<String, String> one = config.channel();
        Channel<String, String> two = config.channel();
        one.first().post(null);
        two.first().post(null);
        try (Selector<String, String> set = Selector.priority(List.of(one.second(), two.second()))) {
            Arrival<String, String> a = set.select();
            assertEquals(0, a.index());
            Arrival<String, String> b = a.send("to one");
            assertEquals(1, b.index(), "the other member's start signal was waiting");
            assertNull(b.value());
            assertEquals("to one", one.first().receive(), "the value went over without waiting");
            one.first().post("back from one");
            Arrival<String, String> c = b.send("to two");
            assertEquals(0, c.index());
            assertEquals("back from one", c.value());
            assertEquals("to two", two.first().receive());
        }
    }

    /** Interrupted on entry: InterruptedException, the status cleared, nothing handed over; the member still holds the turn. */
    @EachConfig
    void interruptedOnEntryHandsNothingOver(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        ch.first().post(null);
        try (Selector<String, String> set = Selector.of(List.of(ch.second()))) {
            Arrival<String, String> a = set.select();
            Thread.currentThread().interrupt();
            assertThrows(InterruptedException.class, () -> a.send("x"));
            assertFalse(Thread.currentThread().isInterrupted(), "the status is cleared");
            assertThrows(TimeoutException.class, () -> ch.first().receive(Duration.ZERO), "nothing went over");
            a.post("y");
            assertEquals("y", ch.first().receive());
        }
    }

    /** Interrupted while waiting for the next arrival: the value stays handed over, and nothing is taken. */
    @EachConfig
    void interruptedWhileWaitingKeepsTheValueHandedOver(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        Endpoint<String, String> peer = ch.first();
        peer.post(null);
        try (Selector<String, String> set = Selector.of(List.of(ch.second()))) {
            Arrival<String, String> a = set.select();
            Peer<Boolean> server = config.start("server", () -> {
                try {
                    a.send("reply");
                    return false;
                } catch (InterruptedException e) {
                    return !Thread.currentThread().isInterrupted();
                }
            });
            assertEquals("reply", peer.receive(), "handed over before the wait");
            SelectorTest.awaitWaitingInSelect(server.thread());
            server.thread().interrupt();
            assertTrue(server.join(Peer.PROMPTLY), "InterruptedException, with the status cleared");
            peer.post("next");
            Arrival<String, String> b = set.select(Duration.ofSeconds(10));
            assertEquals("next", b.value(), "the interrupted send took nothing");
        }
    }

    /** Refused where post refuses (a reply pending): IllegalStateException, nothing handed over, nothing taken. */
    @EachConfig
    void refusedWhileAReplyIsPendingChangesNothing(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        ch.first().post(null);
        try (Selector<String, String> set = Selector.of(List.of(ch.second()))) {
            Arrival<String, String> a = set.select();
            a.post("x");
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> a.send("y"));
            assertTrue(e.getMessage().contains("pending"), e.getMessage());
            assertEquals("x", ch.first().receive(), "only the first value went over");
            ch.first().post("answer");
            assertEquals("answer", set.select().value(), "the refused send took nothing");
        }
    }

    /** On a closed member: ChannelClosedException, nothing handed over (taken() 0), and the close is the next select's arrival. */
    @EachConfig
    void onAClosedMemberHandsNothingOver(Config config) throws Exception {
        Channel<String, String> one = config.channel();
        Channel<String, String> two = config.channel();
        one.first().post(null);
        try (Selector<String, String> set = Selector.of(List.of(one.second(), two.second()))) {
            Arrival<String, String> a = set.select();
            assertEquals(0, a.index());
            one.first().close();
            assertThrows(ChannelClosedException.class, () -> a.send("lost?"));
            assertEquals(0, one.second().taken());
            Arrival<String, String> c = set.select();
            assertEquals(0, c.index());
            assertTrue(c.isClosed());
            assertEquals(1, set.size());
        }
    }
}
