package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import net.openhft.chronicle.map.ChronicleMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovery is per partition: a partition that the first session after a crash never opened still
 * holds a killed writer's segment lock, and must be recovered when a later session opens it (without
 * recovery, Chronicle Map waits 60 s and throws).
 */
class UnrecoveredPartitionTest {
    private static final long T0 = 1_700_000_000L;
    private static final long T1 = T0 + 100_000; // the next partition

    @TempDir
    Path dir;

    /**
     * The child: writes to partitions 17000 and 17001, then holds the segment lock of slot T1's
     * index entry, as a writer killed in the middle of a Chronicle Map update leaves it.
     */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            Path store = Path.of(args[0]);
            Storage storage = Storage.open(store);
            storage.put("app.cpu", T0, T0 + 10, Tree.parseFolded("a 1"));
            storage.put("app.cpu", T1, T1 + 10, Tree.parseFolded("b 2"));
            ChronicleMap<Long, byte[]> index = ChronicleMap.of(Long.class, byte[].class)
                    .name("flamestore-index").entries(1 << 20).maxBloatFactor(8).constantValueSizeBySample(new byte[32])
                    .createPersistedTo(store.resolve("partitions/p017001/index.cm").toFile());
            index.queryContext(T1 / 10).writeLock().lock(); // key of series 0, level 0, slot T1
            System.out.println("LOCKED");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    @Test
    void partitionNotOpenedInTheFirstSessionAfterACrashIsStillRecovered() throws Exception {
        Path store = dir.resolve("store");
        try (ChildJvm child = ChildJvm.start(dir, Holder.class, store.toString())) {
            child.expectLine("LOCKED", 60);
            child.kill();
        }
        // The first session after the crash reads partition 17000 only, and closes cleanly.
        try (Storage storage = Storage.open(store)) {
            assertEquals(Tree.parseFolded("a 1"), storage.get(Query.parse("app.cpu", T0, T0 + 10)).tree());
        }
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (Storage storage = Storage.open(store)) {
                assertEquals(Tree.parseFolded("b 2"), storage.get(Query.parse("app.cpu", T1, T1 + 10)).tree());
            }
        });
    }
}
