package io.flamestore.internal.storage;

import io.flamestore.internal.encoding.PathCounts;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The path counts of the blobs written last, kept on the heap until the aggregate above them reads
 * them: a 100 s node sums ten slots a few seconds to a minute and a half after they were written, and
 * without this would read and parse every one of them back, a third of what building it costs. The
 * counts are immutable and a blob's address is never reused while its partition is open, so a held
 * entry is always the blob's content. Bounded by an estimate of the heap it takes, oldest dropped
 * first: with more series than fit, aggregates read their children from disk as before.
 */
final class RecentCounts {
    private record Key(Partition partition, long address) {
    }

    /** Heap bytes of one held entry besides its pairs: the counts, their two arrays, the key, the map entry. */
    static final long OVERHEAD = 160;
    /** Heap bytes per (path, self) pair: an int and a long. */
    static final long PAIR = 12;

    private final long capacity;
    private final Map<Key, PathCounts> held = new LinkedHashMap<>();
    private long bytes;

    /** Holds counts taking at most about {@code capacity} bytes of heap in all. */
    RecentCounts(long capacity) {
        this.capacity = capacity;
    }

    /** Holds the counts just stored at {@code address} of {@code partition}. */
    synchronized void remember(Partition partition, long address, PathCounts counts) {
        if (bytes(counts) > capacity) {
            return;
        }
        PathCounts replaced = held.put(new Key(partition, address), counts);
        bytes += bytes(counts) - (replaced == null ? 0 : bytes(replaced));
        for (Iterator<PathCounts> oldest = held.values().iterator(); bytes > capacity; oldest.remove()) {
            bytes -= bytes(oldest.next());
        }
    }

    /** The counts stored at {@code address} if held, no longer held after this; else null. */
    synchronized PathCounts take(Partition partition, long address) {
        PathCounts counts = held.remove(new Key(partition, address));
        if (counts != null) {
            bytes -= bytes(counts);
        }
        return counts;
    }

    /** Drops what is held of a partition being closed. */
    synchronized void forget(Partition partition) {
        for (Iterator<Map.Entry<Key, PathCounts>> i = held.entrySet().iterator(); i.hasNext(); ) {
            Map.Entry<Key, PathCounts> e = i.next();
            if (e.getKey().partition() == partition) {
                bytes -= bytes(e.getValue());
                i.remove();
            }
        }
    }

    /** The estimated heap bytes held. */
    synchronized long bytes() {
        return bytes;
    }

    static long bytes(PathCounts counts) {
        return OVERHEAD + PAIR * counts.size();
    }
}
