package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Every file has magic, version and checksums; a corrupted or truncated file gives a checked
 * exception naming file and offset, and the rest of the store stays readable." Each test writes a
 * store, closes it, damages one file the way a disk or an operator might, and reopens it.
 */
class CorruptionTest {
    /** A multiple of 10^5: partitions (10^5 s each) start here. */
    private static final long T0 = 1_700_000_000L;
    /** Two partitions apart from T0, so that no partition holds data of both. */
    private static final long T1 = T0 + 200_000;
    private static final String SERIES_A = "app.cpu{host=a}";
    private static final String SERIES_B = "app.cpu{host=b}";
    private static final int PUTS = 20;

    @TempDir
    Path dir;

    private static Tree tree(String folded) throws ProfileFormatException {
        return Tree.parseFolded(folded);
    }

    /** The tree of put {@code i} into the partition starting at {@code base}. */
    private static Tree putTree(long base, int i) throws ProfileFormatException {
        String side = base == T0 ? "a" : "b";
        return tree("main;" + side + ";work" + (i % 3) + " " + (i + 1) + "\nmain;" + side + ";io;read" + (i % 5) + " " + (2 * i + 1));
    }

    private static Tree expected(long base) throws ProfileFormatException {
        Tree sum = new Tree();
        for (int i = 0; i < PUTS; i++) {
            sum.merge(putTree(base, i));
        }
        return sum;
    }

    /**
     * A store with {@link #PUTS} one-slot puts in the partition of T0 (series a) and as many in the
     * partition of T1 (series b). No slot is written twice and nothing is queried, so every blob in
     * the chunks is one that the index refers to.
     */
    private Path writeTwoPartitions() throws IOException {
        Path store = dir.resolve("store");
        try (Storage storage = Storage.open(store)) {
            for (int i = 0; i < PUTS; i++) {
                storage.put(SERIES_A, T0 + 10L * i, T0 + 10L * i + 10, putTree(T0, i));
                storage.put(SERIES_B, T1 + 10L * i, T1 + 10L * i + 10, putTree(T1, i));
            }
        }
        return store;
    }

    private static Path partition(Path store, long epochSecond) {
        return store.resolve("partitions").resolve(String.format("p%06d", epochSecond / 100_000));
    }

    private static Tree query(Storage storage, long from, long until) throws IOException {
        return storage.get(Query.parse("app.cpu", from, until)).tree();
    }

    private static void assertNames(CorruptDataException e, Path file, long offset) {
        assertEquals(file.toString(), e.source(), "source of " + e.getMessage());
        assertEquals(offset, e.offset(), "offset in " + e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("offset " + offset),
                "the message names file and offset: " + e.getMessage());
    }

    private static void overwrite(Path file, long offset, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(bytes), offset);
        }
    }

    private static byte readByte(Path file, long offset) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, offset);
            return one.get(0);
        }
    }

    /**
     * The damaged blob may hold one slot or an aggregate (built in the background while writing), so
     * every slot and every aggregate-sized range is read until one reports it.
     */
    private static CorruptDataException firstFailure(Storage storage, long from, long until) throws IOException {
        for (long span = 10; span <= 100_000; span *= 10) {
            for (long start = from - from % span; start < until; start += span) {
                try {
                    query(storage, start, start + span);
                } catch (CorruptDataException e) {
                    return e;
                }
            }
        }
        throw new AssertionError("no query over [" + from + ", " + until + ") reported the damaged blob");
    }

    @Test
    void corruptBlobNamesFileAndOffsetAndTheOtherPartitionStaysReadable() throws Exception {
        Path store = writeTwoPartitions();
        Path chunk = partition(store, T1).resolve("blobs-00000.dat");
        long committed;
        try (FileChannel channel = FileChannel.open(chunk, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(header, 0);
            assertEquals("FSBL", new String(header.array(), 0, 4, StandardCharsets.US_ASCII));
            committed = header.getLong(8);
        }
        assertTrue(committed > 16, "blobs were written after the 16-byte header: " + committed);
        long seed = PropertyRunner.seed("CorruptionTest.corruptBlob");
        long offset = 16 + new SplittableRandom(seed).nextLong(committed - 16);
        System.out.println("CorruptionTest: flipping the byte at offset " + offset + " of " + committed + " in " + chunk);
        overwrite(chunk, offset, new byte[] {(byte) ~readByte(chunk, offset)});

        try (Storage storage = Storage.open(store)) {
            CorruptDataException e = firstFailure(storage, T1, T1 + 10L * PUTS);
            assertInstanceOf(IOException.class, e, "a checked exception");
            assertEquals(chunk.toString(), e.source(), e.getMessage());
            assertTrue(e.offset() >= 16 && e.offset() < committed, "offset " + e.offset() + " lies in the written part: " + e.getMessage());
            assertTrue(e.getMessage().contains("blobs-00000.dat") && e.getMessage().contains("offset " + e.offset()),
                    "the message names file and offset: " + e.getMessage());

            // The other partition is intact, before and after the failures.
            assertEquals(expected(T0), query(storage, T0, T0 + 10L * PUTS));
            assertEquals(expected(T0), storage.get(Query.parse("app.cpu{host=\"a\"}", T0, T0 + 10L * PUTS)).tree());
            assertEquals(List.of("app.cpu"), storage.appNames());
        }
    }

    /** Offsets of the records of a {@code RecordLog} file (8-byte file header, then length, crc, payload). */
    private static List<Long> recordOffsets(Path log) throws IOException {
        List<Long> offsets = new ArrayList<>();
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(log)).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = 8; at + 8 <= bytes.limit(); at += 8 + bytes.getInt(at)) {
            offsets.add((long) at);
        }
        return offsets;
    }

    private Path writeThreeSeries() throws IOException {
        Path store = dir.resolve("store");
        try (Storage storage = Storage.open(store)) {
            storage.put("app.cpu{host=a}", T0, T0 + 10, tree("main;a 1"));
            storage.put("app.cpu{host=b}", T0, T0 + 10, tree("main;b 2"));
            storage.put("app.cpu{host=c}", T0, T0 + 10, tree("main;c 4"));
        }
        return store;
    }

    @Test
    void corruptRecordInTheMiddleOfSeriesLogFailsOpenNamingFileAndOffset() throws Exception {
        Path store = writeThreeSeries();
        Path log = store.resolve("series.log");
        List<Long> records = recordOffsets(log);
        assertEquals(3, records.size(), "one record per series: " + records);
        long middle = records.get(1);
        overwrite(log, middle + 8 + 3, new byte[] {(byte) ~readByte(log, middle + 8 + 3)}); // a byte of its payload

        CorruptDataException e = assertThrows(CorruptDataException.class, () -> Storage.open(store).close());
        assertNames(e, log, middle);
        assertTrue(e.getMessage().contains("series.log"), e.getMessage());
        // The failed open let go of the directory: trying again fails the same way, not as "already open".
        CorruptDataException again = assertThrows(CorruptDataException.class, () -> Storage.open(store).close());
        assertNames(again, log, middle);
    }

    @Test
    void tornTailOfSeriesLogIsDroppedAndEarlierRecordsStayIntact() throws Exception {
        Path store = writeThreeSeries();
        Path log = store.resolve("series.log");
        List<Long> records = recordOffsets(log);
        long size = Files.size(log);
        long last = records.get(2);
        // The last append was cut short: its header and part of its payload reached the file.
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
            channel.truncate(last + 8 + (size - last - 8) / 2);
        }
        try (Storage storage = Storage.open(store)) {
            Query all = Query.parse("app.cpu", T0, T0 + 10);
            assertEquals(Set.of("a", "b"), storage.labelValues(all, "host"));
            assertEquals(tree("main;a 1"), storage.get(Query.parse("app.cpu{host=\"a\"}", T0, T0 + 10)).tree());
            assertEquals(tree("main;b 2"), storage.get(Query.parse("app.cpu{host=\"b\"}", T0, T0 + 10)).tree());
            // Appending after the dropped tail works, and survives another reopen.
            storage.put("app.cpu{host=d}", T0 + 10, T0 + 20, tree("main;d 8"));
        }
        assertEquals(List.of(records.get(0), records.get(1), last), recordOffsets(log),
                "the torn record was cut off, and the next record written in its place");
        try (Storage storage = Storage.open(store)) {
            assertEquals(Set.of("a", "b", "d"), storage.labelValues(Query.parse("app.cpu", T0, T0 + 20), "host"));
            assertEquals(tree("main;d 8"), storage.get(Query.parse("app.cpu{host=\"d\"}", T0 + 10, T0 + 20)).tree());
        }
    }

    @Test
    void partialRecordHeaderAtTheEndOfSeriesLogIsDropped() throws Exception {
        Path store = writeThreeSeries();
        Path log = store.resolve("series.log");
        long size = Files.size(log);
        // A crash after 5 bytes of the next record's header.
        overwrite(log, size, new byte[] {40, 0, 0, 0, 7});
        try (Storage storage = Storage.open(store)) {
            assertEquals(Set.of("a", "b", "c"), storage.labelValues(Query.parse("app.cpu", T0, T0 + 10), "host"));
            assertEquals(tree("main;a 1\nmain;b 2\nmain;c 4"), query(storage, T0, T0 + 10));
        }
        assertEquals(size, Files.size(log), "the torn bytes are cut off");
    }

    @Test
    void wrongMagicInChunkFileNamesFileAndTheOtherPartitionStaysReadable() throws Exception {
        Path store = writeTwoPartitions();
        Path chunk = partition(store, T0).resolve("blobs-00000.dat");
        overwrite(chunk, 0, "XXXX".getBytes(StandardCharsets.US_ASCII));
        try (Storage storage = Storage.open(store)) {
            CorruptDataException e = assertThrows(CorruptDataException.class, () -> query(storage, T0, T0 + 10L * PUTS));
            assertNames(e, chunk, 0);
            assertEquals(expected(T1), query(storage, T1, T1 + 10L * PUTS));
            // Still failing, still clearly, on a second attempt.
            assertNames(assertThrows(CorruptDataException.class, () -> query(storage, T0, T0 + 10)), chunk, 0);
        }
    }

    @Test
    void unknownVersionOfChunkFileIsCorruptData() throws Exception {
        Path store = writeTwoPartitions();
        Path chunk = partition(store, T0).resolve("blobs-00000.dat");
        overwrite(chunk, 4, new byte[] {2});
        try (Storage storage = Storage.open(store)) {
            assertNames(assertThrows(CorruptDataException.class, () -> query(storage, T0, T0 + 10)), chunk, 0);
            assertEquals(expected(T1), query(storage, T1, T1 + 10L * PUTS));
        }
    }

    @Test
    void truncatedChunkFileIsCorruptData() throws Exception {
        Path store = writeTwoPartitions();
        Path chunk = partition(store, T1).resolve("blobs-00000.dat");
        try (FileChannel channel = FileChannel.open(chunk, StandardOpenOption.WRITE)) {
            channel.truncate(4096);
        }
        try (Storage storage = Storage.open(store)) {
            CorruptDataException e = assertThrows(CorruptDataException.class, () -> query(storage, T1, T1 + 10));
            assertEquals(chunk.toString(), e.source(), e.getMessage());
            assertTrue(e.getMessage().contains("blobs-00000.dat") && e.getMessage().contains("offset "), e.getMessage());
            assertEquals(expected(T0), query(storage, T0, T0 + 10L * PUTS));
        }
    }

    @Test
    void wrongMagicInLogFilesIsCorruptData() throws Exception {
        Path store = writeTwoPartitions();
        Path series = store.resolve("series.log");
        overwrite(series, 0, "NOPE".getBytes(StandardCharsets.US_ASCII));
        assertNames(assertThrows(CorruptDataException.class, () -> Storage.open(store).close()), series, 0);
        overwrite(series, 0, "FSSE".getBytes(StandardCharsets.US_ASCII));

        Path apps = store.resolve("apps.log");
        overwrite(apps, 0, "NOPE".getBytes(StandardCharsets.US_ASCII));
        assertNames(assertThrows(CorruptDataException.class, () -> Storage.open(store).close()), apps, 0);
        overwrite(apps, 0, "FSAP".getBytes(StandardCharsets.US_ASCII));

        // A partition's own logs: only that partition becomes unreadable.
        for (String[] log : new String[][] {{"symbols.log", "FSSY"}, {"paths.log", "FSPA"}}) {
            Path file = partition(store, T1).resolve(log[0]);
            overwrite(file, 0, "NOPE".getBytes(StandardCharsets.US_ASCII));
            try (Storage storage = Storage.open(store)) {
                assertNames(assertThrows(CorruptDataException.class, () -> query(storage, T1, T1 + 10)), file, 0);
                assertEquals(expected(T0), query(storage, T0, T0 + 10L * PUTS));
            }
            overwrite(file, 0, log[1].getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Test
    void formatFileWithOtherContentIsCorruptData() throws Exception {
        Path store = writeTwoPartitions();
        Path format = store.resolve("FORMAT");
        assertEquals("flamestore-store 4\n", Files.readString(format, StandardCharsets.US_ASCII));
        Files.writeString(format, "flamestore-store 5\n", StandardCharsets.US_ASCII);
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> Storage.open(store).close());
        assertNames(e, format, 0);
        // Stores of versions 1 and 2 held whole encoded trees, which this version does not read.
        Files.writeString(format, "flamestore-store 2\n", StandardCharsets.US_ASCII);
        CorruptDataException older = assertThrows(CorruptDataException.class, () -> Storage.open(store).close());
        assertNames(older, format, 0);
        assertTrue(older.getMessage().contains("format version 2, written by an older Flamestore"), older.getMessage());
        Files.writeString(format, "something else entirely", StandardCharsets.US_ASCII);
        assertNames(assertThrows(CorruptDataException.class, () -> Storage.open(store).close()), format, 0);

        // Restored, the store opens with everything in it: the failed opens changed nothing.
        Files.writeString(format, "flamestore-store 4\n", StandardCharsets.US_ASCII);
        try (Storage storage = Storage.open(store)) {
            assertEquals(expected(T0).merge(expected(T1)), query(storage, T0, T1 + 10L * PUTS));
        }
    }

    @Test
    void aVersionThreeStoreIsUpgradedAsItOpens() throws Exception {
        Path store = writeTwoPartitions();
        Path format = store.resolve("FORMAT");
        // Version 3 differs only in counts without a unit, which are still read (PathTablePropertyTest).
        Files.writeString(format, "flamestore-store 3\n", StandardCharsets.US_ASCII);
        try (Storage storage = Storage.open(store)) {
            assertEquals("flamestore-store 4\n", Files.readString(format, StandardCharsets.US_ASCII),
                    "marked as version 4 before anything is written, so older readers refuse it");
            assertEquals(expected(T0).merge(expected(T1)), query(storage, T0, T1 + 10L * PUTS));
        }
    }
}
