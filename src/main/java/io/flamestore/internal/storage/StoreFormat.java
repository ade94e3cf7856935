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
     * Version 2 added the put log ({@code puts.log}). A version-1 store is read and marked version 2
     * on open, so that an older Flamestore, which would not roll back a put the log holds, refuses it.
     */
    private static final String FORMAT = "flamestore-store 2\n";
    private static final String FORMAT_1 = "flamestore-store 1\n";

    private StoreFormat() {
    }

    /**
     * Checks the store's format marker, or writes it for a new store or one of version 1 (whole or
     * not at all: written under a temporary name, forced, then renamed).
     */
    static void check(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (Files.exists(file) && (Files.size(file) > 0 || Files.exists(dir.resolve(SeriesCatalog.FILE)))) {
            String found = Files.readString(file, StandardCharsets.ISO_8859_1);
            if (found.equals(FORMAT)) {
                return;
            }
            if (!found.equals(FORMAT_1)) {
                throw new CorruptDataException(file.toString(), 0, "not a Flamestore store of format version 1 or 2 (found \""
                        + found.strip() + "\")");
            }
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
