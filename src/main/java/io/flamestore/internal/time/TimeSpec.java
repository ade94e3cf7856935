package io.flamestore.internal.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times as a person types them: Unix seconds ({@code 1700000000}; 13, 16 and 19 digits are read as
 * milliseconds, microseconds and nanoseconds), ISO-8601 ({@code 2024-05-01T12:00:00Z}, with an
 * offset, or without one meaning UTC; a bare date is its midnight UTC), or relative to now
 * ({@code now}, {@code now-1h}, {@code now-90m}, {@code now-7d}; units s, m, h, d, w). Shared by the
 * {@code flamestore} command and the HTTP API, whose clients send all of these forms.
 */
public final class TimeSpec {
    private static final Pattern RELATIVE = Pattern.compile("now(?:([+-])(\\d{1,9})([smhdw]))?");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,19}");

    private TimeSpec() {
    }

    /**
     * The Unix second {@code text} names; {@code nowEpochSeconds} anchors relative forms.
     *
     * @param what how errors name the value, e.g. {@code --from} or {@code from}
     * @throws IllegalArgumentException naming {@code what} and the text if it is no time
     */
    public static long parse(String what, String text, long nowEpochSeconds) {
        String trimmed = text.trim();
        Matcher relative = RELATIVE.matcher(trimmed);
        if (relative.matches()) {
            if (relative.group(1) == null) {
                return nowEpochSeconds;
            }
            long seconds = Long.parseLong(relative.group(2)) * unitSeconds(relative.group(3).charAt(0));
            return relative.group(1).equals("-") ? nowEpochSeconds - seconds : nowEpochSeconds + seconds;
        }
        if (DIGITS.matcher(trimmed).matches()) {
            return fromDigits(what, trimmed);
        }
        try {
            if (trimmed.length() == 10) {
                return LocalDate.parse(trimmed).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
            }
            if (trimmed.endsWith("Z") || trimmed.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(trimmed).toEpochSecond();
            }
            return LocalDateTime.parse(trimmed).toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(what + " '" + text + "' is not a time: use Unix seconds, ISO-8601 such as "
                    + Instant.ofEpochSecond(nowEpochSeconds) + ", or now-1h (units s, m, h, d, w)");
        }
    }

    private static long fromDigits(String what, String digits) {
        long value;
        try {
            value = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + digits + "' is out of range");
        }
        // Profilers send seconds, milliseconds, microseconds or nanoseconds; the digit count tells them apart.
        if (digits.length() >= 18) {
            return value / 1_000_000_000L;
        }
        if (digits.length() >= 15) {
            return value / 1_000_000L;
        }
        return digits.length() >= 12 ? value / 1_000L : value;
    }

    private static long unitSeconds(char unit) {
        return switch (unit) {
            case 's' -> 1;
            case 'm' -> 60;
            case 'h' -> 3_600;
            case 'd' -> 86_400;
            default -> 7 * 86_400;
        };
    }
}
