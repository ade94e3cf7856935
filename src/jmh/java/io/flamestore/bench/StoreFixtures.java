package io.flamestore.bench;

import io.flamestore.ProfileFormatException;
import io.flamestore.Storage;
import io.flamestore.Tree;
import io.flamestore.internal.storage.StoreEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * What the storage benchmarks share: the real Kafka CPU profiles, small trees derived from one of
 * them, store directories under {@code target/storage-bench/} that are built once and reused, and
 * access to the {@link StoreEngine} behind a {@link Storage} for the naive baseline.
 */
final class StoreFixtures {
    /** 2024-01-01T00:00:00Z: where the benchmark stores' data starts (a multiple of 100 s, not of 1000 s). */
    static final long START = 1_704_067_200L;
    static final long HOUR = 3_600;
    static final long DAY = 86_400;
    /** The four CPU profiles of one Kafka broker, 359-487 stacks each, every count a multiple of 10 ms in ns. */
    static final String[] KAFKA = {"kafka_cpu_0", "kafka_cpu_1", "kafka_cpu_2", "kafka_cpu_3"};
    /** The Kafka profiles count nanoseconds of CPU at 100 Hz: one sample is 10 ms. */
    static final long NANOS_PER_SAMPLE = 10_000_000L;
    /** Root of the benchmark stores; override with {@code -Dflamestore.benchdir=...}. */
    static final String DIR_PROPERTY = "flamestore.benchdir";
    /** The file whose content records how a reusable store was built. */
    static final String MARKER = "BENCH-STORE";

    private StoreFixtures() {
    }

    /** {@code target/storage-bench/<name>} (absolute), or under {@code -Dflamestore.benchdir}. */
    static Path benchDir(String name) {
        return Paths.get(System.getProperty(DIR_PROPERTY, "target/storage-bench")).toAbsolutePath().normalize()
                .resolve(name);
    }

    /** The engine behind a storage (a private field), for baselines that read single stored nodes. */
    static StoreEngine engine(Storage storage) {
        try {
            Field field = Storage.class.getDeclaredField("engine");
            field.setAccessible(true);
            return (StoreEngine) field.get(storage);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach Storage.engine: " + e, e);
        }
    }

    /** The four Kafka profiles, parsed. */
    static Tree[] kafkaProfiles() throws ProfileFormatException {
        Tree[] trees = new Tree[KAFKA.length];
        for (int i = 0; i < trees.length; i++) {
            trees[i] = Tree.parseFolded(TestData.foldedText(KAFKA[i]));
        }
        return trees;
    }

    /** Stacks (lines) of each Kafka profile. */
    static int[] kafkaStacks() {
        int[] stacks = new int[KAFKA.length];
        for (int i = 0; i < stacks.length; i++) {
            stacks[i] = (int) TestData.foldedText(KAFKA[i]).lines().filter(l -> !l.isBlank()).count();
        }
        return stacks;
    }

    /**
     * {@code count} small trees cut from {@code kafka_cpu_3}: each holds 12 of its 80 heaviest stacks
     * (drawn with a seeded random generator), cut to their 8 outermost frames, each with its count
     * times 1 to 4. About 33 nodes per tree (8 to 57), 113 in all of them together.
     */
    static Tree[] smallTrees(int count, long seed) {
        record Stack(String frames, long count) {
        }
        List<Stack> stacks = new ArrayList<>();
        for (String line : TestData.foldedText("kafka_cpu_3").split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int space = trimmed.lastIndexOf(' ');
            String[] frames = trimmed.substring(0, space).split(";");
            String cut = String.join(";", Arrays.copyOf(frames, Math.min(8, frames.length)));
            stacks.add(new Stack(cut, Long.parseLong(trimmed.substring(space + 1))));
        }
        stacks.sort(Comparator.comparingLong(Stack::count).reversed());
        List<Stack> heaviest = stacks.subList(0, Math.min(80, stacks.size()));
        Random random = new Random(seed);
        Tree[] trees = new Tree[count];
        for (int t = 0; t < count; t++) {
            Tree tree = new Tree();
            for (int s = 0; s < 12; s++) {
                Stack stack = heaviest.get(random.nextInt(heaviest.size()));
                tree.insert(stack.frames(), stack.count() * (1 + random.nextInt(4)));
            }
            trees[t] = tree;
        }
        return trees;
    }

    /** Whether {@code dir} holds a store built with exactly {@code parameters} (see {@link #markBuilt}). */
    static boolean isBuilt(Path dir, String parameters) throws IOException {
        Path marker = dir.resolve(MARKER);
        return Files.isRegularFile(marker)
                && Files.readString(marker, StandardCharsets.UTF_8).lines().findFirst().orElse("").equals(parameters);
    }

    /** Records that {@code dir} holds a complete store built with {@code parameters}; more lines may follow. */
    static void markBuilt(Path dir, String parameters, String details) throws IOException {
        Files.writeString(dir.resolve(MARKER), parameters + "\n" + details, StandardCharsets.UTF_8);
    }

    /** Deletes {@code dir} and everything in it, if it exists. */
    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    /** Seconds since {@code startNanos}. */
    static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
