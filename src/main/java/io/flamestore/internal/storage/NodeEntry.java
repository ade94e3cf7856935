package io.flamestore.internal.storage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * What the index holds for one stored node of one series: where its encoded tree is, its total (so
 * timelines need no decoding), how many puts it sums (for {@code average} aggregation), and for an
 * aggregate node whether a late write below has made it stale. A node with {@code length == 0}
 * stores the fact that the series had no data there.
 * <pre>
 * entry := address:u64le length:u32le writes:u32le total:u64le flags:u32le reserved:u32le   (32 bytes)
 * flags := bit 0: stale
 * </pre>
 */
record NodeEntry(long address, int length, int writes, long total, boolean stale) {
    static final int BYTES = 32;
    private static final int STALE = 1;

    static NodeEntry empty(int writes) {
        return new NodeEntry(0, 0, writes, 0, false);
    }

    boolean hasData() {
        return length > 0;
    }

    NodeEntry asStale() {
        return new NodeEntry(address, length, writes, total, true);
    }

    byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(address).putInt(length).putInt(writes).putLong(total).putInt(stale ? STALE : 0).putInt(0);
        return b.array();
    }

    static NodeEntry fromBytes(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        return new NodeEntry(b.getLong(0), b.getInt(8), b.getInt(12), b.getLong(16), (b.getInt(24) & STALE) != 0);
    }
}
