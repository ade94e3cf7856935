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
 * entry is always the blob's content. Bounded by the number of (path, self) entries held, oldest
 * dropped first: with more series than fit, aggregates read their children from disk as before.
 */
final class RecentCounts {
    private record Key(Partition partition, long address) {
    }

    private final long capacity;
    private final Map<Key, PathCounts> held = new LinkedHashMap<>();
    private long entries;

    /** Holds at most {@code capacity} entries (about 12 bytes each) in all. */
    RecentCounts(long capacity) {
        this.capacity = capacity;
    }

    /** Holds the counts just stored at {@code address} of {@code partition}. */
    synchronized void remember(Partition partition, long address, PathCounts counts) {
        if (counts.size() > capacity) {
            return;
        }
        PathCounts replaced = held.put(new Key(partition, address), counts);
        entries += counts.size() - (replaced == null ? 0 : replaced.size());
        for (Iterator<PathCounts> oldest = held.values().iterator(); entries > capacity; oldest.remove()) {
            entries -= oldest.next().size();
        }
    }

    /** The counts stored at {@code address} if held, no longer held after this; else null. */
    synchronized PathCounts take(Partition partition, long address) {
        PathCounts counts = held.remove(new Key(partition, address));
        if (counts != null) {
            entries -= counts.size();
        }
        return counts;
    }

    /** Drops what is held of a partition being closed. */
    synchronized void forget(Partition partition) {
        for (Iterator<Map.Entry<Key, PathCounts>> i = held.entrySet().iterator(); i.hasNext(); ) {
            Map.Entry<Key, PathCounts> e = i.next();
            if (e.getKey().partition() == partition) {
                entries -= e.getValue().size();
                i.remove();
            }
        }
    }

    synchronized long entries() {
        return entries;
    }
}
