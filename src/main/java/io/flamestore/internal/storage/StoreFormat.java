package io.flamestore.internal.storage;

import io.flamestore.CorruptDataException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** The store's format marker, the file {@code FORMAT} (docs/storage-format.md, "Store directory"). */
final class StoreFormat {
    private static final String FILE = "FORMAT";
    /**
     * Version 4 stores path counts with a unit (counts version 2); version 3 stored them without
     * (version 1), which is still read, so a version-3 store is upgraded by rewriting this marker.
     * Versions 1 and 2 stored whole encoded trees, and version 2 added the put log; they are refused
     * by name: their blobs are not readable here.
     */
    private static final String FORMAT = "flamestore-store 4\n";
    private static final String PREFIX = "flamestore-store ";
    private static final String UPGRADED = PREFIX + "3\n";

    private StoreFormat() {
    }

    /**
     * Checks the store's format marker, or writes it for a new store (whole or not at all: written
     * under a temporary name, forced, then renamed).
     */
    static void check(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (Files.exists(file) && (Files.size(file) > 0 || Files.exists(dir.resolve(SeriesCatalog.FILE)))) {
            String found = Files.readString(file, StandardCharsets.ISO_8859_1);
            if (found.equals(FORMAT)) {
                return;
            }
            if (found.equals(UPGRADED)) {
                write(dir, file); // older readers must not open a store that now holds counts with units
                return;
            }
            if (found.equals(PREFIX + "1\n") || found.equals(PREFIX + "2\n")) {
                throw new CorruptDataException(file.toString(), 0, "a store of format version " + found.strip().substring(PREFIX.length())
                        + ", written by an older Flamestore that stored whole trees; this one reads versions 3 and 4 only");
            }
            throw new CorruptDataException(file.toString(), 0, "not a Flamestore store of format version 3 or 4 (found \""
                    + found.strip() + "\")");
        }
        write(dir, file);
    }

    private static void write(Path dir, Path file) throws IOException {
        Path temporary = dir.resolve(FILE + ".new");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(FORMAT.getBytes(StandardCharsets.US_ASCII)));
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
