package io.flamestore.internal.storage;

import io.flamestore.CorruptDataException;
import io.flamestore.SymbolTrie;
import io.flamestore.Tree;
import io.flamestore.internal.encoding.PathCounts;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * One directory of stored trees: their blobs, their index, and the symbol and path tables their
 * counts refer to. A stored tree is the self values of its paths ({@link PathCounts}). Time
 * partitions hold the nodes of one partition-level block; the rollup partition holds the nodes
 * above. Dropping a partition's directory drops its data, its symbols and its paths together.
 * Reads may run concurrently with each other and with writes; writes are serialised here.
 */
final class Partition implements AutoCloseable {
    private final BlobStore blobs;
    private final NodeIndex index;
    private final SymbolLog symbols;
    private final PathTable paths;
    /** Counts of blobs stored lately, shared by the store's partitions, for the aggregates above them. */
    private final RecentCounts recent;
    /**
     * Whether anything was written since the last {@link #sync}. A partition evicted from the cache
     * is synced as it closes: {@code Storage.sync()} forces only the open ones, and must cover
     * everything written before it.
     */
    private boolean unsynced;
    /**
     * Where this partition's paths were last carried ({@link #mapPaths}): the target's table and,
     * per path id here, one more than its id there (0 = not yet). Consecutive aggregates of the next
     * level up go to the same target and share most stacks, so each is looked up there once.
     */
    private final Object translationLock = new Object();
    private WeakReference<PathTable> translatedTo = new WeakReference<>(null);
    private int[] translation = new int[0];

    private Partition(BlobStore blobs, NodeIndex index, SymbolLog symbols, PathTable paths, RecentCounts recent) {
        this.blobs = blobs;
        this.index = index;
        this.symbols = symbols;
        this.paths = paths;
        this.recent = recent;
    }

    static Partition open(Path dir, long indexEntries, RecentCounts recent) throws IOException {
        Files.createDirectories(dir);
        SymbolLog symbols = SymbolLog.open(dir);
        PathTable paths = null;
        BlobStore blobs = null;
        try {
            paths = PathTable.open(dir, symbols.symbols().size());
            blobs = BlobStore.open(dir);
            NodeIndex index = NodeIndex.open(dir, indexEntries);
            return new Partition(blobs, index, symbols, paths, recent);
        } catch (IOException | RuntimeException e) {
            symbols.close();
            if (paths != null) {
                paths.close();
            }
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
        if (!entry.hasData()) {
            return new Tree();
        }
        PathTable.View view = paths.view();
        return PathTrees.tree(blobs.counts(entry.address(), entry.length(), view.size()), view, symbols.symbols());
    }

    /**
     * The checked counts of a stored tree, to sum trees of this partition without building them.
     * Counts stored lately come from memory, and are then no longer held there: the one aggregate
     * above them reads them once.
     */
    PathCounts counts(NodeEntry entry) throws CorruptDataException {
        PathCounts held = recent.take(this, entry.address());
        return held != null ? held : blobs.counts(entry.address(), entry.length(), paths.size());
    }

    /**
     * Counts read from this partition, carried into {@code target}'s path table (adding the names
     * and paths it lacks there), so that they sum with its counts.
     */
    List<PathCounts> mapPaths(List<PathCounts> counts, Partition target) throws IOException {
        List<PathCounts> mapped;
        synchronized (translationLock) { // builders of several aggregates may carry paths at once
            if (translatedTo.get() != target.paths) {
                translatedTo = new WeakReference<>(target.paths);
                Arrays.fill(translation, 0);
            }
            PathTable.View view = paths.view();
            if (translation.length < view.size()) {
                translation = Arrays.copyOf(translation, Math.max(view.size(), translation.length * 2));
            }
            mapped = PathTrees.translate(counts, view, symbols.symbols(), target.paths, target.symbols.symbols(), translation);
        }
        // Persisted now, not with the blob: the target may be closed and opened again before the sum
        // is stored, and its tables would then lack these ids, or give them to other stacks.
        synchronized (target) {
            target.unsynced = true;
            target.persistTables();
        }
        return mapped;
    }

    /**
     * Stores {@code tree} as the node's content; an empty tree stores only the fact. Deflated or
     * not by level, see {@link #deflates}.
     */
    NodeEntry write(int series, int level, long node, Tree tree, int writes) throws IOException {
        return write(series, level, node, countsOf(tree), writes);
    }

    /**
     * The counts of a tree in this partition's tables (null for an empty tree), for
     * {@link #addToSlot}. Runs outside the partition's lock: the tables are thread-safe, so writers
     * of different series only queue for the append.
     */
    PathCounts countsOf(Tree tree) {
        return tree.isEmpty() ? null : PathTrees.countsOf(tree, symbols.symbols(), paths);
    }

    /**
     * Adds one put's tree, as counts from {@link #countsOf} (null for an empty tree), to a slot. The
     * caller holds the series' lock, so the entry read here is still the slot's when the sum is
     * stored.
     */
    NodeEntry addToSlot(int series, long slot, PathCounts added) throws IOException {
        long total = added == null ? 0 : added.total();
        NodeEntry existing = index.get(series, 0, slot);
        int writes = existing == null ? 1 : existing.writes() + 1;
        if (existing != null && existing.total() > Long.MAX_VALUE - total) {
            throw new IllegalArgumentException("adding a tree of total " + total + " to slot " + slot
                    + ", which holds " + existing.total() + ", would overflow a 64-bit total");
        }
        if (existing == null || !existing.hasData()) {
            return write(series, 0, slot, added, writes);
        }
        if (added == null) {
            return write(series, 0, slot, new NodeEntry(existing.address(), existing.length(), writes, existing.total(), false));
        }
        return write(series, 0, slot, PathCounts.sum(List.of(counts(existing), added)), writes);
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

    /** Stores counts of this partition's paths (null for none) as the node's content, encoded by level. */
    NodeEntry write(int series, int level, long node, PathCounts counts, int writes) throws IOException {
        return write(series, level, node, counts, counts == null ? null : counts.encode(deflates(level)), writes);
    }

    /** Stores counts (null for none) already {@code encoded} by {@link #deflates level} as the node's content. */
    NodeEntry write(int series, int level, long node, PathCounts counts, byte[] encoded, int writes) throws IOException {
        synchronized (this) { // so that a closing partition forgets every count it remembered
            unsynced = true;
            if (counts == null) {
                return write(series, level, node, NodeEntry.empty(writes));
            }
            persistTables(); // every name and path the tree uses is durable before the tree is
            long address = blobs.append(encoded);
            NodeEntry entry = write(series, level, node, new NodeEntry(address, encoded.length, writes, counts.total(), false));
            recent.remember(this, address, counts);
            return entry;
        }
    }

    /** Stores a finished entry, one that refers to a blob already stored here, as the node's content. */
    synchronized NodeEntry write(int series, int level, long node, NodeEntry entry) throws IOException {
        unsynced = true;
        index.put(series, level, node, entry);
        return entry;
    }

    /**
     * Appends the names, then the paths, added so far: the paths known before the names are
     * appended, so that none refers to a name another thread interned after that (it could be lost
     * in a crash, and the path table would not load).
     */
    private void persistTables() throws IOException {
        int pathCount = paths.size();
        symbols.persistNew();
        paths.persist(pathCount);
    }

    /** The tree of counts of this partition's paths. */
    Tree tree(PathCounts counts) {
        return PathTrees.tree(counts, paths.view(), symbols.symbols());
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
        paths.sync();
        blobs.sync();
        index.sync();
        unsynced = false;
    }

    @Override
    public synchronized void close() throws IOException {
        recent.forget(this);
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
            try {
                paths.close();
            } finally {
                symbols.close();
            }
        }
    }
}
