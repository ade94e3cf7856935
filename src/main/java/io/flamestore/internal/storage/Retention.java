package io.flamestore.internal.storage;

import io.flamestore.StorageOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Drops old data a whole directory at a time: time partitions past the retention age, then the
 * oldest ones while the store is over its size limit, then rollup blocks wholly before what is
 * kept. Never rewrites a file. The first second still kept, {@code visibleFrom}, only grows; it is
 * persisted in {@code RETAINED_FROM} so that aggregates in the top partition that still include
 * dropped data are never used (queries start at or after it).
 */
final class Retention {
    static final String FILE = "RETAINED_FROM";

    private final Path dir;
    private final StorageOptions options;
    private volatile long visibleFrom;

    Retention(Path dir, StorageOptions options) throws IOException {
        this.dir = dir;
        this.options = options;
        Path file = dir.resolve(FILE);
        if (Files.exists(file)) {
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            try {
                visibleFrom = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new io.flamestore.CorruptDataException(file.toString(), 0, "not a number of seconds: \"" + text + "\"");
            }
        }
    }

    long visibleFrom() {
        return visibleFrom;
    }

    /** Applies both limits now; {@code drop} closes and deletes one partition. */
    synchronized void apply(PartitionDropper drop) throws IOException {
        long kept = visibleFrom;
        if (!options.retention().isZero()) {
            long cutoff = options.clock().instant().getEpochSecond() - options.retention().toSeconds();
            for (long id : list("partitions", 'p', true)) {
                if (PartitionId.endEpochSeconds(id) <= cutoff) {
                    drop.drop(id);
                    kept = Math.max(kept, PartitionId.endEpochSeconds(id));
                }
            }
        }
        if (options.maxDiskBytes() > 0) {
            List<Long> remaining = list("partitions", 'p', true);
            for (int i = 0; i < remaining.size() - 1 && diskBytes() > options.maxDiskBytes(); i++) {
                drop.drop(remaining.get(i));
                kept = Math.max(kept, PartitionId.endEpochSeconds(remaining.get(i)));
            }
        }
        if (kept > visibleFrom) {
            for (long id : list("rollups", 'r', false)) {
                if (PartitionId.endEpochSeconds(id) <= kept) {
                    drop.drop(id);
                }
            }
            persist(kept);
        }
    }

    /** Closes and deletes a partition. */
    @FunctionalInterface
    interface PartitionDropper {
        void drop(long id) throws IOException;
    }

    long diskBytes() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private void persist(long kept) throws IOException {
        Path temporary = dir.resolve(FILE + ".new");
        Files.writeString(temporary, Long.toString(kept), StandardCharsets.US_ASCII);
        Files.move(temporary, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        visibleFrom = kept;
    }

    /** Ids of the partitions in {@code sub}, oldest first. */
    private List<Long> list(String sub, char prefix, boolean time) throws IOException {
        List<Long> ids = new ArrayList<>();
        Path folder = dir.resolve(sub);
        if (!Files.isDirectory(folder)) {
            return ids;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            entries.map(p -> p.getFileName().toString())
                    .filter(name -> name.length() > 1 && name.charAt(0) == prefix && name.substring(1).chars().allMatch(Character::isDigit))
                    .map(name -> Long.parseLong(name.substring(1)))
                    .sorted(Comparator.naturalOrder())
                    .forEach(block -> ids.add(time ? PartitionId.time(block) : PartitionId.rollup(block)));
        }
        return ids;
    }
}
