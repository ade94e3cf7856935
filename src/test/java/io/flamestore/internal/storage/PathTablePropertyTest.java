package io.flamestore.internal.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flamestore.CorruptDataException;
import io.flamestore.SymbolTrie;
import io.flamestore.Tree;
import io.flamestore.internal.encoding.ByteReader;
import io.flamestore.internal.encoding.ByteWriter;
import io.flamestore.internal.encoding.PathCounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trees stored as path counts come back exactly: alone, summed, carried into another partition's
 * tables, and after the path table is reopened from disk. The model is {@code Tree.merge}. Each test
 * prints its seed; rerun one with {@code -Dflamestore.seed=N}.
 */
class PathTablePropertyTest {
    private static final String[] FRAMES = {"main", "run", "handle", "order_car", "mutex_lock", "java/util/concurrent/Lock.lock",
        "io/netty/Channel.read", "epoll_wait", "malloc", "a;b", "ünïcode", "x"};
    private static final int CASES = 200;

    @TempDir
    Path dir;

    @Test
    void countsOfTreesSumAndComeBackAfterReopen() throws Exception {
        SplittableRandom master = new SplittableRandom(seed("path counts"));
        for (int c = 0; c < CASES; c++) {
            SplittableRandom random = master.split();
            Path partition = Files.createDirectory(dir.resolve("case-" + c));
            SymbolTrie symbols = new SymbolTrie();
            Tree merged = new Tree();
            List<PathCounts> parsed = new ArrayList<>();
            PathTable table = PathTable.open(partition, 0);
            for (int i = 1 + random.nextInt(6); i > 0; i--) {
                Tree tree = randomTree(random);
                merged.merge(tree);
                PathCounts counts = PathTrees.countsOf(tree, symbols, table);
                assertEquals(tree.total(), counts.total(), "total");
                byte[] encoded = counts.encode(random.nextBoolean());
                PathTable.View view = table.view();
                PathCounts back = PathCounts.parse(new ByteReader(encoded, 0, encoded.length, "test"), view.size());
                assertEquals(tree, PathTrees.tree(back, view, symbols), "case " + c + ": one tree");
                parsed.add(back);
            }
            PathCounts sum = PathCounts.sum(parsed);
            assertEquals(merged, PathTrees.tree(sum, table.view(), symbols), "case " + c + ": sum");
            table.persist(table.size());
            PathTable.View before = table.view();
            table.close();
            try (PathTable reopened = PathTable.open(partition, symbols.size())) {
                PathTable.View after = reopened.view();
                assertEquals(before.size(), after.size(), "paths after reopen");
                assertArrayEquals(Arrays.copyOf(before.parents(), before.size()), Arrays.copyOf(after.parents(), after.size()));
                assertArrayEquals(Arrays.copyOf(before.symbols(), before.size()), Arrays.copyOf(after.symbols(), after.size()));
                assertEquals(merged, PathTrees.tree(sum, after, symbols), "case " + c + ": sum after reopen");
                assertEquals(sum.total(), PathTrees.countsOf(merged, symbols, reopened).total());
                assertEquals(before.size(), reopened.size(), "the merged tree's stacks are all known");
            }
        }
    }

    @Test
    void countsCarriedIntoAnotherPartitionSumThere() throws Exception {
        SplittableRandom master = new SplittableRandom(seed("path counts across partitions"));
        for (int c = 0; c < CASES; c++) {
            SplittableRandom random = master.split();
            SymbolTrie fromSymbols = new SymbolTrie();
            SymbolTrie toSymbols = new SymbolTrie();
            try (PathTable from = PathTable.open(Files.createDirectory(dir.resolve("from-" + c)), 0);
                    PathTable to = PathTable.open(Files.createDirectory(dir.resolve("to-" + c)), 0)) {
                Tree already = randomTree(random); // so that ids differ between the tables
                PathCounts there = PathTrees.countsOf(already, toSymbols, to);
                Tree merged = already.copy();
                List<PathCounts> carried = new ArrayList<>();
                for (int i = 1 + random.nextInt(6); i > 0; i--) {
                    Tree tree = randomTree(random);
                    merged.merge(tree);
                    carried.add(PathTrees.countsOf(tree, fromSymbols, from));
                }
                int[] known = new int[from.size()];
                List<PathCounts> mapped = new ArrayList<>(PathTrees.translate(carried, from.view(), fromSymbols, to, toSymbols, known));
                // carried again with what the first call learned: the same counts, nothing added
                int paths = to.size();
                List<PathCounts> again = PathTrees.translate(carried, from.view(), fromSymbols, to, toSymbols, known);
                for (int i = 0; i < carried.size(); i++) {
                    assertArrayEquals(mapped.get(i).encode(false), again.get(i).encode(false), "case " + c + ": again");
                }
                assertEquals(paths, to.size(), "case " + c + ": paths added by a second translation");
                mapped.add(there);
                assertEquals(merged, PathTrees.tree(PathCounts.sum(mapped), to.view(), toSymbols), "case " + c);
            }
        }
    }

    /**
     * Threads map trees of overlapping shapes into one table at once (most lookups run without the
     * table's lock): each gets its own tree back, no stack is added twice, and the table reopens
     * the same.
     */
    @Test
    void threadsMappingAtOnceAgree() throws Exception {
        SplittableRandom master = new SplittableRandom(seed("path table threads"));
        for (int c = 0; c < 20; c++) {
            Path partition = Files.createDirectory(dir.resolve("threads-" + c));
            SymbolTrie symbols = new SymbolTrie();
            PathTable table = PathTable.open(partition, 0);
            int threads = 4;
            Tree[][] trees = new Tree[threads][40];
            for (Tree[] mine : trees) {
                for (int i = 0; i < mine.length; i++) {
                    mine[i] = randomTree(master.split());
                }
            }
            PathCounts[][] counts = new PathCounts[threads][40];
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Thread> running = new ArrayList<>();
            List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Thread worker = new Thread(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < trees[thread].length; i++) {
                            counts[thread][i] = PathTrees.countsOf(trees[thread][i], symbols, table);
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                });
                running.add(worker);
                worker.start();
            }
            for (Thread worker : running) {
                worker.join();
            }
            assertTrue(failures.isEmpty(), "case " + c + ": " + failures);
            PathTable.View view = table.view();
            Set<Long> pairs = new HashSet<>();
            for (int p = 1; p < view.size(); p++) {
                assertTrue(pairs.add((long) view.parents()[p] << 32 | view.symbols()[p]), "case " + c + ": path " + p + " repeated");
            }
            for (int t = 0; t < threads; t++) {
                for (int i = 0; i < trees[t].length; i++) {
                    assertEquals(trees[t][i], PathTrees.tree(counts[t][i], view, symbols), "case " + c + ", thread " + t + ", tree " + i);
                }
            }
            table.persist(table.size());
            table.close();
            try (PathTable reopened = PathTable.open(partition, symbols.size())) {
                assertEquals(view.size(), reopened.size(), "case " + c + ": paths after reopen");
            }
        }
    }

    @Test
    void corruptCountsNameTheProblemAndOffset() {
        assertCorrupt(counts(2, 3, 5, 1, 7), 4, "path id delta 1 exceeds limit 0"); // path 4 of a table of 4
        assertCorrupt(counts(2, 1, 5, 0, 7), 4, "path id delta of 0 after path 1");
        assertCorrupt(counts(1, 2, 0), 4, "self of 0");
        assertCorrupt(counts(2, 1, Long.MAX_VALUE, 1, 1), 4, "overflow");
        byte[] good = counts(1, 2, 9);
        good[good.length - 1] ^= 1;
        assertCorrupt(good, 4, "checksum mismatch");
        assertCorrupt(countsWithUnit(1, 0, 2, 9), 4, "unit of 0");
        assertCorrupt(countsWithUnit(2, 1L << 40, 1, 1L << 23, 1, 1), 4, "overflow");
    }

    @Test
    void versionOneCountsHaveNoUnit() throws Exception {
        byte[] old = counts(2, 1, 20_000_000, 2, 10_000_000);
        PathCounts read = PathCounts.parse(new ByteReader(old, 0, old.length, "test counts"), 4);
        assertEquals(30_000_000, read.total());
        assertEquals(10_000_000, read.self(1));
        byte[] now = read.encode(false);
        assertEquals(PathCounts.VERSION, now[4], "written as the current version");
        assertArrayEquals(countsWithUnit(2, 1, 1, 20_000_000, 2, 10_000_000), now, "with a unit of 1");
    }

    @Test
    void aCorruptPathRecordNamesTheFile() throws Exception {
        Path partition = Files.createDirectory(dir.resolve("corrupt"));
        RecordLog log = RecordLog.open(partition.resolve(PathTable.FILE), "FSPA", (payload, offset) -> { });
        log.append(new ByteWriter(8).writeVarLong(1).writeVarLong(0).writeVarLong(0).writeVarLong(0).writeVarLong(0).toByteArray());
        log.close();
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> PathTable.open(partition, 1));
        assertTrue(e.getMessage().contains(PathTable.FILE) && e.getMessage().contains("path (0, 0) repeated"), e.getMessage());
        CorruptDataException unknownSymbol = assertThrows(CorruptDataException.class, () -> PathTable.open(partition, 0));
        assertTrue(unknownSymbol.getMessage().contains("symbol id"), unknownSymbol.getMessage());
    }

    /** Raw version-1 counts: entry count, then (delta, self) pairs as given. */
    private static byte[] counts(long... body) {
        return rawCounts(1, body);
    }

    /** Raw version-2 counts: entry count, unit, then (delta, self / unit) pairs as given. */
    private static byte[] countsWithUnit(long... body) {
        return rawCounts(2, body);
    }

    private static byte[] rawCounts(int version, long... body) {
        ByteWriter out = new ByteWriter(64);
        out.writeBytes("FSPC".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, 4).writeByte(version).writeByte(0);
        for (long value : body) {
            out.writeVarLong(value);
        }
        return out.writeChecksum().toByteArray();
    }

    private static void assertCorrupt(byte[] encoded, int pathCount, String problem) {
        CorruptDataException e = assertThrows(CorruptDataException.class,
                () -> PathCounts.parse(new ByteReader(encoded, 0, encoded.length, "test counts"), pathCount));
        assertTrue(e.getMessage().contains(problem) && e.getMessage().contains("test counts"), e.getMessage());
    }

    /**
     * Mostly small trees; one in four with up to 400 stacks, which counts sort by counting passes.
     * Half have values in a common unit, as profiles in nanoseconds sampled every 10 ms do.
     */
    private static Tree randomTree(SplittableRandom random) {
        Tree tree = new Tree();
        long[] units = {1, 1, 2, 6, 10_000_000, 1L << 40};
        long unit = units[random.nextInt(units.length)];
        for (int i = random.nextInt(random.nextInt(4) == 0 ? 400 : 30); i > 0; i--) {
            List<String> frames = new ArrayList<>();
            for (int d = 1 + random.nextInt(8); d > 0; d--) {
                frames.add(FRAMES[random.nextInt(random.nextBoolean() ? 4 : FRAMES.length)]);
            }
            tree.insert(frames, unit * (1 + random.nextInt(unit == 1 && random.nextInt(10) == 0 ? Integer.MAX_VALUE : 1000)));
        }
        return tree;
    }

    private static long seed(String name) {
        String configured = System.getProperty("flamestore.seed");
        long seed = configured == null || configured.isBlank() ? new SplittableRandom().nextLong() : Long.parseLong(configured.trim());
        System.out.println(name + ": seed=" + seed + " (rerun with -Dflamestore.seed=" + seed + ")");
        return seed;
    }
}
