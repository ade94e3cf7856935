package io.flamestore.cli;

import io.flamestore.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The {@code --store DIR} option shared by the commands that use a store. */
final class StoreDir {
    static final String OPTION = "store";
    /** Where the commands keep their store unless told otherwise. */
    static final Path DEFAULT = Path.of("flamestore-data");

    private StoreDir() {
    }

    /** Opens the store for writing, creating it if needed. */
    static Storage create(Options options) throws IOException {
        return Storage.open(options.path(OPTION, DEFAULT));
    }

    /** Opens an existing store; a missing one is a usage mistake, not an empty answer. */
    static Storage existing(Options options) throws IOException {
        Path dir = options.path(OPTION, DEFAULT);
        if (!Files.isDirectory(dir)) {
            throw new UsageException("no store at " + dir.toAbsolutePath().normalize()
                    + " (give it with --store DIR, or ingest something first)");
        }
        return Storage.open(dir);
    }
}
