package dev.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.info.FieldLayout;

/**
 * The fields that different threads write sit between two 128-byte pads in the real object
 * layout of this JVM: the JVM may reorder fields, so the layering is checked, not assumed.
 */
class PaddingTest {

    /** The padded classes, the names of their hot fields, and the prefixes of their two pads. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "dev.channels.Exchange, slot firstWaiter secondWaiter firstSignal secondSignal",
            "dev.channels.ExchangeEndpoint, owner phase phaseBeforeDeposit mine peer peerCount ownDeposit"
                    + " mineTaken keepRequest taken received count closed batch quietNanos probeNanos quietPauses pauseSixteenths answerWaits preTake",
            "dev.channels.TakeCount, value lastUser",
            "dev.channels.MemberSignal, member queue",
            "dev.channels.ReadyQueue, head waiter scanning"
    })
    void hotFieldsSitBetweenTwoFullPads(String className, String hot) throws Exception {
        List<FieldLayout> fields = List.copyOf(ClassLayout.parseClass(Class.forName(className)).fields());
        Set<String> hotNames = Set.of(hot.split(" "));

        List<FieldLayout> before = fields.stream().filter(f -> f.name().matches("p\\d{3}")).toList();
        List<FieldLayout> after = fields.stream().filter(f -> f.name().matches("q\\d{3}")).toList();
        List<FieldLayout> hotFields = fields.stream().filter(f -> hotNames.contains(f.name())).toList();
        assertEquals(128, before.size(), "bytes of padding before");
        assertEquals(128, after.size(), "bytes of padding after");
        assertEquals(hotNames.size(), hotFields.size(), "hot fields found: " + hotFields);

        long firstHot = hotFields.stream().mapToLong(FieldLayout::offset).min().orElseThrow();
        long lastHotEnd = hotFields.stream().mapToLong(f -> f.offset() + f.size()).max().orElseThrow();
        assertTrue(before.stream().allMatch(f -> f.offset() < firstHot),
                "every byte of the first pad lies before the hot fields of " + className);
        assertTrue(after.stream().allMatch(f -> f.offset() >= lastHotEnd),
                "every byte of the second pad lies after the hot fields of " + className);
        // nothing written by another thread may share the padded region: only hot and final fields
        for (FieldLayout f : fields) {
            if (f.offset() >= firstHot && f.offset() < lastHotEnd) {
                assertTrue(hotNames.contains(f.name()) || isFinal(className, f),
                        f.name() + " lies among the hot fields of " + className);
            }
        }
    }

    private static boolean isFinal(String className, FieldLayout f) throws Exception {
        for (Class<?> c = Class.forName(className); c != null; c = c.getSuperclass()) {
            for (var field : c.getDeclaredFields()) {
                if (field.getName().equals(f.name())) {
                    return java.lang.reflect.Modifier.isFinal(field.getModifiers());
                }
            }
        }
        return false;
    }
}
