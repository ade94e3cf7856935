package io.flamestore.internal.storage;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import net.openhft.chronicle.map.ChronicleMap;

/**
 * The index of one partition: (series, level, node index) → {@link NodeEntry}, in a persisted
 * Chronicle Map. Keys and values have fixed sizes, which is what Chronicle Map handles well; the
 * variable-size trees live in the {@link BlobStore}. A key packs the series id into 25 bits, the
 * level into 4 and the node index into 34.
 */
final class NodeIndex implements AutoCloseable {
    static final int MAX_SERIES = 1 << 25;
    private static final long MAX_INDEX = 1L << 34;

    private final ChronicleMap<Long, byte[]> map;
    private final File file;

    private NodeIndex(ChronicleMap<Long, byte[]> map, File file) {
        this.map = map;
        this.file = file;
    }

    /**
     * Opens or creates the index file. {@code recover} repairs a map whose writer died holding a
     * segment lock (without it, the next open would wait a minute and then fail).
     */
    static NodeIndex open(File file, long entries, boolean recover) throws IOException {
        var builder = ChronicleMap.of(Long.class, byte[].class)
                .name("flamestore-index")
                .entries(entries)
                .maxBloatFactor(8)
                .checksumEntries(true)
                .constantValueSizeBySample(new byte[NodeEntry.BYTES]);
        try {
            ChronicleMap<Long, byte[]> map = recover && file.exists()
                    ? builder.recoverPersistedTo(file, true)
                    : builder.createPersistedTo(file);
            return new NodeIndex(map, file);
        } catch (IllegalAccessError | ExceptionInInitializerError | NoClassDefFoundError e) {
            throw JvmFlags.missing(e);
        }
    }

    static long key(int series, int level, long index) {
        if (series < 0 || series >= MAX_SERIES || level < 0 || level > 15 || index < 0 || index >= MAX_INDEX) {
            throw new IllegalArgumentException("no index key for series " + series + ", level " + level + ", node " + index);
        }
        return (long) series << 38 | (long) level << 34 | index;
    }

    NodeEntry get(int series, int level, long index) {
        byte[] value = map.get(key(series, level, index));
        return value == null ? null : NodeEntry.fromBytes(value);
    }

    void put(int series, int level, long index, NodeEntry entry) throws IOException {
        try {
            map.put(key(series, level, index), entry.toBytes());
        } catch (IllegalStateException e) {
            throw new IOException("index " + file + " is full (" + map.size() + " entries): open the store with a larger "
                    + "StorageOptions.indexEntriesPerPartition", e);
        }
    }

    /**
     * Forces the map's pages to the device. Chronicle Map has no call for it, but on Linux fsync of
     * the file writes back every dirty page of it, mapped ones included.
     */
    void sync() throws IOException {
        try (FileChannel channel = FileChannel.open(file.toPath(), StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    long size() {
        return map.size();
    }

    @Override
    public void close() {
        map.close();
    }
}
