package io.flamestore.bench;

import io.flamestore.Query;
import io.flamestore.QueryResult;
import io.flamestore.Storage;
import io.flamestore.StorageOptions;
import io.flamestore.Tree;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;

/**
 * "A store holding at least 1 GB of profiles opens in under a second and answers queries with
 * {@code -Xmx256m}."
 *
 * <p>Without arguments: builds (once; reused while its marker file records the same parameters) a
 * store in {@code target/large-store} of {@value #SERIES} series {@code app.cpu{broker=0..3}}, each
 * with a real Kafka CPU profile in each of {@value #SLOTS} consecutive 10 s slots from
 * 2024-01-01T00:00Z (the four profiles in turn), prints its build time and size, then runs this class
 * in {@code check} mode in a child JVM with {@code -Xmx256m} and the Flamestore JVM flags. The check
 * times {@code Storage.open}, then a first query over the last 10 s (which pays Chronicle Map's
 * one-time start-up in a fresh JVM), a 1 h query (twice), a 1 d query and a whole-range query (twice),
 * checks every total, and prints the peak heap use.
 *
 * <pre>java -cp target/benchmarks.jar io.flamestore.bench.LargeStoreCheck</pre>
 */
public final class LargeStoreCheck {
    static final int SERIES = 4;
    static final int SLOTS = 250_000;
    static final long FROM = StoreFixtures.START;
    static final long UNTIL = FROM + SLOTS * 10L;
    /** 4 series × 11,110 entries per time partition, with headroom. */
    static final long INDEX_ENTRIES = 65_536;
    static final String PARAMETERS = "large-store v3 (store format 4): app.cpu{broker=0.." + (SERIES - 1) + "} slots=" + SLOTS
            + " from=" + FROM + " profiles=kafka_cpu_0..3 indexEntries=" + INDEX_ENTRIES;

    private LargeStoreCheck() {
    }

    static Path dir() {
        return Paths.get(System.getProperty("flamestore.largestore", "target/large-store")).toAbsolutePath().normalize();
    }

    static StorageOptions options() {
        return StorageOptions.builder().indexEntriesPerPartition(INDEX_ENTRIES).build();
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("check")) {
            check();
            return;
        }
        ChildJvm.relaunchWithFlagsIfNeeded(LargeStoreCheck.class, args);
        Path dir = dir();
        if (!StoreFixtures.isBuilt(dir, PARAMETERS)) {
            build(dir);
        }
        ensureSteadyState(dir);
        System.out.println(Files.readString(dir.resolve(StoreFixtures.MARKER)).strip());
        List<String> jvm = List.of("-Xmx256m", "-Dflamestore.largestore=" + dir);
        System.out.printf("%nChild JVM: %s + the Flamestore flags%n", jvm);
        int status = ChildJvm.run(LargeStoreCheck.class, jvm, List.of("check"));
        System.exit(status);
    }

    private static void build(Path dir) throws IOException {
        StoreFixtures.deleteRecursively(dir);
        Files.createDirectories(dir);
        Tree[] profiles = StoreFixtures.kafkaProfiles();
        System.out.printf(Locale.ROOT, "Building %s: %d series × %,d slots of real Kafka profiles%n", dir, SERIES, SLOTS);
        long started = System.nanoTime();
        double cpuStarted = ProcessCpu.seconds();
        try (Storage storage = Storage.open(dir, options())) {
            for (int slot = 0; slot < SLOTS; slot++) {
                long time = FROM + slot * 10L;
                for (int series = 0; series < SERIES; series++) {
                    storage.put("app.cpu{broker=" + series + "}", time, time + 10, profiles[(slot + series) % profiles.length]);
                }
                if (slot > 0 && slot % 10_000 == 0) {
                    System.out.printf(Locale.ROOT, "  %,d slots, %.0f s%n", slot, StoreFixtures.secondsSince(started));
                }
            }
        }
        double seconds = StoreFixtures.secondsSince(started);
        double cpu = ProcessCpu.seconds() - cpuStarted;
        DiskUsage usage = DiskUsage.of(dir);
        String details = String.format(Locale.ROOT,
                "built: %,d puts in %.0f s (%.0f CPU-s, %,.0f puts/s)%n"
                        + "size: %,d bytes written (blob chunks up to their committed mark: %,d; index files: %,d;"
                        + " symbol logs: %,d), %,d allocated (du), %,d logical, %d files%n",
                (long) SERIES * SLOTS, seconds, cpu, SERIES * SLOTS / seconds, usage.written(),
                usage.written(DiskUsage.Kind.BLOBS), usage.written(DiskUsage.Kind.INDEX),
                usage.written(DiskUsage.Kind.SYMBOLS), usage.allocated(), usage.logical(),
                usage.files(DiskUsage.Kind.BLOBS) + usage.files(DiskUsage.Kind.INDEX)
                        + usage.files(DiskUsage.Kind.SYMBOLS) + usage.files(DiskUsage.Kind.OTHER));
        StoreFixtures.markBuilt(dir, PARAMETERS, details);
    }

    /**
     * Once after building: a whole-range query (in this JVM) builds the aggregates the background
     * builder had not finished when the writer stopped (the newest ones, never completed by later
     * puts), so that the check measures a store at rest. Recorded in the marker file.
     */
    private static void ensureSteadyState(Path dir) throws IOException {
        Path marker = dir.resolve(StoreFixtures.MARKER);
        String text = Files.readString(marker);
        if (text.contains(STEADY)) {
            return;
        }
        long started = System.nanoTime();
        QueryResult result;
        try (Storage storage = Storage.open(dir, options())) {
            result = storage.get(Query.parse("app.cpu", FROM, UNTIL));
        }
        Files.writeString(marker, text + String.format(Locale.ROOT, "%s a whole-range query after building took"
                + " %.2f s: %s%n", STEADY, StoreFixtures.secondsSince(started), result.stats()));
    }

    private static final String STEADY = "steady state:";

    /** Runs in the child JVM: opens the store and queries it, printing times and heap use. */
    private static void check() throws IOException {
        Tree[] profiles = StoreFixtures.kafkaProfiles();
        Path dir = dir();
        System.out.printf(Locale.ROOT, "check: Java %s, max heap %,d bytes, store %s%n", System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory(), dir);
        long started = System.nanoTime();
        try (Storage storage = Storage.open(dir, options())) {
            System.out.printf(Locale.ROOT, "Storage.open: %.3f s%n", StoreFixtures.secondsSince(started));
            query(storage, profiles, "first, 10 s (mostly Chronicle Map start-up)", UNTIL - 10);
            query(storage, profiles, "1 h", UNTIL - StoreFixtures.HOUR);
            query(storage, profiles, "1 h again", UNTIL - StoreFixtures.HOUR);
            query(storage, profiles, "1 d", UNTIL - StoreFixtures.DAY);
            query(storage, profiles, "whole range", FROM);
            query(storage, profiles, "whole range again", FROM);
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.gc();
        System.out.printf(Locale.ROOT, "heap: peak used %,d bytes (sum of the heap pools' peaks, an upper bound),"
                        + " %,d used after System.gc(), max %,d%n", peak,
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Runtime.getRuntime().maxMemory());
        System.out.printf("process: %s%n", residentSet());
    }

    private static void query(Storage storage, Tree[] profiles, String label, long from) throws IOException {
        long started = System.nanoTime();
        QueryResult result = storage.get(Query.parse("app.cpu", from, UNTIL));
        double seconds = StoreFixtures.secondsSince(started);
        long expected = 0;
        for (long slot = (from - FROM) / 10; slot < SLOTS; slot++) {
            for (int series = 0; series < SERIES; series++) {
                expected += profiles[(int) ((slot + series) % profiles.length)].total();
            }
        }
        if (result.tree().total() != expected) {
            throw new IllegalStateException(label + ": total " + result.tree().total() + ", expected " + expected);
        }
        System.out.printf(Locale.ROOT, "query %s: %.3f s, %s, total %,d (as put), tree of %,d nodes, heap used now %,d%n",
                label, seconds, result.stats(), result.tree().total(), result.tree().nodeCount(),
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }

    /** VmHWM and VmRSS of {@code /proc/self/status}: resident memory, mapped store pages included. */
    private static String residentSet() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return "(no /proc/self/status)";
        }
        StringBuilder out = new StringBuilder();
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmHWM") || line.startsWith("VmRSS")) {
                out.append(line.replaceAll("\\s+", " ")).append("; ");
            }
        }
        return out.toString();
    }
}
