package io.flamestore.internal.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The free-disk margin ({@code StorageOptions.minFreeDiskBytes}): puts are refused below it, and
 * aggregates are then rebuilt in memory only. The answer is cached for 100 ms while space is
 * plentiful, so the check costs almost nothing per put.
 */
final class FreeSpace {
    private final Path dir;
    private final long margin;
    private volatile long lastCheckNanos = System.nanoTime() - 1_000_000_000L;
    private volatile long lastFreeBytes;

    FreeSpace(Path dir, long margin) {
        this.dir = dir;
        this.margin = margin;
    }

    /** Refuses a put while free space is below the margin. */
    void check() throws IOException {
        if (!enough()) {
            throw new IOException("only " + lastFreeBytes + " bytes free on " + Files.getFileStore(dir) + " for " + dir
                    + ", below the " + margin + "-byte margin (StorageOptions.minFreeDiskBytes): put refused, nothing stored");
        }
    }

    boolean enough() throws IOException {
        long now = System.nanoTime();
        if (now - lastCheckNanos >= 100_000_000L || lastFreeBytes <= 2 * margin) {
            lastFreeBytes = Files.getFileStore(dir).getUsableSpace();
            lastCheckNanos = now;
        }
        return lastFreeBytes >= margin;
    }
}
