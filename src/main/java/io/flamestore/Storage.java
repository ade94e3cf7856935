package io.flamestore;

import io.flamestore.SegmentTree.Node;
import io.flamestore.SegmentTree.Share;
import io.flamestore.internal.storage.NodeTotals;
import io.flamestore.internal.storage.QueryCounters;
import io.flamestore.internal.storage.SeriesPut;
import io.flamestore.internal.storage.StoreEngine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * A store of profiles on disk: call trees per series ({@code app.cpu{region=us-west-1}}), indexed by
 * time in a segment tree of 10 s slots, queried by label selector and time range.
 *
 * <pre>{@code
 * try (Storage storage = Storage.open(Path.of("profiles"))) {
 *     storage.put("ride-sharing-app.cpu{region=us-west-1,vehicle=car}", start, end, tree);
 *     QueryResult r = storage.get(Query.parse("ride-sharing-app.cpu{vehicle=\"car\"}", from, until));
 * }
 * }</pre>
 *
 * <p>Thread-safe: any number of threads may put and get at once. Once {@code put} returns, its data
 * survives the process being killed; after {@link #sync()} or {@link #close()} it survives power
 * loss. Only one {@code Storage} may have a directory open at a time, in any process.
 */
public final class Storage implements AutoCloseable {
    /**
     * The longest profile one put accepts (a day): a profile is split into one tree per 10 s slot,
     * so longer ones should be split by time before they are stored.
     */
    public static final long MAX_PROFILE_SECONDS = 86_400;

    private final Path dir;
    private final StoreEngine engine;

    private Storage(Path dir, StoreEngine engine) {
        this.dir = dir;
        this.engine = engine;
    }

    /** Opens the store in {@code dir} with default options, creating the directory if missing. */
    public static Storage open(Path dir) throws IOException {
        return open(dir, StorageOptions.defaults());
    }

    public static Storage open(Path dir, StorageOptions options) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(options, "options");
        return new Storage(dir, StoreEngine.open(dir, options));
    }

    /**
     * Stores the samples of {@code tree}, profiled over {@code [start, end)} (Unix seconds), in the
     * series {@code appKey}. A profile spanning several 10 s slots is split between them in
     * proportion to its overlap with each, rounding per stack so that no sample is lost or invented
     * (a gauge of an {@link Aggregation#AVERAGE} application counts whole in each slot instead). The
     * slots are stored as one unit: a put that fails, or a process killed during it, leaves none of
     * them changed (the next {@link #open} undoes a put a killed process left half done).
     */
    public void put(String appKey, long startEpochSeconds, long endEpochSeconds, Tree tree) throws IOException {
        if (appKey == null || tree == null) {
            throw new IllegalArgumentException((appKey == null ? "app key" : "tree for " + appKey) + " is null");
        }
        put(Map.of(appKey, tree), startEpochSeconds, endEpochSeconds);
    }

    /** Like {@link #put(String, long, long, Tree)}, also setting the application's metadata. */
    public void put(String appKey, long startEpochSeconds, long endEpochSeconds, Tree tree, AppMetadata metadata)
            throws IOException {
        AppKey key = AppKey.parse(appKey);
        Objects.requireNonNull(metadata, "metadata");
        checkProfileTimes(startEpochSeconds, endEpochSeconds); // nothing is changed by a put that will fail
        engine.setMetadata(key.name(), metadata);
        put(appKey, startEpochSeconds, endEpochSeconds, tree);
    }

    /**
     * Stores several series' trees for one time range, as one upload carrying samples of many label
     * sets does. Every key and tree is checked before anything is stored, and the whole batch is
     * stored as one unit: a put that fails, or a process killed during it, leaves none of its series
     * changed, so a client that sends the upload again stores it exactly once.
     */
    public void put(Map<String, Tree> treesByKey, long startEpochSeconds, long endEpochSeconds) throws IOException {
        Objects.requireNonNull(treesByKey, "treesByKey");
        checkProfileTimes(startEpochSeconds, endEpochSeconds);
        List<Share> shares = SegmentTree.overlaps(startEpochSeconds, endEpochSeconds);
        Map<AppKey, Tree> checked = new LinkedHashMap<>();
        treesByKey.forEach((key, tree) -> {
            if (tree == null) {
                throw new IllegalArgumentException("tree for " + key + " is null");
            }
            if (checked.put(AppKey.parse(key), tree) != null) {
                throw new IllegalArgumentException("series " + key + " appears twice in one batch");
            }
        });
        engine.checkOpen(); // after the checks above: misuse is reported as such even on a closed store
        if (shares.size() > 1 || checked.size() > 1) { // a lone slot's put opens its partitions before it writes
            for (Share share : shares) {
                engine.prepare(share.slot());
            }
        }
        long[] weights = shares.stream().mapToLong(Share::seconds).toArray();
        List<SegmentTree.Node> slots = shares.stream().map(Share::slot).toList();
        List<SeriesPut> puts = new ArrayList<>(checked.size());
        for (Map.Entry<AppKey, Tree> entry : checked.entrySet()) {
            puts.add(new SeriesPut(engine.series(entry.getKey()), entry.getValue(), slotWeights(entry.getKey(), weights)));
        }
        engine.put(puts, slots);
    }

    private static void checkProfileTimes(long startEpochSeconds, long endEpochSeconds) {
        SegmentTree.checkRange("start", startEpochSeconds, "end", endEpochSeconds);
        if (endEpochSeconds - startEpochSeconds > MAX_PROFILE_SECONDS) {
            throw new IllegalArgumentException("profile spans " + (endEpochSeconds - startEpochSeconds) + " s ["
                    + startEpochSeconds + ", " + endEpochSeconds + "); at most " + MAX_PROFILE_SECONDS + " s are accepted");
        }
    }

    /**
     * How a profile is shared between the slots it overlaps. Summed values (CPU time, allocations)
     * are split in proportion to the overlap ({@code weights}), stack by stack by largest remainder,
     * so that no sample is lost or invented. A gauge ({@link Aggregation#AVERAGE}, such as in-use
     * memory) held its value for the whole profile, so each slot gets all of it (null) and counts it
     * as one put: the average over any of those slots is the profile itself.
     */
    private long[] slotWeights(AppKey key, long[] weights) {
        return weights.length > 1 && engine.metadata(key.name()).aggregation() == Aggregation.AVERAGE ? null : weights;
    }

    /** Sets the metadata of an application name (e.g. {@code ride-sharing-app.cpu}). */
    public void setMetadata(String appName, AppMetadata metadata) throws IOException {
        engine.setMetadata(AppKey.parse(appName).name(), Objects.requireNonNull(metadata, "metadata"));
    }

    /** The metadata of an application name, or {@link AppMetadata#DEFAULT}. */
    public AppMetadata metadata(String appName) {
        engine.checkOpen();
        return engine.metadata(appName);
    }

    /** Merges every series the query's selector matches over its range (widened to whole slots). */
    public QueryResult get(Query query) throws IOException {
        Objects.requireNonNull(query, "query");
        engine.checkOpen();
        query = retained(query);
        int[] series = engine.matching(query.appName(), query::matches);
        QueryCounters counters = new QueryCounters();
        Tree tree = new Tree();
        long writes = 0;
        for (Node node : SegmentTree.cover(query.fromEpochSeconds(), query.untilEpochSeconds())) {
            for (int id : series) {
                writes += engine.mergeInto(tree, id, node, counters);
            }
        }
        AppMetadata metadata = engine.metadata(query.appName());
        boolean average = metadata.aggregation() == Aggregation.AVERAGE;
        Timeline timeline = timeline(query, series, average, counters);
        Tree result = average ? TreeScaling.divide(tree, writes) : tree;
        return new QueryResult(result, timeline, metadata,
                new QueryStats(series.length, counters.treesMerged(), counters.bytesRead(), counters.nodesBuilt()));
    }

    /** Application names with at least one series, sorted. */
    public List<String> appNames() {
        engine.checkOpen();
        return engine.appNames();
    }

    /** Label names of the series that the selector matches and that have data in the range. */
    public SortedSet<String> labelNames(Query query) throws IOException {
        return engine.labelNames(query.appName(), seriesWithData(query));
    }

    /** Values of {@code label} among the series the selector matches that have data in the range. */
    public SortedSet<String> labelValues(Query query, String label) throws IOException {
        Objects.requireNonNull(label, "label");
        return engine.labelValues(query.appName(), label, seriesWithData(query));
    }

    /** Deletes one series; it disappears from every query at once. */
    public void delete(String appKey) throws IOException {
        engine.checkOpen();
        engine.delete(AppKey.parse(appKey));
    }

    /** Deletes every series of an application name, and its metadata. */
    public void deleteApp(String appName) throws IOException {
        engine.checkOpen();
        engine.deleteApp(AppKey.parse(appName).name());
    }

    /** Forces everything stored so far to the device. */
    public void sync() throws IOException {
        engine.checkOpen();
        engine.sync();
    }

    @Override
    public void close() throws IOException {
        engine.close();
    }

    @Override
    public String toString() {
        return "Storage[" + dir + "]";
    }

    private Timeline timeline(Query query, int[] series, boolean average, QueryCounters counters) throws IOException {
        Timeline.Builder builder = Timeline.builder(query.fromEpochSeconds(), query.untilEpochSeconds());
        long step = builder.stepSeconds();
        // Per point: the sum of the totals and of the puts of every node in it.
        Map<Long, long[]> points = new TreeMap<>();
        for (Node node : SegmentTree.cover(builder.fromEpochSeconds(), builder.untilEpochSeconds(), builder.maxLevel())) {
            for (int id : series) {
                NodeTotals totals = engine.totals(id, node, counters);
                if (totals != null && totals.writes() > 0) {
                    long[] point = points.computeIfAbsent(node.startEpochSeconds() / step, k -> new long[2]);
                    point[0] += totals.total();
                    point[1] += totals.writes();
                }
            }
        }
        points.forEach((index, point) -> builder.add(Math.max(index * step, builder.fromEpochSeconds()),
                average ? Math.round((double) point[0] / point[1]) : point[0]));
        return builder.build();
    }

    /** The query limited to the data retention keeps: nothing before it is ever looked at. */
    private Query retained(Query query) {
        long kept = engine.visibleFrom();
        if (query.fromEpochSeconds() >= kept) {
            return query;
        }
        return Query.of(query.selector(), kept, Math.max(kept, query.untilEpochSeconds()));
    }

    private BitSet seriesWithData(Query query) throws IOException {
        engine.checkOpen();
        query = retained(query);
        BitSet withData = new BitSet();
        List<Node> nodes = SegmentTree.cover(query.fromEpochSeconds(), query.untilEpochSeconds());
        QueryCounters counters = new QueryCounters();
        for (int id : engine.matching(query.appName(), query::matches)) {
            for (Node node : nodes) {
                NodeTotals totals = engine.totals(id, node, counters);
                if (totals != null && totals.writes() > 0) {
                    withData.set(id);
                    break;
                }
            }
        }
        return withData;
    }
}
