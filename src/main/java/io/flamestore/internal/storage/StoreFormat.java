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
     * Version 3 stores trees as path counts over a path table per partition ({@code paths.log});
     * versions 1 and 2 stored whole encoded trees, and version 2 added the put log. Older stores are
     * refused by name: their blobs are not readable here.
     */
    private static final String FORMAT = "flamestore-store 3\n";
    private static final String PREFIX = "flamestore-store ";

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
            if (found.equals(PREFIX + "1\n") || found.equals(PREFIX + "2\n")) {
                throw new CorruptDataException(file.toString(), 0, "a store of format version " + found.strip().substring(PREFIX.length())
                        + ", written by an older Flamestore that stored whole trees; this one reads version 3 only");
            }
            throw new CorruptDataException(file.toString(), 0, "not a Flamestore store of format version 3 (found \""
                    + found.strip() + "\")");
        }
        Path temporary = dir.resolve(FILE + ".new");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(FORMAT.getBytes(StandardCharsets.US_ASCII)));
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
