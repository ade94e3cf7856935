package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {
    private static final long DAY = 86_400;
    /** A partition boundary (a multiple of 10^5 s), so that day offsets below are easy to place. */
    private static final long BASE = 1_700_000_000L;

    @TempDir
    Path dir;

    private static StorageOptions options(long nowEpochSeconds, Duration retention, long maxBytes) {
        return StorageOptions.builder()
                .clock(Clock.fixed(Instant.ofEpochSecond(nowEpochSeconds), ZoneOffset.UTC))
                .retention(retention)
                .maxDiskBytes(maxBytes)
                .indexEntriesPerPartition(4096)
                .build();
    }

    private static void putDays(Storage storage, int days) throws Exception {
        for (int day = 0; day < days; day++) {
            storage.put("app.cpu", BASE + day * DAY, BASE + day * DAY + 10, Tree.parseFolded("main;day" + day + " 1"));
        }
    }

    @Test
    void partitionsPastTheAgeAreDroppedAndNeverQueried() throws Exception {
        try (Storage storage = Storage.open(dir, options(BASE, Duration.ZERO, 0))) {
            putDays(storage, 10);
            assertEquals(10, storage.get(Query.parse("app.cpu", BASE, BASE + 10 * DAY)).tree().total());
        }
        long partitionsBefore = Files.list(dir.resolve("partitions")).count();
        try (Storage storage = Storage.open(dir, options(BASE + 10 * DAY, Duration.ofDays(5), 0))) {
            Tree kept = storage.get(Query.parse("app.cpu", BASE, BASE + 10 * DAY)).tree();
            assertTrue(kept.total() >= 5 && kept.total() <= 6, "about five days kept, got " + kept.toFolded());
            assertEquals(0, kept.total("main;day0"));
            assertEquals(1, kept.total("main;day9"));
            assertTrue(Files.list(dir.resolve("partitions")).count() < partitionsBefore);
            IllegalArgumentException late = assertThrows(IllegalArgumentException.class,
                    () -> storage.put("app.cpu", BASE, BASE + 10, Tree.parseFolded("late 1")));
            assertTrue(late.getMessage().contains("older than the retained data"), late.getMessage());
        }
    }

    @Test
    void sizeLimitDropsOldestPartitionsButKeepsTheNewest() throws Exception {
        try (Storage storage = Storage.open(dir, options(BASE, Duration.ZERO, 0))) {
            putDays(storage, 6);
        }
        try (Storage storage = Storage.open(dir, options(BASE + 6 * DAY, Duration.ZERO, 1))) {
            Tree kept = storage.get(Query.parse("app.cpu", BASE, BASE + 6 * DAY)).tree();
            assertEquals(1, kept.total("main;day5"));
            assertFalse(kept.toFolded().contains("day0"), kept.toFolded());
            assertEquals(1, Files.list(dir.resolve("partitions")).count());
        }
    }
}
