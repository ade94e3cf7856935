package io.flamestore.bench;

import io.flamestore.AppKey;
import io.flamestore.Query;
import io.flamestore.QueryResult;
import io.flamestore.SegmentTree;
import io.flamestore.SegmentTree.Node;
import io.flamestore.Storage;
import io.flamestore.StorageOptions;
import io.flamestore.Tree;
import io.flamestore.internal.storage.QueryCounters;
import io.flamestore.internal.storage.StoreEngine;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Read cost against range length, on one series holding a small tree in every 10 s slot of a year
 * (the store of {@link ReadStore}, built once and reused). Each query ends at the end of the data
 * (2025-01-01T00:00Z, a multiple of 100 s but not of 1000 s), so ranges are not aligned to large
 * nodes.
 * <ul>
 * <li>{@link #flamestore}: {@code Storage.get}, the public query: merged tree and timeline.</li>
 * <li>{@link #flamestoreTreeOnly}: the tree part of {@code Storage.get} alone (the segment-tree
 * cover of the range, one {@code StoreEngine.mergeInto} per node), without the timeline.</li>
 * <li>{@link #naive}: one {@code StoreEngine.mergeInto} per 10 s slot of the range, what a store
 * without aggregates would do.</li>
 * </ul>
 * Mode is average time with 1 s iterations: a long query simply makes an iteration one call long
 * (JMH runs at least one call per iteration). The naive method has fewer iterations, so that its
 * 365 d case (3.15 million trees per call) ends within minutes.
 * Counters (totals per iteration; divide by {@code queries}): {@code treesMerged} stored trees
 * decoded and merged, {@code cpuSeconds} of the whole JVM.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class StorageReadBenchmark extends StorageQueryBase {
    @Param({"1h", "1d", "7d", "30d", "365d"})
    public String range;

    /**
     * {@code StorageOptions.maxOpenPartitions}: the library default, 8, unless overridden with
     * {@code -p openPartitions=...} (the year spans 317 time partitions).
     */
    @Param({"8"})
    public int openPartitions;

    private ReadStore data;
    private int series;
    private long from;
    private long until;

    @Setup
    public void setUp() throws Exception {
        TestData.checkForkFlags();
        data = new ReadStore();
        data.ensureBuilt();
        storage = Storage.open(ReadStore.dir(), StorageOptions.builder()
                .indexEntriesPerPartition(ReadStore.INDEX_ENTRIES)
                .maxOpenPartitions(openPartitions)
                .build());
        engine = StoreFixtures.engine(storage);
        series = engine.series(AppKey.parse(ReadStore.KEY));
        until = ReadStore.END;
        from = until - ReadStore.seconds(range);
        query = Query.parse(ReadStore.SELECTOR, from, until);
        expectedTotal = data.expectedTotal(from, until);

        // Sanity: the query returns every sample stored in the range, and (for short ranges, where
        // the naive merge is cheap) exactly the tree the naive merge of every slot gives.
        QueryResult result = storage.get(query);
        Tree treeOnly = treeOnly(new QueryCounters());
        QueryCounters naiveCounters = new QueryCounters();
        Tree naive = ReadStore.seconds(range) <= StoreFixtures.DAY ? naive(naiveCounters) : null;
        if (result.tree().total() != expectedTotal || treeOnly.total() != expectedTotal
                || (naive != null && (!naive.equals(result.tree()) || !naive.equals(treeOnly)))) {
            throw new IllegalStateException(range + ": query total " + result.tree().total() + ", tree-only total "
                    + treeOnly.total() + (naive == null ? "" : ", naive total " + naive.total()) + "; expected "
                    + expectedTotal + (naive == null ? "" : " and identical trees"));
        }
        List<Node> cover = SegmentTree.cover(from, until);
        System.out.printf(Locale.ROOT, "%n[read %s] cover: %d nodes; Storage.get: %s; merged tree: %d nodes%n", range,
                cover.size(), result.stats(), result.tree().nodeCount());
        if (result.stats().nodesBuilt() != 0) {
            System.out.printf("[read %s] note: the query had to build %d aggregates (not steady state)%n", range,
                    result.stats().nodesBuilt());
        }
    }

    /** Fewer iterations: at 365 d one call decodes 3.15 million trees and takes about a minute. */
    @Benchmark
    @Warmup(iterations = 1, time = 1)
    @Measurement(iterations = 2, time = 1)
    public Tree naive(Work work) throws IOException {
        QueryCounters counters = new QueryCounters();
        return counted(work, naive(counters), counters.treesMerged());
    }

    private Tree naive(QueryCounters counters) throws IOException {
        Tree tree = new Tree();
        for (long slot = from / SegmentTree.SLOT_SECONDS; slot < until / SegmentTree.SLOT_SECONDS; slot++) {
            engine.mergeInto(tree, series, new Node(0, slot), counters);
        }
        return tree;
    }
}
