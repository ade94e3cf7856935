package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Puts that cannot complete, and a store whose creation was cut short. */
class PartialWriteTest {
    private static final long T0 = 1_700_000_000L;

    @TempDir
    Path dir;

    /** A put spanning a partition that cannot be opened fails before it stores its first slot. */
    @Test
    void failedMultiSlotPutStoresNothing() throws Exception {
        Path store = dir.resolve("store");
        try (Storage storage = Storage.open(store)) {
            storage.put("app.cpu", T0, T0 + 10, Tree.parseFolded("a 1"));
        }
        // The partition after T0's is unreadable (a chunk with a bad magic number).
        Path next = store.resolve("partitions").resolve("p017001");
        Files.createDirectories(next);
        try (FileChannel chunk = FileChannel.open(next.resolve("blobs-00000.dat"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            chunk.write(ByteBuffer.wrap("XXXX".getBytes(StandardCharsets.US_ASCII)), (1 << 20) - 4);
        }
        try (Storage storage = Storage.open(store)) {
            // 10 s from T0+99,995: half in the last slot of partition 17000, half in the first of 17001.
            assertThrows(CorruptDataException.class, () -> storage.put("app.cpu", T0 + 99_995, T0 + 100_005, Tree.parseFolded("b 10")));
            // The put failed, so none of it is stored (it would have put "b 5" in slot T0+99,990).
            assertEquals(Tree.parseFolded("a 1"), storage.get(Query.parse("app.cpu", T0, T0 + 99_999)).tree());
        }
    }

    /** A crash during the very first open (FORMAT created, not yet written) must not leave a store that never opens. */
    @Test
    void emptyFormatFileFromACrashDuringCreationDoesNotBrickTheStore() throws Exception {
        Path store = dir.resolve("store");
        Files.createDirectories(store);
        Files.createFile(store.resolve("FORMAT")); // what a kill between CREATE_NEW and write leaves
        try (Storage storage = Storage.open(store)) { 
            storage.put("app.cpu", T0, T0 + 10, Tree.parseFolded("a 1"));
        }
    }
}
