package dev.channels.bench.contenders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.info.FieldLayout;

/**
 * The floors' slots sit between two 128-byte pads in the real layout of this JVM. Checked, not
 * assumed: with {@code long} padding fields, a reference declared in a subclass landed in the
 * 4-byte gap after the object header, before the pad (the value of {@code PaddedSlot} and of
 * {@code VersionedSlot} until 2026-12-06, whose version word then sat on another line than its
 * value).
 */
class SlotLayoutTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "dev.channels.bench.contenders.PaddedSlot, value",
            "dev.channels.bench.contenders.VersionedSlot, version value",
            "dev.channels.bench.rig.PaddedLong, value"
    })
    void theHotFieldsSitBetweenTwoPads(String className, String hot) throws Exception {
        List<FieldLayout> fields = List.copyOf(ClassLayout.parseClass(Class.forName(className)).fields());
        Set<String> hotNames = Set.of(hot.split(" "));
        List<FieldLayout> before = fields.stream().filter(f -> f.name().matches("p\\d+")).toList();
        List<FieldLayout> after = fields.stream().filter(f -> f.name().matches("q\\d+")).toList();
        List<FieldLayout> hotFields = fields.stream().filter(f -> hotNames.contains(f.name())).toList();
        assertEquals(hotNames.size(), hotFields.size(), "hot fields found: " + hotFields);
        assertTrue(before.stream().mapToLong(FieldLayout::size).sum() >= 128, "128 bytes of padding before");
        assertTrue(after.stream().mapToLong(FieldLayout::size).sum() >= 128, "128 bytes of padding after");

        long firstHot = hotFields.stream().mapToLong(FieldLayout::offset).min().orElseThrow();
        long lastHotEnd = hotFields.stream().mapToLong(f -> f.offset() + f.size()).max().orElseThrow();
        assertTrue(before.stream().allMatch(f -> f.offset() + f.size() <= firstHot),
                "every byte of the first pad lies before the hot fields of " + className + ": " + fields);
        assertTrue(after.stream().allMatch(f -> f.offset() >= lastHotEnd),
                "every byte of the second pad lies after the hot fields of " + className + ": " + fields);
        // objects are 8-byte aligned: hot fields within 16 bytes share a 64-byte line unless one
        // of the line boundaries falls between them (1 allocation in 8 for a 16-byte span)
        assertTrue(lastHotEnd - firstHot <= 16, "the hot fields lie together: " + hotFields);
    }
}
