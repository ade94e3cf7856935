package io.flamestore.bench;

import io.flamestore.Query;
import io.flamestore.QueryResult;
import io.flamestore.Storage;
import io.flamestore.StorageOptions;
import io.flamestore.Tree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The store {@link StorageReadBenchmark} reads: one series, {@code bench.cpu{store=read}}, with one
 * small tree (see {@link StoreFixtures#smallTrees}) in every 10 s slot of the 365 days from
 * 2024-01-01T00:00Z: 3,153,600 puts. Slot {@code i} holds tree {@code pool[hash(i) % 256]}, so
 * neighbouring slots differ and every merge is real. Built once into
 * {@code target/storage-bench/read-365d} and reused while its marker file records the same
 * parameters. After building, the store is reopened and each benchmark range is queried once, so
 * that every aggregate the benchmark reads exists (steady state).
 *
 * <pre>java -cp target/benchmarks.jar io.flamestore.bench.ReadStore     # builds it unless already built</pre>
 */
public final class ReadStore {
    static final String KEY = "bench.cpu{store=read}";
    static final String SELECTOR = "bench.cpu{store=\"read\"}";
    static final int DAYS = 365;
    static final long END = StoreFixtures.START + DAYS * StoreFixtures.DAY;
    static final int POOL = 256;
    static final long SEED = 42;
    /** Per ~28 h time partition one series writes 10,000 slots and 1,110 aggregates. */
    static final long INDEX_ENTRIES = 12_000;
    static final String PARAMETERS = "read-store v4 (store format 4): series=" + KEY + " start=" + StoreFixtures.START + " days=" + DAYS
            + " pool=" + POOL + " seed=" + SEED + " smallTrees=kafka_cpu_3/top80/depth8/12stacks indexEntries="
            + INDEX_ENTRIES;
    static final String[] RANGES = {"1h", "1d", "7d", "30d", "365d"};

    private final Tree[] pool = StoreFixtures.smallTrees(POOL, SEED);
    private final long[] poolTotals = new long[POOL];

    ReadStore() {
        for (int i = 0; i < POOL; i++) {
            poolTotals[i] = pool[i].total();
        }
    }

    static Path dir() {
        return StoreFixtures.benchDir("read-365d");
    }

    static StorageOptions options() {
        return StorageOptions.builder().indexEntriesPerPartition(INDEX_ENTRIES).build();
    }

    /** Seconds covered by a range name such as {@code 7d} or {@code 1h}. */
    static long seconds(String range) {
        long n = Long.parseLong(range.substring(0, range.length() - 1));
        return switch (range.charAt(range.length() - 1)) {
            case 'h' -> n * StoreFixtures.HOUR;
            case 'd' -> n * StoreFixtures.DAY;
            default -> throw new IllegalArgumentException("range must end in h or d: " + range);
        };
    }

    /** Which pool tree a slot holds: a fixed scramble of the slot index. */
    static int poolIndex(long slot) {
        return (int) ((slot * 0x9E3779B97F4A7C15L) >>> 56);
    }

    Tree treeOf(long slot) {
        return pool[poolIndex(slot)];
    }

    /** The exact total of everything stored in {@code [from, until)} (slot-aligned). */
    long expectedTotal(long from, long until) {
        long total = 0;
        for (long slot = Math.max(from, StoreFixtures.START) / 10; slot < Math.min(until, END) / 10; slot++) {
            total += poolTotals[poolIndex(slot)];
        }
        return total;
    }

    /** Builds the store unless {@link #dir()} already holds one with these {@link #PARAMETERS}. */
    void ensureBuilt() throws IOException {
        Path dir = dir();
        if (StoreFixtures.isBuilt(dir, PARAMETERS)) {
            return;
        }
        StoreFixtures.deleteRecursively(dir);
        Files.createDirectories(dir);
        System.out.printf(Locale.ROOT, "Building %s: %d days of 10 s slots (%,d puts)%n", dir, DAYS,
                (END - StoreFixtures.START) / 10);
        long started = System.nanoTime();
        double cpuAtStart = ProcessCpu.seconds();
        try (Storage storage = Storage.open(dir, options())) {
            for (long t = StoreFixtures.START; t < END; t += 10) {
                storage.put(KEY, t, t + 10, treeOf(t / 10));
                if ((t - StoreFixtures.START) % (30 * StoreFixtures.DAY) == 0 && t > StoreFixtures.START) {
                    System.out.printf(Locale.ROOT, "  day %d, %.0f s%n", (t - StoreFixtures.START) / StoreFixtures.DAY,
                            StoreFixtures.secondsSince(started));
                }
            }
        }
        double putSeconds = StoreFixtures.secondsSince(started);
        double putCpu = ProcessCpu.seconds() - cpuAtStart;
        StringBuilder details = new StringBuilder(String.format(Locale.ROOT,
                "puts %d in %.1f s (%.1f CPU-s)%n", (END - StoreFixtures.START) / 10, putSeconds, putCpu));
        // Steady state: query every benchmark range once, so the aggregates it needs are stored.
        try (Storage storage = Storage.open(dir, options())) {
            for (String range : RANGES) {
                long warmStart = System.nanoTime();
                QueryResult result = storage.get(Query.parse(SELECTOR, END - seconds(range), END));
                details.append(String.format(Locale.ROOT, "first query %s: %.2f s, %s%n", range,
                        StoreFixtures.secondsSince(warmStart), result.stats()));
            }
        }
        DiskUsage usage = DiskUsage.of(dir);
        details.append(String.format(Locale.ROOT, "disk: %,d bytes logical, %,d allocated, %,d written%n",
                usage.logical(), usage.allocated(), usage.written()));
        StoreFixtures.markBuilt(dir, PARAMETERS, details.toString());
        System.out.print(details);
    }

    public static void main(String[] args) throws Exception {
        ChildJvm.relaunchWithFlagsIfNeeded(ReadStore.class, args);
        new ReadStore().ensureBuilt();
        System.out.println(Files.readString(dir().resolve(StoreFixtures.MARKER)));
    }
}
