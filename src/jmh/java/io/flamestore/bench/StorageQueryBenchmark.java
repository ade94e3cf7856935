package io.flamestore.bench;

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
import java.nio.file.Files;
import java.nio.file.Path;
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
 * A query over many series with a regular-expression matcher: 100 series {@code app.cpu{host=h0}}
 * to {@code app.cpu{host=h99}}, each with a small tree (see {@link StoreFixtures#smallTrees}) in every
 * 10 s slot of one hour (36,000 puts; built once into {@code target/storage-bench/query-100x1h}),
 * queried over that hour with {@code host=~"h1.*"} (11 series: h1, h10-h19) or {@code host=~".*"}
 * (all 100).
 * <ul>
 * <li>{@link #flamestore}: {@code Storage.get} (matching, merged tree and timeline);</li>
 * <li>{@link #flamestoreTreeOnly}: matching and the merged tree, without the timeline.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class StorageQueryBenchmark extends StorageQueryBase {
    static final int SERIES = 100;
    static final long FROM = StoreFixtures.START;
    static final long UNTIL = FROM + StoreFixtures.HOUR;
    static final int POOL = 256;
    static final long SEED = 7;
    static final String PARAMETERS = "query-store v3 (store format 4): app.cpu{host=h0..h99} from=" + FROM + " until=" + UNTIL
            + " pool=" + POOL + " seed=" + SEED + " smallTrees=kafka_cpu_3/top80/depth8/12stacks indexEntries=65536";

    @Param({"h1.*", ".*"})
    public String hosts;

    private Tree[] pool;
    private int expectedSeries;

    static Path dir() {
        return StoreFixtures.benchDir("query-100x1h");
    }

    static StorageOptions options() {
        // 100 series × (360 slots + 41 aggregates) in one time partition.
        return StorageOptions.builder().indexEntriesPerPartition(65_536).build();
    }

    /** Which pool tree series {@code host} holds in {@code slot}. */
    static int poolIndex(int host, long slot) {
        return ReadStore.poolIndex(slot * 131 + host);
    }

    @Setup
    public void setUp() throws Exception {
        TestData.checkForkFlags();
        pool = StoreFixtures.smallTrees(POOL, SEED);
        ensureBuilt();
        storage = Storage.open(dir(), options());
        engine = StoreFixtures.engine(storage);
        query = Query.parse("app.cpu{host=~\"" + hosts + "\"}", FROM, UNTIL);
        expectedTotal = 0;
        expectedSeries = 0;
        for (int host = 0; host < SERIES; host++) {
            if (("h" + host).matches(hosts)) {
                expectedSeries++;
                for (long slot = FROM / 10; slot < UNTIL / 10; slot++) {
                    expectedTotal += pool[poolIndex(host, slot)].total();
                }
            }
        }
        // Sanity: both methods select the same series and return every sample put into them.
        QueryResult result = storage.get(query);
        Tree treeOnly = treeOnly(new QueryCounters());
        if (result.stats().seriesMatched() != expectedSeries || result.tree().total() != expectedTotal
                || !treeOnly.equals(result.tree())) {
            throw new IllegalStateException(query + ": " + result.stats() + ", total " + result.tree().total()
                    + ", tree-only total " + treeOnly.total() + "; expected " + expectedSeries + " series, total "
                    + expectedTotal + " and equal trees");
        }
        System.out.printf(Locale.ROOT, "%n[query %s] %d cover nodes; Storage.get: %s; merged tree: %d nodes%n", query,
                SegmentTree.cover(FROM, UNTIL).size(), result.stats(), result.tree().nodeCount());
    }

    private void ensureBuilt() throws IOException {
        Path dir = dir();
        if (StoreFixtures.isBuilt(dir, PARAMETERS)) {
            return;
        }
        StoreFixtures.deleteRecursively(dir);
        Files.createDirectories(dir);
        long started = System.nanoTime();
        try (Storage store = Storage.open(dir, options())) {
            for (long time = FROM; time < UNTIL; time += 10) {
                for (int host = 0; host < SERIES; host++) {
                    store.put("app.cpu{host=h" + host + "}", time, time + 10, pool[poolIndex(host, time / 10)]);
                }
            }
        }
        double seconds = StoreFixtures.secondsSince(started);
        // Steady state: one query over everything builds whatever aggregate the background missed.
        QueryResult warm;
        try (Storage store = Storage.open(dir, options())) {
            warm = store.get(Query.parse("app.cpu", FROM, UNTIL));
        }
        String details = String.format(Locale.ROOT, "puts %d in %.1f s; first query over all series: %s%n",
                SERIES * (UNTIL - FROM) / 10, seconds, warm.stats());
        StoreFixtures.markBuilt(dir, PARAMETERS, details);
        System.out.print(details);
    }
}
