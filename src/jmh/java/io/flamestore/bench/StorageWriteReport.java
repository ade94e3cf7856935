package io.flamestore.bench;

import io.flamestore.Query;
import io.flamestore.QueryResult;
import io.flamestore.Storage;
import io.flamestore.SymbolTrie;
import io.flamestore.Tree;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

/**
 * Write amplification: ingests {@code N} real 10 s profiles (the four Kafka profiles in turn, one
 * slot per put, consecutive slots of one series) into a fresh store and compares what reaches the
 * disk with the encoded size of what was put.
 *
 * <p>Input bytes: for every put, {@code tree.encode(new SymbolTrie()).length}, the tree encoding
 * with a fresh symbol table (the literal "encoded input"); also shown with that symbol table's own
 * encoding added (a self-contained profile, as {@link SizeReport} counts it).
 *
 * <p>Bytes on disk, three ways, each after ingest (store closed: whatever the background builder
 * finished) and again after a whole-range query has built every remaining aggregate:
 * <ul>
 * <li><b>stored</b>: blob chunks up to their committed mark (the encoded trees, slots and
 * aggregates; not the preallocated zeros), plus the logical size of every other file except the
 * index, plus the index's allocated blocks;</li>
 * <li><b>allocated</b>: every file's allocated blocks ({@code du}), zero-filled chunk tails included;</li>
 * <li><b>I/O</b>: {@code write_bytes} of {@code /proc/self/io}, what this process sent (or dirtied
 * through mappings) to the storage layer: the zero fill of each chunk, then the blobs through the
 * mapping, index pages dirtied (again after each writeback), logs.</li>
 * </ul>
 *
 * <pre>java -cp target/benchmarks.jar io.flamestore.bench.StorageWriteReport [N [series]]   # default 30000 1</pre>
 */
public final class StorageWriteReport {
    private StorageWriteReport() {
    }

    public static void main(String[] args) throws Exception {
        ChildJvm.relaunchWithFlagsIfNeeded(StorageWriteReport.class, args);
        int puts = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
        int seriesCount = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        PrintStream out = System.out;

        Tree[] profiles = StoreFixtures.kafkaProfiles();
        int[] stacks = StoreFixtures.kafkaStacks();
        long[] treeBytes = new long[profiles.length];
        long[] symbolBytes = new long[profiles.length];
        out.printf(Locale.ROOT, "Write report, %s, Java %s, %,d puts into %d series%n%n", Instant.now(),
                System.getProperty("java.version"), puts, seriesCount);
        out.println("| profile | stacks | nodes | tree encoding | its symbol table |");
        out.println("|---|---:|---:|---:|---:|");
        for (int i = 0; i < profiles.length; i++) {
            SymbolTrie fresh = new SymbolTrie();
            treeBytes[i] = profiles[i].encode(fresh).length;
            symbolBytes[i] = fresh.encode().length;
            out.printf(Locale.ROOT, "| %s | %d | %,d | %,d | %,d |%n", StoreFixtures.KAFKA[i], stacks[i],
                    profiles[i].nodeCount(), treeBytes[i], symbolBytes[i]);
        }

        Path dir = StoreFixtures.benchDir("write-report");
        StoreFixtures.deleteRecursively(dir);
        Files.createDirectories(dir.getParent());
        long inputTree = 0;
        long inputSymbols = 0;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (threads.isThreadContentionMonitoringSupported()) {
            threads.setThreadContentionMonitoringEnabled(true);
        }
        long writerId = Thread.currentThread().getId();
        long writerCpuStarted = threads.getCurrentThreadCpuTime();
        long writerWaitedStarted = threads.getThreadInfo(writerId).getWaitedTime();
        long writerCpu;
        long writerWaited;
        long builderCpu;
        long ioBefore = DiskUsage.processWriteBytes();
        long started = System.nanoTime();
        double cpuStarted = ProcessCpu.seconds();
        try (Storage storage = Storage.open(dir, StorageWriteBenchmark.options())) {
            for (int n = 0; n < puts; n++) {
                int series = n % seriesCount;
                long time = StoreFixtures.START + (n / seriesCount) * 10L;
                int p = n % profiles.length;
                storage.put("bench.cpu{writer=" + series + "}", time, time + 10, profiles[p]);
                inputTree += treeBytes[p];
                inputSymbols += symbolBytes[p];
            }
            writerCpu = threads.getCurrentThreadCpuTime() - writerCpuStarted;
            writerWaited = threads.getThreadInfo(writerId).getWaitedTime() - writerWaitedStarted;
            builderCpu = threadCpu(threads, "flamestore-aggregates");
        }
        double seconds = StoreFixtures.secondsSince(started);
        double cpu = ProcessCpu.seconds() - cpuStarted;
        long ioAfterIngest = DiskUsage.processWriteBytes();
        DiskUsage afterIngest = DiskUsage.of(dir);

        long end = StoreFixtures.START + ((puts + seriesCount - 1) / seriesCount) * 10L;
        QueryResult all;
        long queryStarted = System.nanoTime();
        try (Storage storage = Storage.open(dir, StorageWriteBenchmark.options())) {
            all = storage.get(Query.parse("bench.cpu", StoreFixtures.START, end));
        }
        double querySeconds = StoreFixtures.secondsSince(queryStarted);
        long ioAfterQuery = DiskUsage.processWriteBytes();
        DiskUsage afterQuery = DiskUsage.of(dir);
        long expectedTotal = 0;
        for (int n = 0; n < puts; n++) {
            expectedTotal += profiles[n % profiles.length].total();
        }
        if (all.tree().total() != expectedTotal) {
            throw new IllegalStateException("read back a total of " + all.tree().total() + ", put " + expectedTotal);
        }

        out.printf(Locale.ROOT, "%nIngest: %,d puts in %.1f s = %,.0f puts/s (%.1f CPU-s: %,.0f puts per CPU-s),"
                + " store closed after the last put.%n", puts, seconds, puts / seconds, cpu, puts / cpu);
        out.printf(Locale.ROOT, "CPU by thread during ingest: writer %.1f s (%,.0f µs per put), background aggregate"
                + " builder %.1f s (%,.0f µs per put); the writer waited (parked) %.1f s%s.%n",
                writerCpu / 1e9, writerCpu / 1e3 / puts, builderCpu / 1e9, builderCpu / 1e3 / puts,
                writerWaited / 1e3, writerWaited < 0 ? " (not measured: no contention monitoring)" : "");
        out.printf(Locale.ROOT, "Then a whole-range query: %.1f s, %s (nodesBuilt = aggregates the background"
                + " builder had not built).%n", querySeconds, all.stats());
        out.printf(Locale.ROOT, "Input: %,d bytes of tree encodings (%,.0f per put), %,d with their own symbol"
                + " tables (%,.0f per put).%n%n", inputTree, (double) inputTree / puts, inputTree + inputSymbols,
                (double) (inputTree + inputSymbols) / puts);

        out.println("| files | count | logical bytes | allocated bytes | written bytes |");
        out.println("|---|---:|---:|---:|---:|");
        for (DiskUsage.Kind kind : DiskUsage.Kind.values()) {
            out.printf(Locale.ROOT, "| %s | %,d | %,d | %,d | %,d |%n", kind.name().toLowerCase(Locale.ROOT),
                    afterQuery.files(kind), afterQuery.logical(kind), afterQuery.allocated(kind), afterQuery.written(kind));
        }
        out.printf(Locale.ROOT, "| **all** | | %,d | %,d | %,d |%n%n", afterQuery.logical(), afterQuery.allocated(),
                afterQuery.written());
        out.printf(Locale.ROOT, "(after the whole-range query; \"written\" = blob chunks up to their committed mark,"
                + " other files at logical size)%n%n");

        out.println("| when | measure | bytes | per put | per input byte (trees) | per input byte (trees + own symbols) |");
        out.println("|---|---|---:|---:|---:|---:|");
        row(out, "after ingest", "stored", stored(afterIngest), puts, inputTree, inputTree + inputSymbols);
        row(out, "after ingest", "allocated (du)", afterIngest.allocated(), puts, inputTree, inputTree + inputSymbols);
        if (ioBefore >= 0) {
            row(out, "after ingest", "I/O (write_bytes)", ioAfterIngest - ioBefore, puts, inputTree,
                    inputTree + inputSymbols);
        }
        row(out, "all aggregates built", "stored", stored(afterQuery), puts, inputTree, inputTree + inputSymbols);
        row(out, "all aggregates built", "allocated (du)", afterQuery.allocated(), puts, inputTree,
                inputTree + inputSymbols);
        if (ioBefore >= 0) {
            row(out, "all aggregates built", "I/O (write_bytes)", ioAfterQuery - ioBefore, puts, inputTree,
                    inputTree + inputSymbols);
        }
        StoreFixtures.deleteRecursively(dir);
    }

    /** CPU nanoseconds of the live thread whose name starts with {@code prefix}, or -1 if there is none. */
    private static long threadCpu(ThreadMXBean threads, String prefix) {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith(prefix)) {
                return threads.getThreadCpuTime(thread.getId());
            }
        }
        return -1;
    }

    /** Blob bytes up to the committed marks, index at its allocated size, other files at logical size. */
    private static long stored(DiskUsage usage) {
        return usage.written() - usage.written(DiskUsage.Kind.INDEX) + usage.allocated(DiskUsage.Kind.INDEX);
    }

    private static void row(PrintStream out, String when, String measure, long bytes, int puts, long input,
            long inputWithSymbols) {
        out.printf(Locale.ROOT, "| %s | %s | %,d | %,.0f | %.2f | %.2f |%n", when, measure, bytes, (double) bytes / puts,
                (double) bytes / input, (double) bytes / inputWithSymbols);
    }
}
