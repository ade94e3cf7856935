package io.flamestore;

import static io.flamestore.TreeAssertions.assertTreeEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a query costs: trees read, aggregates rebuilt, files touched. */
class QueryFootprintTest {
    private static final long T0 = 1_700_000_000L;
    private static final long DAY = 86_400;
    private static final StorageOptions SMALL = StorageOptions.builder().indexEntriesPerPartition(1 << 10).build();

    /**
     * One profile an hour for ten days. Once built, the aggregates answer them in at most one
     * stored tree per node of the cover; a late write makes only its own ancestors stale.
     */
    @Test
    void tenDaysAreReadFromAggregatesAndALateWriteRebuildsOnlyItsAncestors(@TempDir Path dir) throws Exception {
        long from = T0 - 10 * DAY;
        Tree hourly = Tree.parseFolded("main;tick 3\nmain;tock 4\n");
        Tree expected = new Tree();
        try (Storage storage = Storage.open(dir, SMALL)) {
            for (long t = from; t < T0; t += 3_600) {
                storage.put("app.cpu", t, t + 10, hourly);
                expected.merge(hourly);
            }
            Query days = Query.parse("app.cpu", from, T0);
            int cover = SegmentTree.cover(from, T0).size();
            QueryResult first = storage.get(days);
            assertTreeEquals(expected, first.tree(), "ten days");
            assertTrue(first.stats().nodesBuilt() > 0, "the first read builds aggregates: " + first.stats());

            QueryResult again = storage.get(days);
            assertTreeEquals(expected, again.tree(), "ten days again");
            assertEquals(0, again.stats().nodesBuilt(), again.stats().toString());
            assertTrue(again.stats().treesMerged() <= cover, again.stats() + " for a cover of " + cover + " nodes");

            // A late write, a week back, lands under aggregates built above.
            Tree late = Tree.parseFolded("main;late 100\n");
            storage.put("app.cpu", T0 - 7 * DAY + 1_230, T0 - 7 * DAY + 1_240, late);
            expected.merge(late);
            QueryResult after = storage.get(days);
            assertTreeEquals(expected, after.tree(), "ten days after a late write");
            assertTrue(after.stats().nodesBuilt() >= 1 && after.stats().nodesBuilt() <= SegmentTree.MAX_LEVEL,
                    "only ancestors of the late slot are rebuilt: " + after.stats());
            assertEquals(0, storage.get(days).stats().nodesBuilt());
        }
    }

    /**
     * A read must not write: querying time where the store holds nothing creates no partition. With
     * the default options every partition's index file takes about 55 MB, so a 100-day query over
     * one stored profile wrote 88 partitions (4.8 GB) and took 12.7 s.
     */
    @Test
    void queryingEmptyTimeCreatesNoPartition(@TempDir Path dir) throws Exception {
        Tree tree = Tree.parseFolded("main;work 5\n");
        try (Storage storage = Storage.open(dir, SMALL)) {
            storage.put("app.cpu", T0, T0 + 10, tree);
            Set<String> before = partitions(dir);
            assertEquals(1, before.size(), before.toString());
            assertTreeEquals(tree, storage.get(Query.parse("app.cpu", T0 - 30 * DAY, T0 + DAY)).tree(), "a month");
            assertEquals(Set.of(), storage.labelNames(Query.parse("app.cpu", T0 - 60 * DAY, T0 - 40 * DAY)));
            assertEquals(before, partitions(dir), "partitions after querying empty time");
        }
    }

    private static Set<String> partitions(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir.resolve("partitions"))) {
            return list.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
