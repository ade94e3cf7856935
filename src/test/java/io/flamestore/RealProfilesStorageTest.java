package io.flamestore;

import static io.flamestore.TreeAssertions.assertTreeEquals;
import static io.flamestore.TreeAssertions.merge;
import static io.flamestore.TreeAssertions.times;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real profiles stored as time series and read back exactly: the four kafka CPU profiles as
 * consecutive 10 s profiles of one series for three hours (1,080 puts, crossing a partition
 * boundary and holding a whole level-3 node), and a Go allocation profile as an
 * {@link Aggregation#AVERAGE} application, put once a minute at alternately one and three times
 * its values.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealProfilesStorageTest {
    /** 10,400 s before a level-4 (partition) boundary: holds the level-3 node [LEVEL3, LEVEL3 + 10^4). */
    private static final long T0 = 1_700_089_600L;
    private static final long LEVEL3 = 1_700_090_000L;
    private static final long PARTITION_BOUNDARY = 1_700_100_000L;
    private static final int SLOTS = 1_080;
    private static final long END = T0 + 10L * SLOTS;
    private static final String KAFKA = "kafka.cpu{cluster=cortex-dev-01,broker=kafka-0}";
    private static final String KAFKA_SELECTOR = "kafka.cpu{broker=\"kafka-0\"}";
    private static final String ALLOC = "prometheus-operator.alloc_space";
    private static final AppMetadata ALLOC_METADATA = new AppMetadata("bytes", Aggregation.AVERAGE, 100, "gospy");
    /** The allocation profile is put every this many seconds. */
    private static final long ALLOC_EVERY = 60;

    private Path dir;
    private Storage storage;
    private final List<Tree> kafka = new ArrayList<>();
    private Tree alloc;

    @BeforeAll
    void fill(@TempDir Path tempDir) throws IOException {
        dir = tempDir;
        Path folded = TreeAssertions.foldedDir();
        Assumptions.assumeTrue(folded != null, "no shared test data (flamestore.testdata)");
        for (int i = 0; i < 4; i++) {
            kafka.add(TreeAssertions.loadFolded(folded.resolve("kafka_cpu_" + i + ".folded.gz")));
        }
        alloc = TreeAssertions.loadFolded(folded.resolve("parca-alloc_objects.alloc_space.folded.gz"));
        assertTrue(alloc.nodeCount() > 1_000 && kafka.get(0).nodeCount() > 100, "real profiles loaded");
        storage = Storage.open(dir.resolve("store"));
        storage.setMetadata(ALLOC, ALLOC_METADATA);
        Tree alloc3 = times(alloc, 3);
        for (int i = 0; i < SLOTS; i++) {
            long t = T0 + 10L * i;
            storage.put(KAFKA, t, t + 10, kafka.get(i % 4));
            if ((t - T0) % ALLOC_EVERY == 0) {
                storage.put(ALLOC, t, t + 10, allocPut(t) == 1 ? alloc : alloc3);
            }
        }
    }

    @AfterAll
    void close() throws IOException {
        if (storage != null) {
            storage.close();
        }
    }

    /** The factor of the allocation profile put at {@code t}: 1 and 3 in turn, 0 where none. */
    private static int allocPut(long t) {
        if (t < T0 || t >= END || (t - T0) % ALLOC_EVERY != 0) {
            return 0;
        }
        return ((t - T0) / ALLOC_EVERY) % 2 == 0 ? 1 : 3;
    }

    private Tree kafkaAt(long slotStart) {
        return kafka.get((int) ((slotStart - T0) / 10 % 4));
    }

    /** The kafka profiles put in the slots of [from, until) (both slot-aligned). */
    private Tree kafkaBetween(long from, long until) {
        List<Tree> trees = new ArrayList<>();
        for (long t = Math.max(from, T0); t < Math.min(until, END); t += 10) {
            trees.add(kafkaAt(t));
        }
        return merge(trees);
    }

    /**
     * The average of the allocation puts in [from, until): per stack, the sum over the puts divided
     * by their number, rounded half up; stacks that round to zero are absent.
     */
    private Tree allocAverageBetween(long from, long until) {
        long weight = 0;
        long puts = 0;
        for (long t = from; t < until; t += 10) {
            int factor = allocPut(t);
            if (factor > 0) {
                weight += factor;
                puts++;
            }
        }
        Tree out = new Tree();
        if (puts == 0) {
            return out;
        }
        long n = puts;
        long w = weight;
        alloc.forEachStack((frames, self) -> out.insert(frames, Math.floorDiv(2 * self * w + n, 2 * n)));
        return out;
    }

    @Test
    void everySlotComesBackAsThePutProfile() throws IOException {
        for (int i = 0; i < SLOTS; i++) {
            long t = T0 + 10L * i;
            QueryResult r = storage.get(Query.parse(KAFKA_SELECTOR, t, t + 10));
            assertTreeEquals(kafkaAt(t), r.tree(), "slot " + t);
            assertEquals(1, r.stats().seriesMatched());
            assertEquals(1, r.timeline().size());
            assertEquals(kafkaAt(t).total(), r.timeline().value(0), "timeline of slot " + t);
            if (i % 97 == 0) {
                // An unaligned range inside the slot is widened to it.
                assertTreeEquals(kafkaAt(t), storage.get(Query.parse("kafka.cpu", t + 3, t + 7)).tree(), "inside slot " + t);
            }
            int factor = allocPut(t);
            if (factor > 0 || i % 7 == 0) {
                Tree expected = factor == 0 ? new Tree() : times(alloc, factor);
                QueryResult a = storage.get(Query.parse(ALLOC, t, t + 10));
                assertTreeEquals(expected, a.tree(), "average slot " + t);
                assertEquals(factor > 0, a.timeline().hasData(0), "average slot " + t + " has data");
                assertEquals(ALLOC_METADATA, a.metadata());
            }
        }
    }

    @Test
    void wholeRangeIsTheMergeOfAllPuts() throws IOException {
        QueryResult r = storage.get(Query.parse(KAFKA_SELECTOR, T0, END));
        Tree expected = kafkaBetween(T0, END);
        assertTreeEquals(expected, r.tree(), "whole range");
        // 1,080 slots give 100 s points (one segment-tree node each), ten slots each.
        Timeline timeline = r.timeline();
        assertEquals(100, timeline.stepSeconds());
        assertEquals(SLOTS / 10, timeline.size());
        for (int i = 0; i < timeline.size(); i++) {
            long t = T0 + 100L * i;
            long pointTotal = 0;
            for (long slot = t; slot < t + 100; slot += 10) {
                pointTotal += kafkaAt(slot).total();
            }
            assertEquals(pointTotal, timeline.value(i), "point at " + t);
        }
        // All time: the same, through the highest levels.
        assertTreeEquals(expected, storage.get(Query.parse("kafka.cpu", 0, Query.MAX_EPOCH_SECONDS)).tree(), "all time");

        // The average of 90 puts of the profile and 90 of three times it is twice the profile.
        QueryResult average = storage.get(Query.parse(ALLOC, T0, END));
        assertTreeEquals(times(alloc, 2), average.tree(), "average over the whole range");
        assertTreeEquals(allocAverageBetween(T0, END), average.tree(), "average over the whole range (model)");
        assertEquals(ALLOC_METADATA, average.metadata());
        Timeline points = average.timeline();
        for (int i = 0; i < points.size(); i++) {
            long t = points.startEpochSeconds() + points.stepSeconds() * i;
            long sum = 0;
            int puts = 0;
            for (long slot = t; slot < t + points.stepSeconds(); slot += 10) {
                if (allocPut(slot) > 0) {
                    sum += allocPut(slot) * alloc.total();
                    puts++;
                }
            }
            assertEquals(puts > 0, points.hasData(i), "average point at " + t);
            if (puts > 0) {
                assertEquals(Math.round((double) sum / puts), points.value(i), "average point at " + t);
            }
        }
    }

    @Test
    void rangesHittingLevel1To3AggregatesAreExact() throws IOException {
        List<long[]> ranges = new ArrayList<>();
        ranges.add(new long[] {LEVEL3 + 500, LEVEL3 + 600});                 // a level-1 node
        ranges.add(new long[] {LEVEL3 + 3_000, LEVEL3 + 4_000});             // a level-2 node
        ranges.add(new long[] {LEVEL3, LEVEL3 + 10_000});                    // the level-3 node
        for (long[] node : List.copyOf(ranges)) {
            QueryResult first = storage.get(Query.parse(KAFKA_SELECTOR, node[0], node[1]));
            assertTreeEquals(kafkaBetween(node[0], node[1]), first.tree(), "node [" + node[0] + ", " + node[1] + ")");
            QueryResult again = storage.get(Query.parse(KAFKA_SELECTOR, node[0], node[1]));
            assertTreeEquals(first.tree(), again.tree(), "node again");
            // Once built, the aggregate is read as one stored tree.
            assertEquals(1, again.stats().treesMerged(), "trees merged for node [" + node[0] + ", " + node[1] + ")");
            assertEquals(0, again.stats().nodesBuilt());
        }
        ranges.add(new long[] {PARTITION_BOUNDARY - 1_000, END});            // across the partition boundary
        ranges.add(new long[] {T0 + 5, LEVEL3 + 10_003});                    // unaligned, around the level-3 node
        SplittableRandom random = new SplittableRandom(PropertyRunner.seed("RealProfilesStorageTest.subRanges"));
        for (int i = 0; i < 20; i++) {
            long from = T0 - 100 + random.nextLong(END - T0);
            ranges.add(new long[] {from, Math.min(END + 100, from + random.nextLong(1, 6_000))});
        }
        for (long[] range : ranges) {
            long wideFrom = range[0] - range[0] % 10;
            long wideUntil = range[1] + 9 - (range[1] + 9) % 10;
            QueryResult r = storage.get(Query.parse(KAFKA_SELECTOR, range[0], range[1]));
            assertTreeEquals(kafkaBetween(wideFrom, wideUntil), r.tree(), "range [" + range[0] + ", " + range[1] + ")");
            assertEquals(r.tree().total(), timelineTotal(r.timeline()), "timeline total of [" + range[0] + ", " + range[1] + ")");
            QueryResult a = storage.get(Query.parse(ALLOC, range[0], range[1]));
            assertTreeEquals(allocAverageBetween(wideFrom, wideUntil), a.tree(),
                    "average over [" + range[0] + ", " + range[1] + ")");
        }
    }

    @Test
    void reopenedStoreAnswersTheSame() throws IOException {
        storage.close();
        storage = Storage.open(dir.resolve("store"));
        assertEquals(List.of("kafka.cpu", ALLOC), storage.appNames());
        assertEquals(ALLOC_METADATA, storage.metadata(ALLOC));
        for (long t : new long[] {T0, LEVEL3 + 1_230, PARTITION_BOUNDARY - 10, PARTITION_BOUNDARY, END - 10}) {
            assertTreeEquals(kafkaAt(t), storage.get(Query.parse(KAFKA_SELECTOR, t, t + 10)).tree(), "slot " + t + " after reopen");
        }
        assertTreeEquals(kafkaBetween(T0, END), storage.get(Query.parse(KAFKA_SELECTOR, T0, END)).tree(), "whole range after reopen");
        assertTreeEquals(kafkaBetween(LEVEL3, LEVEL3 + 10_000),
                storage.get(Query.parse("kafka.cpu", LEVEL3, LEVEL3 + 10_000)).tree(), "level-3 node after reopen");
        QueryResult average = storage.get(Query.parse(ALLOC, T0, END));
        assertTreeEquals(times(alloc, 2), average.tree(), "average after reopen");
        assertEquals(ALLOC_METADATA, average.metadata());
        assertEquals(java.util.Set.of("broker", "cluster"), storage.labelNames(Query.parse("kafka.cpu", T0, END)));
        assertTrue(storage.labelNames(Query.parse("kafka.cpu", END, END + 3_600)).isEmpty(), "no data after END");
    }

    @Test
    void realProfileSpanningSlotsIsSplitWithoutLoss(@TempDir Path other) throws IOException {
        Tree profile = kafka.get(3);
        long start = T0 + 1_234;
        long end = start + 95;   // 10 slots: 6 s, eight times 10 s, 9 s
        try (Storage split = Storage.open(other)) {
            split.put("kafka.cpu", start, end, profile);
            assertTreeEquals(profile, split.get(Query.parse("kafka.cpu", start, end)).tree(), "whole profile");
            List<Tree> parts = new ArrayList<>();
            for (long t = start - start % 10; t < end; t += 10) {
                Tree part = split.get(Query.parse("kafka.cpu", t, t + 10)).tree();
                long seconds = Math.min(end, t + 10) - Math.max(start, t);
                // Every stack gets its proportional share rounded down or up, never more off.
                Map<String, Long> got = TreeAssertions.stacks(part);
                for (Map.Entry<String, Long> stack : TreeAssertions.stacks(profile).entrySet()) {
                    double share = (double) stack.getValue() * seconds / (end - start);
                    long value = got.getOrDefault(stack.getKey(), 0L);
                    assertTrue(Math.abs(value - share) < 1, "slot " + t + ", stack " + stack.getKey() + ": " + value
                            + " for a share of " + share);
                }
                assertTrue(profile.equals(part) || TreeAssertions.stacks(profile).keySet().containsAll(got.keySet()),
                        "slot " + t + " holds only stacks of the profile");
                assertFalse(part.isEmpty(), "slot " + t + " holds part of the profile");
                parts.add(part);
            }
            assertEquals(10, parts.size());
            assertTreeEquals(profile, merge(parts), "slots merged back");
            Tree[] model = TreeSplitter.split(profile, new long[] {6, 10, 10, 10, 10, 10, 10, 10, 10, 9});
            for (int i = 0; i < parts.size(); i++) {
                assertTreeEquals(model[i], parts.get(i), "slot " + i + " against the split model");
            }
        }
    }

    /** A put across the boundary of two ~28 h time partitions: each slot is split in its own partition. */
    @Test
    void realProfileSpanningTwoPartitionsIsSplitLikeTheModel(@TempDir Path other) throws IOException {
        Tree profile = kafka.get(1);
        long boundary = (T0 / 100_000 + 1) * 100_000;
        try (Storage split = Storage.open(other)) {
            split.put("kafka.cpu", boundary - 7, boundary + 3, profile);
            Tree[] model = TreeSplitter.split(profile, new long[] {7, 3});
            assertTreeEquals(model[0], split.get(Query.parse("kafka.cpu", boundary - 10, boundary)).tree(), "before");
            assertTreeEquals(model[1], split.get(Query.parse("kafka.cpu", boundary, boundary + 10)).tree(), "after");
            assertTreeEquals(profile, split.get(Query.parse("kafka.cpu", boundary - 10, boundary + 10)).tree(), "both");
        }
    }

    /**
     * For an AVERAGE application, one put is one put however many slots it spans: a query covering
     * it whole must return it unchanged ({@link QueryResult}: "divided by the number of puts they
     * sum").
     */
    @Test
    void averageOfOneProfileSpanningSlotsIsThatProfile(@TempDir Path other) throws IOException {
        try (Storage gauge = Storage.open(other)) {
            gauge.setMetadata(ALLOC, ALLOC_METADATA);
            gauge.put(ALLOC, T0, T0 + 30, alloc);
            assertTreeEquals(alloc, gauge.get(Query.parse(ALLOC, T0, T0 + 30)).tree(), "average of one 30 s profile");
        }
    }

    private static long timelineTotal(Timeline timeline) {
        long total = 0;
        for (int i = 0; i < timeline.size(); i++) {
            total += timeline.hasData(i) ? timeline.value(i) : 0;
        }
        return total;
    }
}
