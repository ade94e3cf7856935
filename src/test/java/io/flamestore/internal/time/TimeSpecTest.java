package io.flamestore.internal.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TimeSpecTest {
    private static final long NOW = 1_700_000_000L;

    private static long parse(String text) {
        return TimeSpec.parse("--from", text, NOW);
    }

    @Test
    void unixTimesInAnyPrecision() {
        assertEquals(1_700_000_123L, parse("1700000123"));
        assertEquals(1_700_000_123L, parse("1700000123456"));
        assertEquals(1_700_000_123L, parse("1700000123456789"));
        assertEquals(1_700_000_123L, parse("1700000123456789012"));
        assertEquals(0, parse("0"));
    }

    @Test
    void isoTimesWithAndWithoutOffset() {
        assertEquals(1_714_564_800L, parse("2024-05-01T12:00:00Z"));
        assertEquals(1_714_564_800L, parse("2024-05-01T14:00:00+02:00"));
        assertEquals(1_714_564_800L, parse("2024-05-01T12:00:00"));
        assertEquals(1_714_521_600L, parse("2024-05-01"));
    }

    @Test
    void relativeToNow() {
        assertEquals(NOW, parse("now"));
        assertEquals(NOW - 3_600, parse("now-1h"));
        assertEquals(NOW - 90 * 60, parse("now-90m"));
        assertEquals(NOW - 7 * 86_400, parse("now-7d"));
        assertEquals(NOW - 2 * 7 * 86_400, parse("now-2w"));
        assertEquals(NOW + 30, parse("now+30s"));
    }

    @Test
    void nonsenseNamesTheOptionAndTheText() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("yesterday"));
        assertTrue(e.getMessage().startsWith("--from 'yesterday' is not a time"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> parse("now-1y"));
        assertThrows(IllegalArgumentException.class, () -> parse("2024-13-01"));
    }
}
