package io.flamestore.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} pairs after the command word. */
final class Options {
    private final Map<String, String> values;

    private Options(Map<String, String> values) {
        this.values = values;
    }

    /** Parses {@code args}, refusing any option not in {@code known}. */
    static Options parse(List<String> args, Set<String> known) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.size(); i += 2) {
            String name = args.get(i);
            if (!name.startsWith("--") || name.length() == 2) {
                throw new UsageException("expected an option such as --out, got '" + name + "'");
            }
            if (!known.contains(name.substring(2))) {
                throw new UsageException("unknown option " + name + " (known: --" + String.join(", --", known) + ")");
            }
            if (i + 1 == args.size()) {
                throw new UsageException("option " + name + " needs a value");
            }
            if (values.put(name.substring(2), args.get(i + 1)) != null) {
                throw new UsageException("option " + name + " given twice");
            }
        }
        return new Options(values);
    }

    Path path(String name, Path fallback) {
        String value = values.get(name);
        return value == null ? fallback : Path.of(value);
    }
}
