package io.flamestore.internal.storage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The partitions currently open, at most a configured number, least recently used closed first.
 * A partition is used through a {@link Lease}; one evicted while leased is closed when its last
 * lease ends, so no reader ever touches an unmapped buffer.
 */
final class PartitionCache implements AutoCloseable {
    /** Opens the partition with a given id. */
    @FunctionalInterface
    interface Opener {
        Partition open(long id) throws IOException;
    }

    private static final class Slot {
        final long id;
        final Partition partition;
        int leases;
        boolean evicted;

        Slot(long id, Partition partition) {
            this.id = id;
            this.partition = partition;
        }
    }

    /** Use of one open partition; close it when done. */
    final class Lease implements AutoCloseable {
        private final Slot slot;
        private boolean released;

        private Lease(Slot slot) {
            this.slot = slot;
        }

        Partition partition() {
            return slot.partition;
        }

        @Override
        public void close() throws IOException {
            synchronized (PartitionCache.this) {
                if (released) {
                    return;
                }
                released = true;
                slot.leases--;
                if (slot.evicted && slot.leases == 0) {
                    retiring.remove(slot.id);
                    slot.partition.close();
                }
            }
        }
    }

    private final Opener opener;
    private final int capacity;
    private final LinkedHashMap<Long, Slot> open = new LinkedHashMap<>(16, 0.75f, true);
    /** Evicted partitions that are still leased: reused if asked for again, never opened twice. */
    private final Map<Long, Slot> retiring = new HashMap<>();
    private boolean closed;

    PartitionCache(Opener opener, int capacity) {
        this.opener = opener;
        this.capacity = capacity;
    }

    synchronized Lease acquire(long id) throws IOException {
        if (closed) {
            throw new IllegalStateException("storage is closed");
        }
        Slot slot = open.get(id);
        if (slot == null) {
            slot = retiring.remove(id);
            if (slot != null) {
                slot.evicted = false;
            } else {
                slot = new Slot(id, opener.open(id));
            }
            open.put(id, slot);
            evictBeyondCapacity();
        }
        slot.leases++;
        return new Lease(slot);
    }

    /** Closes the partition if it is open (waiting for no lease); for dropping its files. */
    synchronized boolean evict(long id) throws IOException {
        Slot slot = open.remove(id);
        if (slot != null) {
            retire(slot);
        }
        return slot == null || slot.leases == 0;
    }

    synchronized List<Partition> openPartitions() {
        List<Partition> partitions = new ArrayList<>();
        open.values().forEach(slot -> partitions.add(slot.partition));
        retiring.values().forEach(slot -> partitions.add(slot.partition));
        return partitions;
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        IOException failure = null;
        for (Slot slot : open.values()) {
            try {
                retire(slot);
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        open.clear();
        for (Slot slot : retiring.values()) {
            try {
                slot.partition.close();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        retiring.clear();
        if (failure != null) {
            throw failure;
        }
    }

    private void evictBeyondCapacity() throws IOException {
        Iterator<Map.Entry<Long, Slot>> eldest = open.entrySet().iterator();
        while (open.size() > capacity && eldest.hasNext()) {
            Slot slot = eldest.next().getValue();
            eldest.remove();
            retire(slot);
        }
    }

    private void retire(Slot slot) throws IOException {
        slot.evicted = true;
        if (slot.leases == 0) {
            slot.partition.close();
        } else {
            retiring.put(slot.id, slot);
        }
    }
}
