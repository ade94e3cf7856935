package io.flamestore.internal.storage;

import io.flamestore.CorruptDataException;
import io.flamestore.SymbolTrie;
import io.flamestore.Tree;
import io.flamestore.internal.encoding.ByteReader;
import io.flamestore.internal.encoding.EncodedTreeMerge;
import io.flamestore.internal.encoding.PreorderNodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * One directory of stored trees: their blobs, their index and the symbol table their frame names
 * refer to. Time partitions hold the nodes of one partition-level block; the rollup partition holds
 * the nodes above. Dropping a partition's directory drops its data and its symbols together.
 * Reads may run concurrently with each other and with writes; writes are serialised here.
 */
final class Partition implements AutoCloseable {
    private final BlobStore blobs;
    private final NodeIndex index;
    private final SymbolLog symbols;
    /**
     * Whether anything was written since the last {@link #sync}. A partition evicted from the cache
     * is synced as it closes: {@code Storage.sync()} forces only the open ones, and must cover
     * everything written before it.
     */
    private boolean unsynced;

    private Partition(BlobStore blobs, NodeIndex index, SymbolLog symbols) {
        this.blobs = blobs;
        this.index = index;
        this.symbols = symbols;
    }

    static Partition open(Path dir, long indexEntries) throws IOException {
        Files.createDirectories(dir);
        SymbolLog symbols = SymbolLog.open(dir);
        BlobStore blobs = null;
        try {
            blobs = BlobStore.open(dir);
            NodeIndex index = NodeIndex.open(dir, indexEntries);
            return new Partition(blobs, index, symbols);
        } catch (IOException | RuntimeException e) {
            symbols.close();
            if (blobs != null) {
                blobs.close();
            }
            throw e;
        }
    }


    NodeEntry entry(int series, int level, long node) throws IOException {
        return index.get(series, level, node);
    }

    Tree read(NodeEntry entry) throws CorruptDataException {
        return entry.hasData() ? blobs.decode(entry.address(), entry.length(), symbols.symbols()) : new Tree();
    }

    /**
     * Rewrites the symbol ids of {@code trees}, read from this partition, to those of the same names
     * in {@code target} (adding the names there that it lacks), so that they merge with its trees.
     */
    void mapSymbols(List<PreorderNodes> trees, Partition target) throws IOException {
        SymbolTrie from = symbols.symbols();
        SymbolTrie to = target.symbols.symbols();
        int[] mapped = new int[from.size()];
        Arrays.fill(mapped, -1);
        for (PreorderNodes tree : trees) {
            tree.remapSymbols(mapped, id -> to.intern(from.name(id)));
        }
        // Persisted now, not with the blob: the target may be closed and opened again before the sum
        // is stored, and its symbol table would then lack these ids, or give them to other names.
        synchronized (target) {
            target.unsynced = true;
            target.symbols.persistNew();
        }
    }

    /** The checked nodes of a stored tree, to merge trees of this partition without decoding them. */
    PreorderNodes nodes(NodeEntry entry) throws CorruptDataException {
        return blobs.nodes(entry.address(), entry.length(), symbols.symbols().size());
    }

    /**
     * Stores {@code tree} as the node's content; an empty tree stores only the fact. Encoding runs
     * outside the partition's lock (the symbol table is thread-safe), so writers of different series
     * only queue for the append. Deflated or not by level, see {@link #deflates}.
     */
    NodeEntry write(int series, int level, long node, Tree tree, int writes) throws IOException {
        byte[] encoded = tree.isEmpty() ? null : tree.encode(symbols.symbols(), deflates(level));
        return write(series, level, node, encoded, tree.total(), writes);
    }

    /** The encoding of a 10 s slot's tree, for {@link #addToSlot}. */
    byte[] encodeSlot(Tree tree) {
        return tree.isEmpty() ? null : tree.encode(symbols.symbols(), deflates(0));
    }

    /**
     * Adds one put's tree, encoded by {@link #encodeSlot} (null for an empty tree), to a slot: the
     * sum with what the slot holds is merged as encodings, by symbol id. The caller holds the
     * series' lock, so the entry read here is still the slot's when the sum is stored.
     */
    NodeEntry addToSlot(int series, long slot, byte[] encoded, long total) throws IOException {
        NodeEntry existing = index.get(series, 0, slot);
        if (existing == null) {
            return write(series, 0, slot, encoded, total, 1);
        }
        int writes = existing.writes() + 1;
        if (existing.total() > Long.MAX_VALUE - total) {
            throw new IllegalArgumentException("adding a tree of total " + total + " to slot " + slot
                    + ", which holds " + existing.total() + ", would overflow a 64-bit total");
        }
        if (!existing.hasData()) {
            return write(series, 0, slot, encoded, total, writes);
        }
        if (encoded == null) {
            return write(series, 0, slot, new NodeEntry(existing.address(), existing.length(), writes, existing.total(), false));
        }
        PreorderNodes added = PreorderNodes.parse(new ByteReader(encoded, 0, encoded.length, "encoded tree"),
                symbols.symbols().size());
        byte[] sum = EncodedTreeMerge.merge(List.of(nodes(existing), added), deflates(0));
        return write(series, 0, slot, sum, existing.total() + total, writes);
    }

    /**
     * Whether nodes of a level are stored deflated. Slots (level 0) and 100 s nodes (level 1) are
     * not: they are written for every put and every ten puts, where deflating is half the cost of a
     * put and a fifth of building an aggregate, for about a tenth more disk; nodes of 1000 s and up
     * are built a hundred times more rarely and read by every longer query.
     */
    static boolean deflates(int level) {
        return level >= 2;
    }

    /** Stores an encoded tree of this partition's symbols (null for none) as the node's content. */
    NodeEntry write(int series, int level, long node, byte[] encoded, long total, int writes) throws IOException {
        synchronized (this) {
            unsynced = true;
            NodeEntry entry = NodeEntry.empty(writes);
            if (encoded != null) {
                symbols.persistNew(); // every name the tree uses is durable before the tree is
                long address = blobs.append(encoded);
                entry = new NodeEntry(address, encoded.length, writes, total, false);
            }
            index.put(series, level, node, entry);
            return entry;
        }
    }

    /** Stores a finished entry, one that refers to a blob already stored here, as the node's content. */
    synchronized NodeEntry write(int series, int level, long node, NodeEntry entry) throws IOException {
        unsynced = true;
        index.put(series, level, node, entry);
        return entry;
    }

    /** Decodes an encoded tree of this partition's symbols. */
    Tree decode(byte[] encoded) throws CorruptDataException {
        return Tree.decode(encoded, symbols.symbols());
    }

    /**
     * Marks an aggregate node stale before a write below it: a stored aggregate becomes stale, and
     * a missing one becomes an empty stale marker, recording that data now exists below.
     */
    synchronized void invalidate(int series, int level, long node) throws IOException {
        unsynced = true;
        NodeEntry entry = index.get(series, level, node);
        if (entry == null) {
            index.put(series, level, node, NodeEntry.empty(0).asStale());
        } else if (!entry.stale()) {
            index.put(series, level, node, entry.asStale());
        }
    }

    synchronized void sync() throws IOException {
        symbols.sync();
        blobs.sync();
        index.sync();
        unsynced = false;
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            if (unsynced) {
                sync();
            }
        } finally {
            closeFiles();
        }
    }

    private void closeFiles() throws IOException {
        try {
            index.close();
            blobs.close();
        } finally {
            symbols.close();
        }
    }
}
