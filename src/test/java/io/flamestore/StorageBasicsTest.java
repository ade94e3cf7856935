package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageBasicsTest {
    private static final long T0 = 1_700_000_000L;

    @TempDir
    Path dir;

    private static Tree tree(String folded) throws ProfileFormatException {
        return Tree.parseFolded(folded);
    }

    @Test
    void putThenGetReturnsExactlyWhatWasPut() throws Exception {
        try (Storage storage = Storage.open(dir)) {
            storage.put("app.cpu{region=eu,vehicle=car}", T0, T0 + 10, tree("main;car 5\nmain;lock 3"));
            storage.put("app.cpu{region=us,vehicle=bike}", T0 + 10, T0 + 20, tree("main;bike 7"));
            QueryResult all = storage.get(Query.parse("app.cpu", T0, T0 + 20));
            assertEquals(tree("main;car 5\nmain;lock 3\nmain;bike 7"), all.tree());
            assertEquals(2, all.stats().seriesMatched());
            QueryResult car = storage.get(Query.parse("app.cpu{vehicle=\"car\"}", T0, T0 + 3600));
            assertEquals(tree("main;car 5\nmain;lock 3"), car.tree());
            assertEquals(Set.of("region", "vehicle"), storage.labelNames(Query.parse("app.cpu", T0, T0 + 20)));
            assertEquals(Set.of("bike"), storage.labelValues(Query.parse("app.cpu", T0 + 10, T0 + 20), "vehicle"));
            assertEquals(List.of("app.cpu"), storage.appNames());
        }
    }

    @Test
    void multiSlotProfileIsSplitAndConserved() throws Exception {
        try (Storage storage = Storage.open(dir)) {
            storage.put("app.cpu", T0 + 5, T0 + 35, tree("a;b 100\na;c 7"));
            assertEquals(tree("a;b 100\na;c 7"), storage.get(Query.parse("app.cpu", T0, T0 + 40)).tree());
            long firstSlot = storage.get(Query.parse("app.cpu", T0, T0 + 10)).tree().total();
            assertTrue(firstSlot > 0 && firstSlot < 107, "first slot holds its share: " + firstSlot);
        }
    }

    @Test
    void dataSurvivesReopenAndLateWritesInvalidateAggregates() throws Exception {
        try (Storage storage = Storage.open(dir)) {
            for (int i = 0; i < 100; i++) {
                storage.put("app.cpu", T0 + i * 10, T0 + i * 10 + 10, tree("main;work " + (i + 1)));
            }
            assertEquals(5050, storage.get(Query.parse("app.cpu", T0, T0 + 1000)).tree().total());
        }
        try (Storage storage = Storage.open(dir)) {
            assertEquals(5050, storage.get(Query.parse("app.cpu", T0, T0 + 1000)).tree().total());
            storage.put("app.cpu", T0 + 500, T0 + 510, tree("main;late 1000"));
            QueryResult r = storage.get(Query.parse("app.cpu", T0 - 100_000, T0 + 100_000));
            assertEquals(6050, r.tree().total());
            assertEquals(1000, r.tree().total("main;late"));
        }
    }

    @Test
    void timelineTellsNoDataFromZero() throws Exception {
        try (Storage storage = Storage.open(dir)) {
            storage.put("app.cpu", T0, T0 + 10, tree("a 4"));
            storage.put("app.cpu", T0 + 20, T0 + 30, new Tree());
            Timeline t = storage.get(Query.parse("app.cpu", T0, T0 + 40)).timeline();
            assertEquals(10, t.stepSeconds());
            assertTrue(t.hasData(t.indexOf(T0)));
            assertEquals(4, t.value(t.indexOf(T0)));
            assertFalse(t.hasData(t.indexOf(T0 + 10)));
            assertTrue(t.hasData(t.indexOf(T0 + 20)));
            assertEquals(0, t.value(t.indexOf(T0 + 20)));
        }
    }

    @Test
    void averageAggregationDividesByPuts() throws Exception {
        try (Storage storage = Storage.open(dir)) {
            storage.setMetadata("app.inuse_space", new AppMetadata("bytes", Aggregation.AVERAGE, 100, "gospy"));
            storage.put("app.inuse_space", T0, T0 + 10, tree("alloc 100"));
            storage.put("app.inuse_space", T0 + 10, T0 + 20, tree("alloc 300"));
            QueryResult r = storage.get(Query.parse("app.inuse_space", T0, T0 + 20));
            assertEquals(200, r.tree().total());
            assertEquals("bytes", r.metadata().units());
        }
        try (Storage storage = Storage.open(dir)) {
            assertEquals(Aggregation.AVERAGE, storage.metadata("app.inuse_space").aggregation());
        }
    }

    @Test
    void batchPutChecksEverythingFirst() throws Exception {
        try (Storage storage = Storage.open(dir)) {
            assertThrows(IllegalArgumentException.class,
                    () -> storage.put(Map.of("app.cpu{a=1}", tree("x 1"), "bad key{", tree("y 1")), T0, T0 + 10));
            assertTrue(storage.get(Query.parse("app.cpu", T0, T0 + 10)).tree().isEmpty());
            storage.put(Map.of("app.cpu{a=1}", tree("x 1"), "app.cpu{a=2}", tree("y 2")), T0, T0 + 10);
            assertEquals(3, storage.get(Query.parse("app.cpu", T0, T0 + 10)).tree().total());
        }
    }

    @Test
    void secondOpenIsRefusedAtOnce() throws Exception {
        try (Storage storage = Storage.open(dir)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Storage.open(dir));
            assertTrue(e.getMessage().contains("already open"), e.getMessage());
            assertTrue(storage.appNames().isEmpty());
        }
    }

    @Test
    void deleteHidesSeries() throws Exception {
        try (Storage storage = Storage.open(dir)) {
            storage.put("app.cpu{a=1}", T0, T0 + 10, tree("x 1"));
            storage.put("app.cpu{a=2}", T0, T0 + 10, tree("y 2"));
            storage.delete("app.cpu{a=1}");
            assertEquals(tree("y 2"), storage.get(Query.parse("app.cpu", T0, T0 + 10)).tree());
        }
        try (Storage storage = Storage.open(dir)) {
            assertEquals(tree("y 2"), storage.get(Query.parse("app.cpu", T0, T0 + 10)).tree());
            storage.deleteApp("app.cpu");
            assertEquals(List.of(), storage.appNames());
        }
    }
}
