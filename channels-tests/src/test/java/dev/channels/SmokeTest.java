package dev.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.channels.testing.Config;
import dev.channels.testing.EachConfig;
import dev.channels.testing.Peer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/** The README's first example: a sender's values arrive in order and closing ends the loop. */
class SmokeTest {
    @EachConfig
    @Timeout(20)
    void helloGoodbye(Config config) throws Exception {
        Channel<String, Void> ch = config.channel();
        Endpoint<Void, String> sender = ch.second();
        Peer<Void> peer = config.start("sender", () -> {
            try (sender) {
                sender.send("Hello");
                sender.send("Goodbye");
            }
            return null;
        });
        List<String> got = new ArrayList<>();
        for (String m : ch.first()) {
            got.add(m);
        }
        peer.join();
        assertEquals(List.of("Hello", "Goodbye"), got);
    }
}
