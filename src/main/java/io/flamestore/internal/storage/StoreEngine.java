package io.flamestore.internal.storage;

import io.flamestore.AppKey;
import io.flamestore.AppMetadata;
import io.flamestore.SegmentTree;
import io.flamestore.SegmentTree.Node;
import io.flamestore.StorageOptions;
import io.flamestore.Tree;
import io.flamestore.internal.encoding.PathCounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The storage engine behind {@code io.flamestore.Storage}: series catalogue, metadata, and the
 * segment-tree nodes of every series in partitions on disk.
 *
 * <p>Where nodes live (see {@link PartitionId}): nodes of levels 0-1 in the time partition of their
 * level-4 ancestor (10^5 s, about 28 h), levels 2-5 in the rollup block of their level-6 ancestor
 * (10^7 s, about 116 days), levels 6-8 in one top partition. Retention drops whole time partitions
 * and rollup blocks, and queries never look before the oldest time kept.
 *
 * <p>How aggregates stay right without a merge per level on every write: a put first marks every
 * ancestor of its slot stale (creating an empty stale marker where none exists), then stores the
 * slot. A read that needs a stale ancestor rebuilds it from its children and stores the result. So
 * an ancestor that has no entry has no data below it, which lets reads skip empty time in one
 * lookup, and a write costs one merge plus a few index lookups. Puts and rebuilds of one series are
 * serialised by a lock stripe, so a rebuild never stores an aggregate that misses a concurrent put.
 */
public final class StoreEngine implements AutoCloseable {
    private final Path dir;
    private final StorageOptions options;
    private final DirectoryLock lock;
    private final SeriesCatalog catalog;
    private final MetadataLog metadata;
    private final PutLog putLog;
    private final PartitionCache partitions;
    /**
     * Heap for lately stored counts kept for the aggregates above them: every slot of the current
     * 100 s nodes of some three hundred series of Kafka-sized profiles.
     */
    private static final long RECENT_COUNTS = 16 << 20;
    private final RecentCounts recent = new RecentCounts(RECENT_COUNTS);
    private static final int STRIPES = 64;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private final Retention retention;
    private final AggregateBuilder aggregates;
    private final Map<Long, Boolean> existing = new ConcurrentHashMap<>();
    /**
     * Per series, the ancestor per level that a put last marked stale: the next put under the same
     * ancestor can skip the index lookup. Read and written under the series' lock stripe; a rebuild
     * of that node clears it.
     */
    private final Map<Integer, long[]> staleMarked = new ConcurrentHashMap<>();
    private volatile long nextRetentionMillis;
    private volatile boolean closed;
    private final FreeSpace freeSpace;

    private StoreEngine(Path dir, StorageOptions options, DirectoryLock lock, SeriesCatalog catalog,
            MetadataLog metadata, PutLog putLog) throws IOException {
        this.dir = dir;
        this.options = options;
        this.lock = lock;
        this.catalog = catalog;
        this.metadata = metadata;
        this.putLog = putLog;
        this.partitions = new PartitionCache(this::openPartition, options.maxOpenPartitions());
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
        this.retention = new Retention(dir, options);
        this.freeSpace = new FreeSpace(dir, options.minFreeDiskBytes());
        this.aggregates = new AggregateBuilder((series, node) -> fresh(series, node, new QueryCounters()),
                "flamestore-aggregates " + dir);
    }

    public static StoreEngine open(Path dir, StorageOptions options) throws IOException {
        Files.createDirectories(dir);
        DirectoryLock lock = DirectoryLock.acquire(dir);
        SeriesCatalog catalog = null;
        try {
            StoreFormat.check(dir);
            catalog = SeriesCatalog.open(dir);
            MetadataLog metadata = MetadataLog.open(dir);
            StoreEngine engine = new StoreEngine(dir, options, lock, catalog, metadata, PutLog.open(dir));
            engine.rollBackUnfinishedPuts();
            engine.applyRetention();
            return engine;
        } catch (IOException | RuntimeException e) {
            if (catalog != null) {
                catalog.close();
            }
            lock.close();
            throw e;
        }
    }

    public AppMetadata metadata(String appName) {
        return metadata.get(appName);
    }

    public void setMetadata(String appName, AppMetadata value) throws IOException {
        checkOpen();
        metadata.set(appName, value);
    }

    /** The id of the series, added to the catalogue if new. */
    public int series(AppKey key) throws IOException {
        return catalog.idOf(key);
    }

    public int[] matching(String appName, Predicate<AppKey> filter) {
        return catalog.matching(appName, filter);
    }

    public List<String> appNames() {
        return catalog.appNames();
    }

    public SortedSet<String> labelNames(String appName, BitSet series) {
        return catalog.labelNames(appName, series);
    }

    public SortedSet<String> labelValues(String appName, String label, BitSet series) {
        return catalog.labelValues(appName, label, series);
    }

    /** Deletes a series: it disappears from queries at once; its bytes go with their partitions. */
    public void delete(AppKey key) throws IOException {
        int id = catalog.find(key);
        if (id >= 0) {
            catalog.delete(id);
        }
    }

    public void deleteApp(String appName) throws IOException {
        for (int id : catalog.matching(appName, k -> true)) {
            catalog.delete(id);
        }
        metadata.delete(appName);
    }

    /**
     * Opens every partition a put to {@code slot} writes to, so that a put spanning several slots,
     * or a batch, fails before it logs or stores anything when one of them cannot be opened (a
     * corrupt file, say), rather than being rolled back. A put of one series to one slot needs none:
     * it opens them all, marking the slot's ancestors stale, before it writes the slot.
     */
    public void prepare(Node slot) throws IOException {
        checkOpen();
        long last = Long.MIN_VALUE;
        for (Node node : SegmentTree.path(slot.startEpochSeconds())) {
            long id = PartitionId.of(node);
            if (id != last) {
                partitions.acquire(id).close();
                last = id;
            }
        }
    }

    /**
     * Adds each series' tree to {@code slots}, split between them as its {@link SeriesPut} says, for
     * every series, as one unit: unless it is a single slot of a single series, the put is logged in
     * the put log first (a record per series), and undone if it fails or the process dies before it
     * ends. The lock stripes of all its series are held for the whole put, taken in stripe order so
     * that two such puts cannot deadlock, so that the entries logged as "before" stay the ones it
     * replaces.
     */
    public void put(List<SeriesPut> puts, List<Node> slots) throws IOException {
        if (puts.size() == 1 && slots.size() == 1) {
            put(puts.get(0).series(), slots.get(0), puts.get(0).tree());
            return;
        }
        int[] series = new int[puts.size()]; // a loop, not a stream: most agent puts come this way
        for (int k = 0; k < series.length; k++) {
            series[k] = puts.get(k).series();
        }
        List<PartitionCache.Lease> leases = new ArrayList<>(slots.size());
        try {
            PathCounts[][] counts = slotCounts(puts, slots, leases);
            ReentrantLock[] locks = stripes(series);
            for (ReentrantLock lock : locks) {
                lock.lock();
            }
            try {
                store(series, slots, counts);
            } finally {
                for (int i = locks.length - 1; i >= 0; i--) {
                    locks[i].unlock();
                }
            }
        } finally {
            for (PartitionCache.Lease lease : leases) {
                lease.close();
            }
        }
        afterPut(series, slots);
    }

    /**
     * Each series' counts per slot, mapped once per partition the slots lie in and then split: the
     * tree's stacks are looked up once, not once per slot. The partitions stay leased (open) until
     * the put ends, since the counts name paths they may not have persisted yet.
     */
    private PathCounts[][] slotCounts(List<SeriesPut> puts, List<Node> slots, List<PartitionCache.Lease> leases)
            throws IOException {
        Partition[] partitionOf = new Partition[slots.size()];
        for (int i = 0; i < partitionOf.length; i++) {
            checkSlot(slots.get(i));
            leases.add(lease(slots.get(i)));
            partitionOf[i] = leases.get(i).partition();
        }
        PathCounts[][] counts = new PathCounts[puts.size()][];
        for (int k = 0; k < counts.length; k++) {
            SeriesPut put = puts.get(k);
            counts[k] = new PathCounts[slots.size()];
            PathCounts[] shares = null;
            for (int i = 0; i < partitionOf.length; i++) {
                if (i == 0 || partitionOf[i] != partitionOf[i - 1]) {
                    PathCounts whole = partitionOf[i].countsOf(put.tree());
                    shares = new PathCounts[slots.size()];
                    if (put.weights() == null) {
                        Arrays.fill(shares, whole);
                    } else if (whole != null) {
                        shares = whole.split(put.weights());
                    }
                }
                counts[k][i] = shares[i];
            }
        }
        return counts;
    }

    /** Logs, stores and ends a put whose series' stripes the caller holds; rolls it back on failure. */
    private void store(int[] series, List<Node> slots, PathCounts[][] counts) throws IOException {
        List<PutLog.Begun> begun = new ArrayList<>(series.length);
        try {
            for (int s : series) {
                begun.add(begin(s, slots));
            }
            if (options.syncPolicy() == StorageOptions.SyncPolicy.EVERY_PUT) {
                putLog.sync();
            }
            for (int k = 0; k < series.length; k++) {
                for (int i = 0; i < slots.size(); i++) {
                    storeSlot(series[k], slots.get(i), counts[k][i]);
                }
            }
        } catch (IOException | RuntimeException e) {
            for (PutLog.Begun put : begun) {
                try {
                    rollBack(put);
                } catch (IOException | RuntimeException suppressed) {
                    e.addSuppressed(suppressed); // the put log still holds it: the next open rolls it back
                    throw e;
                }
                putLog.end(put.id());
            }
            throw e;
        }
        for (PutLog.Begun put : begun) {
            putLog.end(put.id());
        }
    }

    /** Logs a put about to write {@code slots} of {@code series}, with their entries as they are now. */
    private PutLog.Begun begin(int series, List<Node> slots) throws IOException {
        long[] indexes = new long[slots.size()];
        NodeEntry[] before = new NodeEntry[slots.size()];
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = slots.get(i).index();
            before[i] = entry(series, slots.get(i));
        }
        return new PutLog.Begun(putLog.begin(series, indexes, before), series, indexes, before);
    }

    /** Adds {@code part} to one 10 s slot of one series. */
    public void put(int series, Node slot, Tree part) throws IOException {
        checkSlot(slot);
        try (PartitionCache.Lease lease = lease(slot)) {
            // Mapped onto paths before the series' lock is taken: that is most of a put, and a build
            // of one of the series' aggregates waits for that lock to store its result.
            storeSlot(series, slot, lease.partition().countsOf(part));
        }
        afterPut(new int[] {series}, List.of(slot));
    }

    /** Checks that a slot may be written now: the store open, space left, the slot retained. */
    private void checkSlot(Node slot) throws IOException {
        checkOpen();
        if (options.clock().millis() >= nextRetentionMillis) {
            applyRetention();
        }
        freeSpace.check();
        if (slot.startEpochSeconds() < retention.visibleFrom()) {
            throw new IllegalArgumentException("slot " + slot + " is older than the retained data, which starts at "
                    + retention.visibleFrom());
        }
    }

    /**
     * Adds counts (null for none) of the slot's partition to the slot, its ancestors marked stale
     * first; {@link #checkSlot} precedes, {@link #afterPut} follows. The caller keeps the partition
     * leased.
     */
    private void storeSlot(int series, Node slot, PathCounts counts) throws IOException {
        try (PartitionCache.Lease lease = lease(slot)) {
            ReentrantLock stripe = stripe(series);
            stripe.lock();
            try {
                markAncestorsStale(series, slot);
                lease.partition().addToSlot(series, slot.index(), counts);
            } finally {
                stripe.unlock();
            }
        }
    }

    /**
     * Schedules the aggregates a put completed, and syncs once if the policy says so. Called with no
     * series' lock held: when the builder's queue is full, this thread builds an aggregate itself
     * and takes that series' lock, and a writer holding another series' lock meanwhile could
     * deadlock with one doing the same the other way round.
     */
    private void afterPut(int[] series, List<Node> slots) throws IOException {
        for (int s : series) {
            for (Node slot : slots) {
                aggregates.afterPut(s, slot);
            }
        }
        if (options.syncPolicy() == StorageOptions.SyncPolicy.EVERY_PUT) {
            sync();
        }
    }

    /** Marks every ancestor of a slot stale before a write to the slot; under the series' lock. */
    private void markAncestorsStale(int series, Node slot) throws IOException {
        long[] marked = staleMarked.computeIfAbsent(series, s -> newMarks());
        for (Node node = slot; node.level() < SegmentTree.MAX_LEVEL; ) {
            node = node.parent();
            if (marked[node.level()] == node.index()) {
                continue; // this put's predecessor marked it, and no read has rebuilt it since
            }
            try (PartitionCache.Lease lease = lease(node)) {
                lease.partition().invalidate(series, node.level(), node.index());
            }
            marked[node.level()] = node.index();
        }
    }

    /**
     * The up-to-date entry of a node (rebuilding a stale aggregate first), or null when the series
     * has no data there.
     */
    public NodeTotals totals(int series, Node node, QueryCounters counters) throws IOException {
        Content content = fresh(series, node, counters);
        return content == null ? null : new NodeTotals(content.total(), content.writes());
    }

    /** Merges the node's samples into {@code target}; returns the puts they sum, or 0 for none. */
    public int mergeInto(Tree target, int series, Node node, QueryCounters counters) throws IOException {
        Content content = fresh(series, node, counters);
        if (content == null) {
            return 0;
        }
        content.mergeInto(target, node, counters);
        return content.writes();
    }

    /** The first second whose data is kept; queries start at or after it. */
    public long visibleFrom() {
        return retention.visibleFrom();
    }

    /**
     * Undoes the multi-slot puts a killed process began and never ended: each slot gets back its
     * entry from before the put (an empty entry with no writes, which reads as no data, where there
     * was none), and its ancestors are marked stale, since an aggregate built meanwhile may hold the
     * undone part. Forced to disk before the put log is emptied.
     */
    private void rollBackUnfinishedPuts() throws IOException {
        List<PutLog.Begun> unfinished = putLog.unfinished();
        for (PutLog.Begun put : unfinished) {
            rollBack(put);
        }
        if (!unfinished.isEmpty()) {
            sync();
        }
        putLog.reset();
    }

    private void rollBack(PutLog.Begun put) throws IOException {
        for (int i = 0; i < put.slots().length; i++) {
            Node slot = new Node(0, put.slots()[i]);
            if (!exists(PartitionId.of(slot))) {
                continue; // never written, or dropped by retention since
            }
            for (Node node = slot; node.level() < SegmentTree.MAX_LEVEL; ) {
                node = node.parent();
                try (PartitionCache.Lease lease = lease(node)) {
                    lease.partition().invalidate(put.series(), node.level(), node.index());
                }
            }
            NodeEntry before = put.before()[i] != null ? put.before()[i] : NodeEntry.empty(0);
            try (PartitionCache.Lease lease = lease(slot)) {
                lease.partition().write(put.series(), 0, slot.index(), before);
            }
        }
        long[] marked = staleMarked.get(put.series());
        if (marked != null) {
            Arrays.fill(marked, -1); // the roll-back changed entries behind the marks' back
        }
    }

    /** Drops what is past the retention age or beyond the size limit. Runs at open and every minute of puts. */
    public void applyRetention() throws IOException {
        nextRetentionMillis = options.clock().millis() + 60_000;
        retention.apply(this::drop);
    }

    /** Bytes of all files of the store. */
    public long diskBytes() throws IOException {
        return retention.diskBytes();
    }

    /** Forces everything written so far to the device. */
    public void sync() throws IOException {
        catalog.sync();
        metadata.sync();
        putLog.sync();
        for (Partition partition : partitions.openPartitions()) {
            partition.sync();
        }
    }

    public void checkOpen() {
        if (closed) {
            throw new IllegalStateException("storage " + dir + " is closed");
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            aggregates.close();
            sync();
            partitions.close();
            catalog.close();
            metadata.close();
            putLog.close();
        } finally {
            lock.close();
        }
    }

    /**
     * What a reader gets for a node: its stored entry, or an aggregate rebuilt in memory that was not
     * stored because the disk is nearly full (reads keep working when writes cannot).
     */
    private final class Content {
        private final NodeEntry stored;
        private final Tree rebuilt;
        private final int rebuiltWrites;

        Content(NodeEntry stored) {
            this(stored, null, 0);
        }

        Content(NodeEntry stored, Tree rebuilt, int rebuiltWrites) {
            this.stored = stored;
            this.rebuilt = rebuilt;
            this.rebuiltWrites = rebuiltWrites;
        }

        long total() {
            return stored != null ? stored.total() : rebuilt.total();
        }

        int writes() {
            return stored != null ? stored.writes() : rebuiltWrites;
        }

        void mergeInto(Tree target, Node node, QueryCounters counters) throws IOException {
            if (rebuilt != null) {
                target.merge(rebuilt);
            } else if (stored.hasData()) {
                target.merge(read(node, stored, counters));
            }
        }
    }

    /** Rebuilds optimistically this many times before building under the series' lock. */
    private static final int OPTIMISTIC_BUILDS = 2;

    /**
     * The node's content, rebuilding a stale aggregate first. The rebuild (decode ten children,
     * merge) runs without the series' lock, so that puts to the series do not wait for it; the
     * result is stored only if, under the lock, the children's entries are still the ones it read.
     * After losing that race twice, it builds under the lock.
     */
    private Content fresh(int series, Node node, QueryCounters counters) throws IOException {
        for (int attempt = 0; ; attempt++) {
            NodeEntry entry = entry(series, node);
            if (entry == null || !entry.stale()) {
                return entry == null ? null : new Content(entry);
            }
            boolean optimistic = attempt < OPTIMISTIC_BUILDS;
            ReentrantLock stripe = stripe(series);
            boolean held = false;
            try {
                if (!optimistic) {
                    stripe.lock();
                    held = true;
                }
                Content[] parts = new Content[SegmentTree.FANOUT];
                int writes = 0;
                for (int i = 0; i < SegmentTree.FANOUT; i++) {
                    parts[i] = fresh(series, node.child(i), counters);
                    writes += parts[i] == null ? 0 : parts[i].writes();
                }
                AggregateSum sum = sum(series, node, parts, counters);
                if (optimistic) {
                    stripe.lock();
                    held = true;
                }
                entry = entry(series, node);
                if (entry == null || !entry.stale()) {
                    return entry == null ? null : new Content(entry);
                }
                if (optimistic && !childrenUnchanged(series, node, parts)) {
                    continue;
                }
                counters.nodesBuilt++;
                if (!freeSpace.enough()) {
                    try (PartitionCache.Lease lease = lease(node)) {
                        return new Content(null, sum.tree(lease.partition()), writes);
                    }
                }
                long[] marked = staleMarked.get(series);
                if (marked != null && marked[node.level()] == node.index()) {
                    marked[node.level()] = -1;
                }
                try (PartitionCache.Lease lease = lease(node)) {
                    return new Content(sum.store(lease.partition(), series, node, writes));
                }
            } finally {
                if (held) {
                    stripe.unlock();
                }
            }
        }
    }

    /**
     * The sum of a node's children, their path counts merged where every child is stored: children
     * in the node's own partition directly (a lone child's blob is shared), children in another
     * partition (a 1000 s node's 100 s children, say) after their paths are carried into the
     * node's partition. A child rebuilt in memory only (the disk nearly full) is merged by name.
     */
    private AggregateSum sum(int series, Node node, Content[] parts, QueryCounters counters) throws IOException {
        boolean allStored = true;
        List<NodeEntry> stored = new ArrayList<>();
        for (Content part : parts) {
            allStored &= part == null || part.stored != null;
            if (part != null && part.stored != null && part.stored.hasData()) {
                stored.add(part.stored);
            }
        }
        if (!allStored) {
            Tree tree = new Tree();
            for (int i = 0; i < parts.length; i++) {
                if (parts[i] != null) {
                    parts[i].mergeInto(tree, node.child(i), counters);
                }
            }
            return new AggregateSum(tree, null, null, null);
        }
        boolean samePartition = PartitionId.of(node) == PartitionId.of(node.child(0));
        if (stored.isEmpty() || samePartition && stored.size() == 1) {
            return new AggregateSum(null, stored.isEmpty() ? null : stored.get(0), null, null);
        }
        List<PathCounts> counts = new ArrayList<>(stored.size());
        try (PartitionCache.Lease children = lease(node.child(0)); PartitionCache.Lease own = lease(node)) {
            for (NodeEntry child : stored) {
                counters.treesMerged++;
                counters.bytesRead += child.length();
                counts.add(children.partition().counts(child));
            }
            if (!samePartition) {
                counts = children.partition().mapPaths(counts, own.partition());
            }
        }
        PathCounts sum = PathCounts.sum(counts);
        return new AggregateSum(null, null, sum, sum.encode(Partition.deflates(node.level())));
    }

    /** Whether each child's entry is still the one a build read (null for none, or one not stored). */
    private boolean childrenUnchanged(int series, Node node, Content[] read) throws IOException {
        for (int i = 0; i < SegmentTree.FANOUT; i++) {
            NodeEntry now = entry(series, node.child(i));
            NodeEntry before = read[i] == null ? null : read[i].stored;
            if (now == null ? before != null : !now.equals(before)) {
                return false;
            }
        }
        return true;
    }

    private NodeEntry entry(int series, Node node) throws IOException {
        if (!exists(PartitionId.of(node))) {
            return null; // reading must not create empty partitions
        }
        try (PartitionCache.Lease lease = lease(node)) {
            return lease.partition().entry(series, node.level(), node.index());
        }
    }

    private Tree read(Node node, NodeEntry entry, QueryCounters counters) throws IOException {
        counters.treesMerged++;
        counters.bytesRead += entry.length();
        try (PartitionCache.Lease lease = lease(node)) {
            return lease.partition().read(entry);
        }
    }

    private PartitionCache.Lease lease(Node node) throws IOException {
        return partitions.acquire(PartitionId.of(node));
    }

    /** Whether a partition has a directory, remembered per id (writes and drops keep it right). */
    private boolean exists(long id) {
        return existing.computeIfAbsent(id, i -> Files.isDirectory(dir.resolve(PartitionId.path(i))));
    }

    private void drop(long id) throws IOException {
        partitions.evict(id);
        existing.remove(id);
        Path partitionDir = dir.resolve(PartitionId.path(id));
        try (Stream<Path> files = Files.walk(partitionDir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private Partition openPartition(long id) throws IOException {
        Path partitionDir = dir.resolve(PartitionId.path(id));
        existing.put(id, true);
        return Partition.open(partitionDir, options.indexEntriesPerPartition(), recent);
    }

    private static long[] newMarks() {
        long[] marks = new long[SegmentTree.MAX_LEVEL + 1];
        Arrays.fill(marks, -1);
        return marks;
    }

    private ReentrantLock stripe(int series) {
        return stripes[stripeIndex(series)];
    }

    /** The distinct lock stripes of several series, in stripe order. */
    private ReentrantLock[] stripes(int[] series) {
        if (series.length == 1) { // a multi-slot put of one series: most puts of real agents
            return new ReentrantLock[] {stripe(series[0])};
        }
        return Arrays.stream(series).map(StoreEngine::stripeIndex).distinct().sorted()
                .mapToObj(i -> stripes[i]).toArray(ReentrantLock[]::new);
    }

    private static int stripeIndex(int series) {
        return Math.floorMod(series * 0x9E3779B9, STRIPES);
    }
}
