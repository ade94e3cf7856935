package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chronicle Map updates an entry's checksum only when the writer releases the segment lock. A
 * writer killed between writing a new value in place and that unlock leaves an entry whose checksum
 * does not match, which recoverPersistedTo deletes; the index journal then puts it back. Without the
 * journal, the level-1 aggregate here would vanish, and "no entry" reads as "no data below".
 */
class TornIndexUpdateTest {
    private static final long T0 = 1_700_000_000L;

    @TempDir
    Path dir;

    /** Puts three profiles, builds the aggregates with a query, then is killed mid-update of the level-1 aggregate. */
    public static final class Writer {
        public static void main(String[] args) throws Exception {
            Path store = Path.of(args[0]);
            Storage storage = Storage.open(store);
            storage.put("app.cpu", T0, T0 + 10, Tree.parseFolded("a 1"));
            storage.put("app.cpu", T0 + 10, T0 + 20, Tree.parseFolded("b 2"));
            storage.put("app.cpu", T0 + 20, T0 + 30, Tree.parseFolded("c 4"));
            storage.get(Query.parse("app.cpu", T0, T0 + 100_000)); // stores the aggregates, levels 1 to 4
            // What the next put to slot T0+30 does first: mark the level-1 aggregate above it stale, an in-place update.
            ChronicleMap<Long, byte[]> index = ChronicleMap.of(Long.class, byte[].class)
                    .name("flamestore-index").entries(1 << 20).maxBloatFactor(8).constantValueSizeBySample(new byte[32])
                    .createPersistedTo(store.resolve("partitions/p017000/index.cm").toFile());
            long level1 = 1L << 34 | T0 / 100; // series 0, level 1, node T0/100
            ExternalMapQueryContext<Long, byte[], ?> context = index.queryContext(level1);
            context.writeLock().lock();
            MapEntry<Long, byte[]> entry = context.entry();
            byte[] stale = entry.value().get().clone();
            ByteBuffer.wrap(stale).order(ByteOrder.LITTLE_ENDIAN).putInt(24, 1);
            context.replaceValue(entry, context.wrapValueAsData(stale));
            System.out.println("TORN"); // killed before the unlock that would store the new checksum
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    @Test
    void acknowledgedPutsSurviveAKillInTheMiddleOfAnIndexUpdate() throws Exception {
        Path store = dir.resolve("store");
        try (ChildJvm child = ChildJvm.start(dir, Writer.class, store.toString())) {
            child.expectLine("TORN", 60);
            child.kill();
        }
        try (Storage storage = Storage.open(store)) {
            assertEquals(Tree.parseFolded("a 1\nb 2\nc 4"), storage.get(Query.parse("app.cpu", T0, T0 + 30)).tree());
            assertEquals(Tree.parseFolded("a 1\nb 2\nc 4"), storage.get(Query.parse("app.cpu", T0, T0 + 100)).tree());
        }
    }
}
