package io.flamestore.bench;

import io.flamestore.Query;
import io.flamestore.QueryResult;
import io.flamestore.SegmentTree;
import io.flamestore.SegmentTree.Node;
import io.flamestore.Storage;
import io.flamestore.Tree;
import io.flamestore.internal.storage.QueryCounters;
import io.flamestore.internal.storage.StoreEngine;
import java.io.IOException;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the storage query benchmarks share: a store, a query and its expected total (set by the
 * subclass's setup), the counters, and two ways to answer the query: {@link #flamestore} through
 * {@code Storage.get} (tree and timeline) and {@link #flamestoreTreeOnly}, the tree part alone.
 */
public abstract class StorageQueryBase {
    protected Storage storage;
    protected StoreEngine engine;
    protected Query query;
    protected long expectedTotal;
    private Tree last;

    /** Work per iteration; every field is a sum over the iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Work {
        public long queries;
        public long treesMerged;
        public double cpuSeconds;
        private double cpuAtStart;

        @Setup(Level.Iteration)
        public void reset() {
            queries = 0;
            treesMerged = 0;
            cpuSeconds = 0;
            cpuAtStart = ProcessCpu.seconds();
        }

        @TearDown(Level.Iteration)
        public void stop() {
            cpuSeconds = ProcessCpu.seconds() - cpuAtStart;
        }
    }

    @TearDown
    public void tearDown() throws IOException {
        storage.close();
    }

    /** Sanity after every iteration: the last result held every sample the query should see. */
    @TearDown(Level.Iteration)
    public void check() {
        if (last != null && last.total() != expectedTotal) {
            throw new IllegalStateException(query + " [" + query.fromEpochSeconds() + ", " + query.untilEpochSeconds()
                    + "): result total " + last.total() + ", expected " + expectedTotal);
        }
        last = null;
    }

    @Benchmark
    public Tree flamestore(Work work) throws IOException {
        QueryResult result = storage.get(query);
        return counted(work, result.tree(), result.stats().treesMerged());
    }

    @Benchmark
    public Tree flamestoreTreeOnly(Work work) throws IOException {
        QueryCounters counters = new QueryCounters();
        Tree tree = treeOnly(counters);
        return counted(work, tree, counters.treesMerged());
    }

    /** Counts one answered query and keeps its tree for {@link #check}. */
    protected Tree counted(Work work, Tree tree, long treesMerged) {
        work.queries++;
        work.treesMerged += treesMerged;
        last = tree;
        return tree;
    }

    /** What {@code Storage.get} does for the tree: match series, merge each cover node of each. */
    protected Tree treeOnly(QueryCounters counters) throws IOException {
        int[] series = engine.matching(query.appName(), query::matches);
        Tree tree = new Tree();
        for (Node node : SegmentTree.cover(query.fromEpochSeconds(), query.untilEpochSeconds())) {
            for (int id : series) {
                engine.mergeInto(tree, id, node, counters);
            }
        }
        return tree;
    }
}
