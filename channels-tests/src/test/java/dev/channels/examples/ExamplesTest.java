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
    /** Fan-in: each producer's values arrive in its order, and every send returned only after the consumer handled the value. */
    @EachConfig
    void fanIn(Config config) throws Exception {
        Output out = new Output();
        FanIn.run(config.strategy(), config.threadFactory("fan-in-"), out.stream);
        assertEquals(List.of(
                "A: A1 A2 A3",
                "B: B1 B2 B3",
                "C: C1 C2 C3",
                "9 values; every send returned after the consumer had handled its value: true"), out.lines());
    }

    /** A worker pool: every job is done exactly once, whichever worker took it. */
    @EachConfig
    void workerPool(Config config) throws Exception {
        Output out = new Output();
        WorkerPool.run(config.strategy(), config.threadFactory("worker-pool-"), out.stream);
        assertEquals(List.of(
                "20 jobs, 3 workers: every job done exactly once: true",
                "sum of the squares of 1..20: 2870"), out.lines());
    }

    /** An RPC server: one thread answers every client's requests, each client gets its own replies. */
    @EachConfig
    void rpcServer(Config config) throws Exception {
        Output out = new Output();
        RpcServer.run(config.strategy(), config.threadFactory("rpc-"), out.stream);
        assertEquals(List.of(
                "client 0: 1 squared is 1, 2 squared is 4, 3 squared is 9",
                "client 1: 4 squared is 16, 5 squared is 25, 6 squared is 36",
                "client 2: 7 squared is 49, 8 squared is 64, 9 squared is 81",
                "one server thread answered 9 requests from 3 clients"), out.lines());
    }

    /** A value, a timeout, a stop signal: each is seen, in that order. */
    @EachConfig
    void valueTimeoutStop(Config config) throws Exception {
        Output out = new Output();
        ValueTimeoutStop.run(config.strategy(), config.threadFactory("value-timeout-stop-"), out.stream);
        assertEquals(List.of(
                "reading: 20.5",
                "reading: 21.0",
                "timeout: nothing for 500 ms",
                "stop: the stop channel was closed"), out.lines());
    }
}
