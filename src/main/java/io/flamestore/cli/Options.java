package io.flamestore.cli;

import io.flamestore.internal.time.TimeSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} pairs after the command word, and the plain arguments among them. */
final class Options {
    private final Map<String, String> values;
    private final List<String> positional;

    private Options(Map<String, String> values, List<String> positional) {
        this.values = values;
        this.positional = positional;
    }

    /** Parses {@code args}, refusing any option not in {@code known} and any plain argument. */
    static Options parse(List<String> args, Set<String> known) {
        Options options = parse(args, known, true);
        if (!options.positional.isEmpty()) {
            throw new UsageException("unexpected argument '" + options.positional.get(0) + "'");
        }
        return options;
    }

    /** Parses {@code args}, refusing any option not in {@code known}; other words are kept in order. */
    static Options parse(List<String> args, Set<String> known, boolean allowPlain) {
        Map<String, String> values = new HashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String name = args.get(i);
            if (!name.startsWith("--") || name.length() == 2) {
                if (!allowPlain) {
                    throw new UsageException("expected an option such as --store, got '" + name + "'");
                }
                positional.add(name);
                continue;
            }
            if (!known.contains(name.substring(2))) {
                throw new UsageException("unknown option " + name + " (known: --" + String.join(", --", known) + ")");
            }
            if (i + 1 == args.size()) {
                throw new UsageException("option " + name + " needs a value");
            }
            if (values.put(name.substring(2), args.get(++i)) != null) {
                throw new UsageException("option " + name + " given twice");
            }
        }
        return new Options(values, positional);
    }

    List<String> positional() {
        return positional;
    }

    String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    String required(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new UsageException("option --" + name + " is required");
        }
        return value;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    Path path(String name, Path fallback) {
        String value = values.get(name);
        return value == null ? fallback : Path.of(value);
    }

    int integer(String name, int fallback, int min, int max) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below, with the accepted range
        }
        throw new UsageException("--" + name + " '" + value + "' must be a whole number from " + min + " to " + max);
    }

    /** A time option (see {@link TimeSpec}); {@code fallback} is itself parsed the same way. */
    long time(String name, String fallback, long nowEpochSeconds) {
        try {
            return TimeSpec.parse("--" + name, values.getOrDefault(name, fallback), nowEpochSeconds);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
