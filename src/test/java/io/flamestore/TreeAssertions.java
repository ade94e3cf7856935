package io.flamestore;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/** Tree comparisons that say which stacks differ, and loading of the shared folded test profiles. */
final class TreeAssertions {
    private TreeAssertions() {
    }

    /** Self value per stack ({@code ;}-joined), for stacks with a positive self. */
    static Map<String, Long> stacks(Tree tree) {
        Map<String, Long> out = new TreeMap<>();
        tree.forEachStack((frames, self) -> out.put(String.join(";", frames), self));
        return out;
    }

    /** Fails naming the first few stacks whose self values differ. */
    static void assertTreeEquals(Tree expected, Tree actual, String context) {
        if (expected.equals(actual)) {
            return;
        }
        fail(context + ": trees differ (expected " + expected + ", got " + actual + "): "
                + differences(stacks(expected), stacks(actual), 5));
    }

    /**
     * Fails unless, stack by stack, {@code lower <= actual <= upper}: what a query must return when
     * some profiles lie partly in its range (their share is at least nothing and at most all).
     */
    static void assertTreeBetween(Tree lower, Tree upper, Tree actual, String context) {
        Map<String, Long> low = stacks(lower);
        Map<String, Long> high = stacks(upper);
        Map<String, Long> got = stacks(actual);
        List<String> problems = new ArrayList<>();
        got.forEach((stack, self) -> {
            if (self > high.getOrDefault(stack, 0L)) {
                problems.add(abbreviate(stack) + "=" + self + " > upper bound " + high.getOrDefault(stack, 0L));
            }
        });
        low.forEach((stack, self) -> {
            if (got.getOrDefault(stack, 0L) < self) {
                problems.add(abbreviate(stack) + "=" + got.getOrDefault(stack, 0L) + " < lower bound " + self);
            }
        });
        if (!problems.isEmpty()) {
            fail(context + ": tree outside its bounds: " + problems.subList(0, Math.min(8, problems.size())));
        }
    }

    private static String differences(Map<String, Long> expected, Map<String, Long> actual, int max) {
        List<String> out = new ArrayList<>();
        Map<String, Long> all = new TreeMap<>(expected);
        actual.forEach(all::putIfAbsent);
        for (String stack : all.keySet()) {
            long e = expected.getOrDefault(stack, 0L);
            long a = actual.getOrDefault(stack, 0L);
            if (e != a) {
                out.add(abbreviate(stack) + ": expected " + e + ", got " + a);
                if (out.size() == max) {
                    break;
                }
            }
        }
        return out.toString();
    }

    /** A long stack as its last frames, so that failure messages stay readable. */
    private static String abbreviate(String stack) {
        if (stack.length() <= 100) {
            return stack;
        }
        int cut = stack.indexOf(';', stack.length() - 100);
        return "...;" + stack.substring(cut < 0 ? stack.length() - 100 : cut + 1);
    }

    /** The shared test data directory's {@code folded} folder, or null when it is missing. */
    static Path foldedDir() {
        Path dir = Path.of(System.getProperty("flamestore.testdata", "../shared/testdata"), "folded");
        return Files.isDirectory(dir) ? dir : null;
    }

    /** Parses a gzipped collapsed-stack file strictly. */
    static Tree loadFolded(Path gz) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            return Tree.parseFolded(in);
        }
    }

    /** A new tree holding the samples of all of {@code trees}. */
    static Tree merge(Iterable<Tree> trees) {
        Tree sum = new Tree();
        for (Tree t : trees) {
            sum.merge(t);
        }
        return sum;
    }

    /** Every stack of {@code tree} with its self value multiplied by {@code factor}. */
    static Tree times(Tree tree, long factor) {
        Tree out = new Tree();
        tree.forEachStack((frames, self) -> out.insert(frames, self * factor));
        return out;
    }
}
