package io.flamestore.internal.http;

import io.flamestore.internal.time.TimeSpec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters of a query string, form-decoded ({@code +} is a space, {@code %XX} a UTF-8 byte),
 * as Pyroscope's clients encode them. A parameter given twice keeps its first value.
 */
final class Params {
    private final Map<String, String> values;
    private final long now;

    private Params(Map<String, String> values, long now) {
        this.values = values;
        this.now = now;
    }

    static Params parse(String query, long nowEpochSeconds) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            values.putIfAbsent(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return new Params(values, nowEpochSeconds);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("malformed query string near '" + text + "': " + e.getMessage());
        }
    }

    /** The value, or {@code fallback} if the parameter is missing or empty. */
    String get(String name, String fallback) {
        String value = values.get(name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    String required(String name) {
        String value = get(name, null);
        if (value == null) {
            throw HttpError.badRequest("parameter " + name + " is required");
        }
        return value;
    }

    /** A time: Unix s, ms, us or ns (by digit count), ISO-8601 or {@code now-1h}; {@code fallback} likewise. */
    long time(String name, String fallback) {
        return TimeSpec.parse(name, get(name, fallback), now);
    }

    long now() {
        return now;
    }

    /** A whole number in {@code [min, max]}, or {@code fallback} if missing. */
    long number(String name, long fallback, long min, long max) {
        String value = get(name, null);
        if (value == null) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below, with the accepted range
        }
        throw HttpError.badRequest("parameter " + name + "='" + value + "' must be a whole number from " + min + " to " + max);
    }
}
