package dev.channels.bench.tail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.bench.rig.ThreadKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The tail-latency and idle-cost programs work end to end; nothing here is about speed. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TailAndIdleTest {

    @Test
    void placementsSplitOnlyWhenTheFloorsAreFarApart() {
        assertEquals(0, TailLatency.placement(130, 100, 140), "within 1.5x: one placement");
        assertEquals(0, TailLatency.placement(70, 60, 330), "near");
        assertEquals(1, TailLatency.placement(320, 60, 330), "far");
    }

    @Test
    void scoreErrorIsTheHalfWidthOfJmhsConfidenceInterval() {
        // mean 2, sample standard deviation 1, n = 3: t(0.9995, 2) * 1 / sqrt(3)
        assertEquals(31.599 / Math.sqrt(3), JmhJson.error(new double[] {1, 2, 3}), 1e-9);
        assertTrue(Double.isNaN(JmhJson.error(new double[] {5})), "one value: no error, as in JMH");
    }

    @Test
    void everyContenderGetsItsSegmentsAndAnEntry(@TempDir Path dir) throws Exception {
        Map<String, List<TailLatency.Segment>> segments =
                TailLatency.run(ThreadKind.PLATFORM, new TailLatency.Settings(0, 2, 20));
        assertEquals(TailLatency.CONTENDERS.size(), segments.size(), "segments of every contender: " + segments.keySet());
        for (List<TailLatency.Segment> list : segments.values()) {
            assertEquals(2, list.size(), "one segment per round");
            for (TailLatency.Segment s : list) {
                assertTrue(s.histogram().getTotalCount() > 0, "every round trip is recorded");
                assertTrue(s.floor() > 0 && s.drift() >= 0, "the floor around the segment: " + s);
            }
        }
        JmhJson json = new JmhJson();
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        TailLatency.report(ThreadKind.PLATFORM, segments, json, new PrintStream(text, true, StandardCharsets.UTF_8));
        json.write(dir.resolve("tail.json"));
        String written = Files.readString(dir.resolve("tail.json"));
        for (String name : TailLatency.CONTENDERS) {
            assertTrue(written.contains("\"impl\" : \"" + name + "\""), "an entry for " + name);
            assertTrue(text.toString(StandardCharsets.UTF_8).contains(name), "a summary line for " + name);
        }
        for (String metric : new String[] {"\"p99\"", "\"p99.9\"", "\"p99/p50\"", "\"p99.9/p50\"", "\"ratio\""}) {
            assertTrue(written.contains(metric), metric + " written");
        }
    }

    @Test
    void aSpinningWaiterShowsItsCpuAndTheWindowStartsAfterTheFirstMillisecond() throws Exception {
        long waitMillis = 100;
        IdleCost.Sample spin = IdleCost.measure("busySpin", false, 0, waitMillis);
        long window = TimeUnit.MILLISECONDS.toNanos(waitMillis) - TimeUnit.MICROSECONDS.toNanos(IdleCost.GRACE_MICROS);
        // The window ends at a fixed time; its start waits for the grace sleep, which a loaded
        // machine may end late: half the nominal window still shows that it lasts to the end.
        assertTrue(spin.windowNanos() >= window / 2, "the window lasts until the end: " + spin);
        assertTrue(spin.percentOfCore() > 1, "a busy-spinning waiter burns CPU: " + spin);
        assertTrue(spin.firstCpuNanos() > 0, "and did so in its first millisecond: " + spin);
        IdleCost.Sample idle = IdleCost.measure("default", false, 0, waitMillis);
        assertTrue(idle.windowNanos() >= window / 2 && idle.cpuNanos() >= 0, "the default waiter measured: " + idle);
        IdleCost.Sample virtual = IdleCost.measure("busySpin", true, 0, waitMillis);
        assertTrue(virtual.cpuNanos() > 0, "a spinning virtual waiter shows on its carriers: " + virtual);
    }
}
