package io.flamestore.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReaderTest {
    @Test
    void readsObjectsArraysAndScalarsInDocumentOrder() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("z", Arrays.asList(1.0, -2.5, 300.0, true, false, null));
        expected.put("a", Map.of("units", "bytes"));
        expected.put("text", "tab\t \"quoted\" \\ / é \u00e9 \n");
        Object parsed = JsonReader.parse(" {\"z\": [1, -2.5, 3e2, true, false, null], \"a\": {\"units\": \"bytes\"},"
                + " \"text\": \"tab\\t \\\"quoted\\\" \\\\ \\/ é \\u00e9 \\n\"} ");
        assertEquals(expected, parsed);
        assertEquals(expected.keySet().toString(), ((Map<?, ?>) parsed).keySet().toString(), "document order");
    }

    @Test
    void malformedTextNamesTheOffset() {
        String[][] cases = {
            {"{\"a\": }", "JSON at offset 6: value expected"},
            {"{\"a\" 1}", "JSON at offset 5: ':' expected"},
            {"{a: 1}", "JSON at offset 1: member name (a string) expected"},
            {"[1, 2", "JSON at offset 5: ']' expected"},
            {"\"open", "JSON at offset 5: unterminated string"},
            {"\"\\x\"", "JSON at offset 3: unknown escape \\x"},
            {"01", "JSON at offset 0: value expected"},
            {"{} {}", "JSON at offset 3: unexpected text after the value"},
            {"", "JSON at offset 0: value expected, found the end"},
        };
        for (String[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonReader.parse(c[0]), c[0]);
            assertEquals(c[1], e.getMessage(), c[0]);
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("[".repeat(100) + "]".repeat(100)))
                .getMessage().contains("nested deeper than 64"));
    }
}
