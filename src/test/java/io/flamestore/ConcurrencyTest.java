package io.flamestore;

import static io.flamestore.TreeAssertions.assertTreeEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four threads put, to series of their own and to one shared series, often into the same few
 * slots, while two threads query and so build aggregates that the next put makes stale. Afterwards
 * every series, slot and aggregate holds exactly the sum of the puts: no update lost in the
 * read-merge-write of a slot, no aggregate left stale.
 */
class ConcurrencyTest {
    private static final int WRITERS = 4;
    private static final int QUERIERS = 2;
    private static final String SHARED = "app.cpu{writer=shared}";
    private static final String[] FRAMES = {"main", "handle", "order", "lock", "db", "gc"};

    @TempDir
    Path dir;

    /** What the threads put: series key -> slot start -> merged tree. One per writer, merged at the end. */
    private static final class Model {
        final Map<String, Map<Long, Tree>> slots = new HashMap<>();

        void add(String key, long slot, Tree tree) {
            slots.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(slot, s -> new Tree()).merge(tree);
        }

        void addAll(Model other) {
            other.slots.forEach((key, bySlot) -> bySlot.forEach((slot, tree) -> add(key, slot, tree)));
        }

        Tree between(String key, long from, long until) {
            Tree sum = new Tree();
            slots.getOrDefault(key, Map.of()).forEach((slot, tree) -> {
                if (slot >= from && slot < until) {
                    sum.merge(tree);
                }
            });
            return sum;
        }

        long total() {
            return slots.values().stream().flatMap(m -> m.values().stream()).mapToLong(Tree::total).sum();
        }
    }

    /**
     * Three hours across a partition boundary (three partitions with the rollup, all open at once),
     * 30 hot slots that all writers hit.
     */
    @Test
    @Timeout(120)
    void concurrentPutsAndQueriesLoseNothing() throws Exception {
        long t0 = 1_700_100_000L - 5_400;
        long end = t0 + 3 * 3_600;
        long seed = PropertyRunner.seed("ConcurrencyTest.concurrentPutsAndQueriesLoseNothing");
        Model model = run(Storage.open(dir), seed, t0, end, 1_500, random -> {
            if (random.nextInt(10) < 7) {
                return t0 + 3_000 + 10L * random.nextInt(30);
            }
            return t0 + 10L * random.nextInt((int) ((end - t0) / 10));
        });
        try (Storage storage = Storage.open(dir)) {
            checkEverything(storage, model, t0, end);
        }
    }

    /**
     * The same with more partitions written at once than stay open: a partition is evicted while a
     * thread still uses it, and the next thread that needs it opens it a second time.
     */
    @Test
    @Timeout(300)
    void concurrentPutsAcrossMorePartitionsThanStayOpen() throws Exception {
        long t0 = 1_700_000_000L - 5 * 100_000;
        long end = t0 + 6 * 100_000;
        long seed = PropertyRunner.seed("ConcurrencyTest.concurrentPutsAcrossMorePartitionsThanStayOpen");
        StorageOptions options = StorageOptions.builder().maxOpenPartitions(2).indexEntriesPerPartition(1 << 14).build();
        Model model = run(Storage.open(dir, options), seed, t0, end, 1_500,
                random -> t0 + 100_000L * random.nextInt(6) + 10L * random.nextInt(300));
        try (Storage storage = Storage.open(dir, options)) {
            checkEverything(storage, model, t0, end);
        }
    }

    /** Picks the slot of the next put. */
    @FunctionalInterface
    private interface SlotPicker {
        long next(SplittableRandom random);
    }

    /** Runs the writers and queriers on {@code storage}, closes it, and returns what was put. */
    private Model run(Storage storage, long seed, long t0, long end, int putsPerWriter, SlotPicker slots) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + QUERIERS);
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Future<Model>> writers = new ArrayList<>();
        List<Future<Integer>> queriers = new ArrayList<>();
        try {
            for (int w = 0; w < WRITERS; w++) {
                SplittableRandom random = new SplittableRandom(seed + w);
                String own = "app.cpu{writer=" + w + "}";
                String frame = "writer" + w;
                writers.add(pool.submit(() -> {
                    start.await();
                    Model mine = new Model();
                    for (int i = 0; i < putsPerWriter; i++) {
                        long slot = slots.next(random);
                        // Aligned 10 s profiles, and some shorter ones inside the slot.
                        long from = slot + (random.nextInt(4) == 0 ? random.nextInt(5) : 0);
                        long until = from == slot ? slot + 10 : from + random.nextInt(6);
                        Map<String, Tree> upload = new LinkedHashMap<>();
                        int target = random.nextInt(3);
                        if (target != 1) {
                            upload.put(own, tree(random, frame + "_" + i % 50));
                        }
                        if (target != 0) {
                            upload.put(SHARED, tree(random, frame));
                        }
                        if (upload.size() == 1 && random.nextBoolean()) {
                            Map.Entry<String, Tree> only = upload.entrySet().iterator().next();
                            storage.put(only.getKey(), from, until, only.getValue());
                        } else {
                            storage.put(upload, from, until);
                        }
                        upload.forEach((key, tree) -> mine.add(key, slot, tree));
                    }
                    return mine;
                }));
            }
            for (int q = 0; q < QUERIERS; q++) {
                SplittableRandom random = new SplittableRandom(seed - 1 - q);
                queriers.add(pool.submit(queries(storage, random, start, writing, t0, end)));
            }
            start.countDown();
            Model model = new Model();
            for (Future<Model> writer : writers) {
                model.addAll(writer.get(240, TimeUnit.SECONDS));
            }
            writing.set(false);
            int queries = 0;
            for (Future<Integer> querier : queriers) {
                queries += querier.get(60, TimeUnit.SECONDS);
            }
            System.out.println("ConcurrencyTest: " + WRITERS + " writers x " + putsPerWriter + " puts, " + queries
                    + " concurrent queries");
            return model;
        } finally {
            writing.set(false);
            start.countDown();
            pool.shutdown();
            assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS), "threads finished");
            storage.close();
        }
    }

    /**
     * Queries while writers write: fixed ones and random ranges. Totals of a fixed query never go
     * down from one query to the next: a read never misses what an earlier read saw, whether it
     * reads a slot or an aggregate rebuilt since.
     */
    private static Callable<Integer> queries(Storage storage, SplittableRandom random, CountDownLatch start,
            AtomicBoolean writing, long t0, long end) {
        return () -> {
            start.await();
            // Everything; the shared series over all time; the 1,000 s node and 100 s node holding
            // hot slots, whose aggregates every other put makes stale.
            long hot = t0 + 3_000;
            List<Query> fixed = List.of(
                    Query.parse("app.cpu", t0, end),
                    Query.parse("app.cpu{writer=\"shared\"}", 0, Query.MAX_EPOCH_SECONDS),
                    Query.parse("app.cpu", hot - hot % 1_000, hot - hot % 1_000 + 1_000),
                    Query.parse("app.cpu{writer=\"shared\"}", hot - hot % 100 + 100, hot - hot % 100 + 200));
            long[] last = new long[fixed.size()];
            int count = 0;
            while (writing.get() && count < 20_000) {
                for (int i = 0; i < fixed.size(); i++) {
                    if (i == 0 && count % 8 != 0) {
                        continue; // the widest query is the slowest; run it less often
                    }
                    long total = storage.get(fixed.get(i)).tree().total();
                    assertTrue(total >= last[i], fixed.get(i) + " [" + fixed.get(i).fromEpochSeconds() + ", "
                            + fixed.get(i).untilEpochSeconds() + "): total went down from " + last[i] + " to " + total);
                    last[i] = total;
                    count++;
                }
                long from = t0 + random.nextLong(end - t0);
                QueryResult r = storage.get(Query.parse(random.nextBoolean() ? "app.cpu" : "app.cpu{writer!=\"shared\"}",
                        from, Math.min(end, from + random.nextLong(1, 4_000))));
                assertTrue(r.stats().seriesMatched() <= WRITERS + 1);
                count++;
            }
            return count;
        };
    }

    private static Tree tree(SplittableRandom random, String leaf) {
        Tree tree = new Tree();
        for (int stacks = 1 + random.nextInt(3); stacks > 0; stacks--) {
            tree.insert(FRAMES[random.nextInt(FRAMES.length)] + ";" + FRAMES[random.nextInt(FRAMES.length)] + ";" + leaf,
                    1 + random.nextInt(100));
        }
        return tree;
    }

    /** Every series over the whole range, every 1,000 s node, every slot, and the timeline. */
    private static void checkEverything(Storage storage, Model model, long t0, long end) throws IOException {
        QueryResult all = storage.get(Query.parse("app.cpu", t0, end));
        assertEquals(model.total(), all.tree().total(), "total of all puts");
        assertEquals(WRITERS + 1, all.stats().seriesMatched());
        Timeline timeline = all.timeline();
        long timelineTotal = 0;
        for (int i = 0; i < timeline.size(); i++) {
            long pointStart = timeline.startEpochSeconds() + i * timeline.stepSeconds();
            long expected = 0;
            for (String key : model.slots.keySet()) {
                expected += model.between(key, pointStart, pointStart + timeline.stepSeconds()).total();
            }
            assertEquals(expected, timeline.value(i), "timeline point at " + pointStart);
            timelineTotal += timeline.value(i);
        }
        assertEquals(model.total(), timelineTotal, "timeline total");
        for (String key : model.slots.keySet()) {
            String selector = "app.cpu{writer=\"" + AppKey.parse(key).label("writer") + "\"}";
            assertTreeEquals(model.between(key, t0, end), storage.get(Query.parse(selector, 0, Query.MAX_EPOCH_SECONDS)).tree(),
                    key + " over all time");
            for (long node = t0 - t0 % 1_000; node < end; node += 1_000) {
                assertTreeEquals(model.between(key, node, node + 1_000),
                        storage.get(Query.parse(selector, node, node + 1_000)).tree(), key + " in [" + node + ", +1000)");
            }
            for (long slot : model.slots.get(key).keySet()) {
                assertTreeEquals(model.slots.get(key).get(slot), storage.get(Query.parse(selector, slot, slot + 10)).tree(),
                        key + " in slot " + slot);
            }
        }
    }
}
