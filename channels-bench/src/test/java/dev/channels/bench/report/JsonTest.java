package dev.channels.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The small JSON reader, on the shapes JMH writes. */
class JsonTest {

    @Test
    void readsObjectsArraysNumbersStringsAndLiterals() {
        Object v = Json.parse("{ \"a\": [1, -2.5e3, \"NaN\"], \"b\": {\"c\": true, \"d\": null}, \"e\": \"x\\\"y\\u0041\" }");
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals(List.of(1.0, -2500.0, "NaN"), m.get("a"));
        Map<?, ?> b = (Map<?, ?>) m.get("b");
        assertEquals(Boolean.TRUE, b.get("c"));
        assertNull(b.get("d"));
        assertEquals("x\"yA", m.get("e"));
    }

    @Test
    void readsEmptyContainers() {
        assertEquals(List.of(), Json.parse("[ ]"));
        assertEquals(Map.of(), Json.parse("{}"));
    }

    @Test
    void rejectsBrokenInput() {
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1, 2"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\" 1}"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1] x"));
    }
}
