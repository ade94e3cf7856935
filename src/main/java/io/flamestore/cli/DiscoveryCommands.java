package io.flamestore.cli;

import io.flamestore.AppMetadata;
import io.flamestore.Query;
import io.flamestore.Storage;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code flamestore apps} and {@code flamestore labels}: what a store holds. */
final class DiscoveryCommands {
    static final String APPS_USAGE = "apps [--store DIR]";
    static final String LABELS_USAGE = "labels --query SELECTOR [--label NAME] [--from TIME] [--until TIME] [--store DIR]";

    private DiscoveryCommands() {
    }

    /** Every application name with its metadata. */
    static void apps(List<String> args, PrintStream out) throws IOException {
        Options options = Options.parse(args, Set.of(StoreDir.OPTION));
        try (Storage storage = StoreDir.existing(options)) {
            for (String app : storage.appNames()) {
                AppMetadata m = storage.metadata(app);
                out.printf(Locale.ROOT, "%s\tunits=%s aggregation=%s sampleRate=%d spy=%s%n", app, m.units(),
                        m.aggregation().name().toLowerCase(Locale.ROOT), m.sampleRate(), m.spyName());
            }
        }
    }

    /** The label names of the matching series with data in the range, or the values of one label. */
    static void labels(List<String> args, long now, PrintStream out) throws IOException {
        Options options = Options.parse(args, Set.of("query", "label", "from", "until", StoreDir.OPTION));
        Query query = QueryCommand.parseQuery(options.required("query"), options.time("from", "now-1h", now),
                options.time("until", "now", now));
        try (Storage storage = StoreDir.existing(options)) {
            Iterable<String> found = options.has("label")
                    ? storage.labelValues(query, options.required("label"))
                    : storage.labelNames(query);
            for (String value : found) {
                out.println(value);
            }
        }
    }
}
