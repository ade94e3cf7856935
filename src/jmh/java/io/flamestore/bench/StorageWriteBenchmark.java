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
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ingest throughput: {@code Storage.put} of real 10 s CPU profiles (the four Kafka profiles, 359-487
 * stacks and 1,849-2,178 nodes each, in turn), one slot per put (two for the spanning variant), time advancing 10 s per put. Each
 * benchmark thread writes a series of its own ({@code bench.cpu{writer=N}}), starting at
 * 2024-01-01T00:00Z, into a fresh store under {@code target/storage-bench/} that is deleted after
 * the trial. {@link #put1Thread} and {@link #put2Threads} differ only in the number of threads;
 * {@link #put1ThreadSpanningSlots} puts each profile across two slots, as agents do.
 *
 * <p>The score is puts per second (all threads together); counters per second: {@code samples}
 * (10 ms CPU samples stored), {@code puts} (same as the score), {@code cpuSeconds} (CPU the whole JVM
 * used, background aggregate builder and GC included: as a rate, cores busy).
 *
 * <p>Time runs about 10,000 times faster than in reality here (about 1,000 puts of 10 s per second),
 * so a new ~28 h time partition (a Chronicle Map index, blob chunks, a symbol table) starts every
 * 10,000 puts per series instead of once a day; that cost is included. So is building the
 * aggregates: when the background builder falls behind, the writer builds what overflows its queue.
 * The sanity check at the end of the trial prints how many aggregates the final read still had to
 * build.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class StorageWriteBenchmark {
    /** Index entries per partition: two series write 2 × 11,110 entries into each. */
    static final long INDEX_ENTRIES = 32_768;

    private Path dir;
    private Storage storage;
    private Tree[] profiles;
    private long[] samples;
    private final AtomicInteger writers = new AtomicInteger();
    /** Every writer, registered as it starts, to check at the end what each has put. */
    private final Queue<Writer> started = new ConcurrentLinkedQueue<>();

    /** One writer thread: its series and where in time it is. */
    @State(Scope.Thread)
    public static class Writer {
        String key;
        String selector;
        long time = StoreFixtures.START;
        int next;
        long totalPut;

        @Setup
        public void setUp(StorageWriteBenchmark store) {
            int id = store.writers.getAndIncrement();
            key = "bench.cpu{writer=" + id + "}";
            selector = "bench.cpu{writer=\"" + id + "\"}";
            store.started.add(this);
        }
    }

    /** Rates per second; {@code cpuSeconds} as a rate is the number of cores busy. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Throughput {
        public long puts;
        public long samples;

        @Setup(Level.Iteration)
        public void reset() {
            puts = 0;
            samples = 0;
        }
    }

    @Setup
    public void setUp() throws Exception {
        TestData.checkForkFlags();
        profiles = StoreFixtures.kafkaProfiles();
        samples = new long[profiles.length];
        for (int i = 0; i < profiles.length; i++) {
            if (profiles[i].total() % StoreFixtures.NANOS_PER_SAMPLE != 0) {
                throw new IllegalStateException(StoreFixtures.KAFKA[i] + " total is not a whole number of 10 ms samples");
            }
            samples[i] = profiles[i].total() / StoreFixtures.NANOS_PER_SAMPLE;
        }
        dir = StoreFixtures.benchDir("write-" + ProcessHandle.current().pid());
        StoreFixtures.deleteRecursively(dir);
        Files.createDirectories(dir.getParent());
        storage = Storage.open(dir, options());
    }

    static StorageOptions options() {
        return StorageOptions.builder().indexEntriesPerPartition(INDEX_ENTRIES).build();
    }

    /**
     * Sanity: each series holds exactly the samples put into it (read back over its whole range),
     * then the store is deleted.
     */
    @TearDown
    public void tearDown() throws IOException {
        try {
            for (Writer writer : started) {
                QueryResult all = storage.get(Query.parse(writer.selector, StoreFixtures.START, Query.MAX_EPOCH_SECONDS));
                if (all.tree().total() != writer.totalPut || writer.totalPut == 0) {
                    throw new IllegalStateException(writer.selector + ": read back a total of " + all.tree().total()
                            + ", put " + writer.totalPut);
                }
                System.out.printf(Locale.ROOT, "%n[write] %s: %,d puts, %,d samples put and read back, %s%n",
                        writer.selector, (writer.time - StoreFixtures.START) / 10,
                        writer.totalPut / StoreFixtures.NANOS_PER_SAMPLE, all.stats());
            }
        } finally {
            storage.close();
            StoreFixtures.deleteRecursively(dir);
        }
    }

    @Benchmark
    @Threads(1)
    public void put1Thread(Writer writer, Throughput counters, CpuCounters cpu) throws IOException {
        put(writer, counters);
    }

    @Benchmark
    @Threads(2)
    public void put2Threads(Writer writer, Throughput counters, CpuCounters cpu) throws IOException {
        put(writer, counters);
    }

    /**
     * As real agents send them: each profile covers {@code :05} to {@code :15}, half in each of two
     * slots, so every slot is written by two puts.
     */
    @Benchmark
    @Threads(1)
    public void put1ThreadSpanningSlots(Writer writer, Throughput counters, CpuCounters cpu) throws IOException {
        put(writer, counters, 5);
    }

    private void put(Writer writer, Throughput counters) throws IOException {
        put(writer, counters, 0);
    }

    private void put(Writer writer, Throughput counters, long offset) throws IOException {
        int i = writer.next;
        storage.put(writer.key, writer.time + offset, writer.time + offset + 10, profiles[i]);
        writer.next = i + 1 == profiles.length ? 0 : i + 1;
        writer.time += 10;
        counters.puts++;
        counters.samples += samples[i];
        writer.totalPut += profiles[i].total();
    }
}
