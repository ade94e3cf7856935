package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * index.cm is Chronicle Map's file, with no magic or checksum of Flamestore's; the checkpoint that a
 * clean close leaves in index.log records its length and entry count, and the journal of an unclean
 * session is replayed over it, so a truncated index is reported or repaired, never silently empty.
 */
class IndexTruncationTest {
    private static final long T0 = 1_700_000_000L;

    @TempDir
    Path dir;

    private Path storeWithData() throws IOException {
        Path store = dir.resolve("store");
        try (Storage storage = Storage.open(store)) {
            for (int i = 0; i < 50; i++) {
                storage.put("app.cpu", T0 + 10L * i, T0 + 10L * i + 10, Tree.parseFolded("a;b" + i + " " + (i + 1)));
            }
        }
        return store;
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }

    /** What a killed session leaves in index.log: the length it opened the index with, and no checkpoint. */
    private static void writeJournalOfUnfinishedSession(Path journal, long openedLength) throws IOException {
        ByteBuffer payload = ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN).put((byte) 3).putLong(openedLength);
        CRC32C crc = new CRC32C();
        crc.update(payload.array());
        ByteBuffer file = ByteBuffer.allocate(8 + 8 + 9).order(ByteOrder.LITTLE_ENDIAN);
        file.put("FSIX".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put(new byte[3]);
        file.putInt(9).putInt((int) crc.getValue()).put(payload.array());
        Files.write(journal, file.array());
    }

    private static void assertCorrupt(Path store, Path index) throws IOException {
        try (Storage storage = Storage.open(store)) {
            CorruptDataException e = assertThrows(CorruptDataException.class,
                    () -> storage.get(Query.parse("app.cpu", T0, T0 + 500)));
            assertTrue(e.getMessage().contains(index.toString()), e.getMessage());
        }
    }

    @Test
    void zeroLengthIndexIsCorruptData() throws Exception {
        Path store = storeWithData();
        Path index = store.resolve("partitions/p017000/index.cm");
        truncate(index, 0);
        assertCorrupt(store, index);
    }

    @Test
    void halfLengthIndexAfterACrashIsCorruptData() throws Exception {
        Path store = storeWithData();
        Path index = store.resolve("partitions/p017000/index.cm");
        long length = Files.size(index);
        writeJournalOfUnfinishedSession(index.resolveSibling("index.log"), length);
        truncate(index, length / 2);
        assertCorrupt(store, index);
    }
}
