package io.flamestore.internal.storage;

import io.flamestore.CorruptDataException;
import io.flamestore.internal.tree.LongIntHashMap;
import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;

/**
 * The index of one partition: (series, level, node index) → {@link NodeEntry}, in a persisted
 * Chronicle Map ({@code index.cm}) with an {@link IndexJournal}. Keys and values have fixed sizes,
 * which is what Chronicle Map handles well; the variable-size trees live in the {@link BlobStore}. A
 * key packs the series id into 25 bits, the level into 4 and the node index into 34.
 */
final class NodeIndex implements AutoCloseable {
    static final String FILE = "index.cm";
    static final int MAX_SERIES = 1 << 25;
    private static final long MAX_INDEX = 1L << 34;

    private final ChronicleMap<Long, byte[]> map;
    private final File file;
    private final IndexJournal journal;
    /**
     * For an index created by this process (null for one opened with contents): the highest node
     * index written per series and level, so that looking up a node above it, as every put to a new
     * slot does, needs no map access. Capped at {@code Integer.MAX_VALUE}; nodes past that are looked up.
     */
    private final LongIntHashMap highestWritten;

    private NodeIndex(ChronicleMap<Long, byte[]> map, File file, IndexJournal journal, boolean created) {
        this.map = map;
        this.file = file;
        this.journal = journal;
        this.highestWritten = created ? new LongIntHashMap(64) : null;
    }

    /**
     * Opens or creates the index of a partition directory. After a clean close the index must match
     * the checkpoint; otherwise it is recovered (which also frees segment locks a killed writer held:
     * without that, the next access would wait a minute and fail) and the journal replayed over it.
     */
    static NodeIndex open(Path dir, long entries) throws IOException {
        IndexJournal journal = IndexJournal.open(dir);
        File file = dir.resolve(FILE).toFile();
        boolean created = !file.exists() && journal.updates().isEmpty();
        ChronicleMap<Long, byte[]> map = null;
        try {
            long[] checkpoint = journal.checkpoint();
            if (journal.clean() && (!file.exists() || file.length() != checkpoint[0])) {
                throw new CorruptDataException(file.toString(), 0, "index file is " + (file.exists() ? file.length() + " bytes" : "missing")
                        + " but was " + checkpoint[0] + " bytes when last closed");
            }
            if (!journal.clean() && journal.openedLength() > 0 && file.length() < journal.openedLength()) {
                throw new CorruptDataException(file.toString(), 0, "index file is " + (file.exists() ? file.length() + " bytes" : "missing")
                        + " but was " + journal.openedLength() + " bytes when last opened");
            }
            map = open(builder(entries), file, !journal.clean() && file.exists());
            if (journal.clean() && map.size() != checkpoint[1]) {
                throw new CorruptDataException(file.toString(), 0, "index holds " + map.size() + " entries but held "
                        + checkpoint[1] + " when last closed");
            }
            for (IndexJournal.Update update : journal.updates()) {
                map.put(update.key(), update.entry());
            }
            if (!journal.updates().isEmpty()) {
                force(file);
            }
            journal.restart(file.length());
            return new NodeIndex(map, file, journal, created);
        } catch (IOException | RuntimeException e) {
            if (map != null) {
                map.close();
            }
            journal.close();
            throw e;
        }
    }

    static long key(int series, int level, long index) {
        if (series < 0 || series >= MAX_SERIES || level < 0 || level > 15 || index < 0 || index >= MAX_INDEX) {
            throw new IllegalArgumentException("no index key for series " + series + ", level " + level + ", node " + index);
        }
        return (long) series << 38 | (long) level << 34 | index;
    }

    NodeEntry get(int series, int level, long index) throws IOException {
        long key = key(series, level, index);
        if (highestWritten != null && index <= Integer.MAX_VALUE) {
            synchronized (highestWritten) {
                if (index > highestWritten.get(highestKey(series, level))) { // MISSING (-1) if none
                    return null;
                }
            }
        }
        try {
            byte[] value = map.get(key);
            return value == null ? null : NodeEntry.fromBytes(value);
        } catch (RuntimeException e) {
            throw failure("read", e);
        }
    }

    /** Journals the update, then makes it. */
    void put(int series, int level, long index, NodeEntry entry) throws IOException {
        long key = key(series, level, index);
        byte[] value = entry.toBytes();
        if (highestWritten != null) { // raised before the write, so a lookup meanwhile finds the map's old or new entry
            synchronized (highestWritten) {
                long highest = highestKey(series, level);
                int capped = (int) Math.min(index, Integer.MAX_VALUE);
                if (capped > highestWritten.get(highest)) {
                    highestWritten.put(highest, capped);
                }
            }
        }
        journal.append(key, value);
        try {
            map.put(key, value);
        } catch (RuntimeException e) {
            throw failure("update", e);
        }
    }

    private static long highestKey(int series, int level) {
        return (long) series << 4 | level;
    }

    /**
     * Forces the journal and the map's pages to the device. Chronicle Map has no call for it, but on
     * Linux fsync of the file writes back every dirty page of it, mapped ones included.
     */
    void sync() throws IOException {
        journal.sync();
        force(file);
    }

    /** Closes the map and leaves a checkpoint for the next open to check it against. */
    @Override
    public void close() throws IOException {
        long entries = map.size();
        map.close();
        try {
            journal.closeClean(file.length(), entries);
        } finally {
            journal.close();
        }
    }

    private IOException failure(String what, RuntimeException e) {
        return new IOException("cannot " + what + " index " + file + ": " + e, e);
    }

    /**
     * The index map's settings. Chronicle closes every map from a JVM shutdown hook of its own
     * unless told not to; the store's own close (from a {@code flamestore serve} shutdown hook, say)
     * would then find its maps closed and could not write their checkpoints, so it closes them itself.
     */
    private static ChronicleMapBuilder<Long, byte[]> builder(long entries) {
        return ChronicleMap.of(Long.class, byte[].class)
                .name("flamestore-index")
                .skipCloseOnExitHook(true)
                .entries(entries)
                .maxBloatFactor(8)
                .checksumEntries(true)
                .constantValueSizeBySample(new byte[NodeEntry.BYTES]);
    }

    private static ChronicleMap<Long, byte[]> open(ChronicleMapBuilder<Long, byte[]> builder, File file, boolean recover)
            throws IOException {
        try {
            return recover ? builder.recoverPersistedTo(file, true) : builder.createPersistedTo(file);
        } catch (IllegalAccessError | ExceptionInInitializerError | NoClassDefFoundError e) {
            throw JvmFlags.missing(e);
        } catch (IOException | RuntimeException e) {
            throw new CorruptDataException(file.toString(), 0, "cannot open the index: " + e);
        }
    }

    private static void force(File file) throws IOException {
        try (FileChannel channel = FileChannel.open(file.toPath(), StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }
}
