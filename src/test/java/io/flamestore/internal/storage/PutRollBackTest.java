package io.flamestore.internal.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flamestore.Query;
import io.flamestore.QueryResult;
import io.flamestore.SegmentTree;
import io.flamestore.SegmentTree.Node;
import io.flamestore.Storage;
import io.flamestore.StorageOptions;
import io.flamestore.Tree;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A multi-slot put cut short between its slots is undone when the store is opened again: the state
 * a killed writer leaves (the put logged as begun, its first slot written, no end mark) is made by
 * hand here, so that every run checks it, not only the runs where a kill happens to land there.
 */
class PutRollBackTest {
    private static final String KEY = "app.cpu{host=a}";
    private static final long T = 1_700_000_000L;

    @TempDir
    Path dir;

    @Test
    void aPutCutShortBetweenItsSlotsIsRolledBackOnOpen() throws IOException {
        Tree before = tree("main;work", 7);
        Tree partial = tree("main;work", 5).merge(tree("main;lock", 3));
        try (Storage storage = Storage.open(dir)) {
            storage.put(KEY, T, T + 10, before);
            storage.get(Query.parse("app.cpu", T, T + 200)); // builds the aggregates: a roll-back must make them stale
        }
        int series = 0; // the store's only series
        Node first = SegmentTree.slotAt(T);
        Node second = SegmentTree.slotAt(T + 10);
        try (PutLog log = PutLog.open(dir);
                Partition partition = Partition.open(dir.resolve(PartitionId.path(PartitionId.of(first))),
                        StorageOptions.defaults().indexEntriesPerPartition(), new RecentCounts(0))) {
            NodeEntry stored = partition.entry(series, 0, first.index());
            log.begin(series, new long[] {first.index(), second.index()}, new NodeEntry[] {stored, null});
            partition.write(series, 0, first.index(), before.copy().merge(partial), stored.writes() + 1);
            partition.invalidate(series, 1, first.parent().index());
        }

        try (Storage storage = Storage.open(dir)) {
            QueryResult result = storage.get(Query.parse("app.cpu", T, T + 200));
            assertEquals(before, result.tree(), "the cut-short put is gone, what was there before stays");
            assertEquals(1, countData(result), "one slot with data, as before the put");
        }
        assertTrue(Files.size(dir.resolve(PutLog.FILE)) <= RecordLog.HEADER, "the put log is emptied after the roll-back");
    }

    @Test
    void aBatchCutShortBetweenItsSeriesIsRolledBackOnOpen() throws IOException {
        Tree before = tree("main;work", 7);
        try (Storage storage = Storage.open(dir)) {
            storage.put(KEY, T, T + 10, before);
            storage.put("app.cpu{host=b}", T + 100, T + 110, tree("main;idle", 1)); // series 1, for the batch
        }
        Node slot = SegmentTree.slotAt(T);
        try (PutLog log = PutLog.open(dir);
                Partition partition = Partition.open(dir.resolve(PartitionId.path(PartitionId.of(slot))),
                        StorageOptions.defaults().indexEntriesPerPartition(), new RecentCounts(0))) {
            NodeEntry stored = partition.entry(0, 0, slot.index());
            // A batch of both series in one slot: both logged, series 0 written, then the kill.
            log.begin(0, new long[] {slot.index()}, new NodeEntry[] {stored});
            log.begin(1, new long[] {slot.index()}, new NodeEntry[] {null});
            partition.write(0, 0, slot.index(), before.copy().merge(tree("main;lock", 3)), stored.writes() + 1);
            partition.invalidate(0, 1, slot.parent().index());
        }

        try (Storage storage = Storage.open(dir)) {
            assertEquals(before, storage.get(Query.parse("app.cpu{host=\"a\"}", T, T + 10)).tree(),
                    "series 0 has what it had before the batch");
            assertTrue(storage.get(Query.parse("app.cpu{host=\"b\"}", T, T + 10)).tree().isEmpty());
        }
    }

    @Test
    void aBatchThatFailsInOneSeriesChangesNone() throws IOException {
        Tree huge = new Tree();
        huge.insert("main;work", Long.MAX_VALUE - 1);
        try (Storage storage = Storage.open(dir)) {
            storage.put("app.cpu{host=b}", T, T + 10, huge);
            Map<String, Tree> batch = new LinkedHashMap<>();
            batch.put(KEY, tree("main;work", 20)); // stored first, across two slots
            batch.put("app.cpu{host=b}", tree("main;work", 4)); // overflows the slot it shares with huge
            assertThrows(IllegalArgumentException.class, () -> storage.put(batch, T + 5, T + 15));
            assertTrue(storage.get(Query.parse("app.cpu{host=\"a\"}", T, T + 20)).tree().isEmpty(),
                    "the series stored before the failure was rolled back");
            assertEquals(huge, storage.get(Query.parse("app.cpu{host=\"b\"}", T, T + 20)).tree());
        }
        try (PutLog log = PutLog.open(dir)) {
            assertTrue(log.unfinished().isEmpty(), "the rolled-back batch ended in the log");
        }
    }

    @Test
    void aCompletedMultiSlotPutLeavesNothingToRollBack() throws IOException {
        try (Storage storage = Storage.open(dir)) {
            storage.put(KEY, T + 5, T + 15, tree("main;work", 20)); // half in each of two slots
            assertEquals(tree("main;work", 10), storage.get(Query.parse("app.cpu", T, T + 10)).tree());
            assertEquals(tree("main;work", 10), storage.get(Query.parse("app.cpu", T + 10, T + 20)).tree());
        }
        try (PutLog log = PutLog.open(dir)) {
            assertTrue(log.unfinished().isEmpty(), "every logged put ended");
        }
    }

    private static int countData(QueryResult result) {
        int withData = 0;
        for (int i = 0; i < result.timeline().size(); i++) {
            withData += result.timeline().hasData(i) ? 1 : 0;
        }
        return withData;
    }

    private static Tree tree(String stack, long value) {
        Tree tree = new Tree();
        tree.insert(stack, value);
        return tree;
    }
}
