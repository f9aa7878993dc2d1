package dev.channels.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.channels.testing.Config;
import dev.channels.testing.EachConfig;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/** Each example prints exactly the output of the Python original, in order, on every configuration. */
@Timeout(20)
class ExamplesTest {

    /** One sender feeding two channels produces the four messages in the order they were sent. */
    @EachConfig
    void twoChannels(Config config) throws Exception {
        Output out = new Output();
        TwoChannels.run(config.strategy(), config.threadFactory("two-channels-"), out.stream);
        assertEquals(List.of(
                "Message for Arnold: Hello Arnold.",
                "Message for Bernard: Hello Bernard.",
                "Message for Arnold: Goodbye Arnold.",
                "Message for Bernard: Goodbye Bernard."), out.lines());
    }

    /** Both directions alternate, and leaving one scope ends the other scope quietly. */
    @EachConfig
    void bidirectional(Config config) throws Exception {
        Output out = new Output();
        Bidirectional.run(config.strategy(), config.threadFactory("bidirectional-"), out.stream);
        assertEquals(List.of("A", "0", "B", "1"), out.lines());
    }

    /** A pipeline of iterators pulls the producer's items out of the channel in pairs. */
    @EachConfig
    void pipeline(Config config) throws Exception {
        Output out = new Output();
        Pipeline.run(config.strategy(), config.threadFactory("pipeline-"), out.stream);
        assertEquals(List.of("Combining: Item 1 Item 2", "Combining: Item 3 Item 4"), out.lines());
    }
}
