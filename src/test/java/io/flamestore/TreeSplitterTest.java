package io.flamestore;

import static io.flamestore.SegmentTreeNodeTest.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** {@link TreeSplitter} against a model that apportions each stack with exact big-integer arithmetic. */
class TreeSplitterTest {
    private static final String[] FRAMES = {"main", "run", "loop", "read", "write", "lock", "gc", "a", "b"};

    @Test
    void randomTreesSplitExactlyByLargestRemainder() {
        PropertyRunner.forAll("split", 3_000, random -> {
            Map<String, Long> stacks = randomStacks(random);
            long[] weights = randomWeights(random);
            checkSplit(treeOf(stacks), stacks, weights);
        });
    }

    @Test
    void valuesAndWeightsNearLongMaxDoNotOverflow() {
        Map<String, Long> stacks = new LinkedHashMap<>();
        stacks.put("main;a", Long.MAX_VALUE - 12);
        stacks.put("main;b", 5L);
        stacks.put("gc", 7L);
        long big = Long.MAX_VALUE / 3;
        checkSplit(treeOf(stacks), stacks, new long[] {big, 0, big - 1, big - 7});
        checkSplit(treeOf(stacks), stacks, new long[] {Long.MAX_VALUE});
        checkSplit(treeOf(stacks), stacks, new long[] {1, Long.MAX_VALUE - 1});
        checkSplit(treeOf(stacks), stacks, new long[] {3, 3, 3, 0, 1});
    }

    @Test
    void evenSplitHandsRemaindersToEarlierParts() {
        Tree tree = treeOf(Map.of("main;a", 7L, "main;b", 2L));
        Tree[] parts = TreeSplitter.split(tree, new long[] {10, 10, 0, 10});
        assertEquals(List.of(3L, 2L, 0L, 2L), Arrays.stream(parts).map(p -> p.self("main;a")).toList());
        assertEquals(List.of(1L, 1L, 0L, 0L), Arrays.stream(parts).map(p -> p.self("main;b")).toList());
        assertTrue(parts[2].isEmpty() && parts[2].nodeCount() == 0);
        assertEquals(2, parts[3].nodeCount(), "part 3 holds main;a only: " + parts[3].toFolded());
    }

    @Test
    void realProfileSplitAcrossSevenSlots() throws IOException {
        Tree tree;
        try (InputStream in = new GZIPInputStream(getClass().getResourceAsStream("/split/kafka_cpu_0.folded.gz"))) {
            tree = Tree.parseFolded(in);
        }
        // A 60 s profile starting 3 s into a slot: 7, 10, 10, 10, 10, 10, 3 seconds.
        long[] weights = SegmentTree.overlaps(1_700_000_003L, 1_700_000_063L).stream()
                .mapToLong(SegmentTree.Share::seconds).toArray();
        assertEquals(7, weights.length);
        Tree[] parts = TreeSplitter.split(tree, weights);
        Tree merged = new Tree();
        for (Tree part : parts) {
            merged.merge(part);
        }
        assertEquals(tree, merged);
    }

    @Test
    void misuseIsRejected() {
        Tree tree = treeOf(Map.of("main", 1L));
        assertRejected(() -> TreeSplitter.split(tree, new long[0]), "at least one weight must be positive");
        assertRejected(() -> TreeSplitter.split(tree, new long[] {0, 0}), "[0, 0]");
        assertRejected(() -> TreeSplitter.split(tree, new long[] {3, -2}), "weight 1 is negative: -2");
        assertRejected(() -> TreeSplitter.split(tree, new long[] {Long.MAX_VALUE, 1}), "add up to more than");
    }

    /** Splits and compares every part, stack by stack, with the model; then checks the stated bounds. */
    private static void checkSplit(Tree tree, Map<String, Long> stacks, long[] weights) {
        Tree[] parts = TreeSplitter.split(tree, weights);
        assertEquals(weights.length, parts.length);
        List<Map<String, Long>> model = model(stacks, weights);
        Tree merged = new Tree();
        BigInteger sum = BigInteger.ZERO;
        for (long w : weights) {
            sum = sum.add(BigInteger.valueOf(w));
        }
        for (int i = 0; i < parts.length; i++) {
            String what = "part " + i + " of " + Arrays.toString(weights) + " for " + stacks;
            assertEquals(treeOf(model.get(i)), parts[i], what); // same stacks and no empty nodes
            if (weights[i] == 0) {
                assertEquals(0, parts[i].nodeCount(), what);
            }
            // |part·W − total·w| <= stacks·W: off by less than one unit per stack.
            BigInteger error = BigInteger.valueOf(parts[i].total()).multiply(sum)
                    .subtract(BigInteger.valueOf(tree.total()).multiply(BigInteger.valueOf(weights[i]))).abs();
            assertTrue(error.compareTo(sum.multiply(BigInteger.valueOf(stacks.size()))) <= 0, what);
            merged.merge(parts[i]);
        }
        assertEquals(tree, merged);
    }

    /** Largest remainder per stack, the obvious way: exact fractions, then a sort of the remainders. */
    private static List<Map<String, Long>> model(Map<String, Long> stacks, long[] weights) {
        BigInteger sum = BigInteger.ZERO;
        for (long w : weights) {
            sum = sum.add(BigInteger.valueOf(w));
        }
        List<Map<String, Long>> parts = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            parts.add(new LinkedHashMap<>());
        }
        for (Map.Entry<String, Long> stack : stacks.entrySet()) {
            long v = stack.getValue();
            long[] share = new long[weights.length];
            BigInteger[] remainder = new BigInteger[weights.length];
            long left = v;
            for (int i = 0; i < weights.length; i++) {
                BigInteger[] qr = BigInteger.valueOf(v).multiply(BigInteger.valueOf(weights[i])).divideAndRemainder(sum);
                share[i] = qr[0].longValueExact();
                remainder[i] = qr[1];
                left -= share[i];
            }
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < weights.length; i++) {
                order.add(i);
            }
            order.sort((x, y) -> remainder[y].compareTo(remainder[x]) != 0
                    ? remainder[y].compareTo(remainder[x]) : Integer.compare(x, y));
            for (int k = 0; k < left; k++) {
                share[order.get(k)]++;
            }
            for (int i = 0; i < weights.length; i++) {
                if (share[i] > 0) {
                    parts.get(i).put(stack.getKey(), share[i]);
                }
            }
        }
        return parts;
    }

    private static Map<String, Long> randomStacks(SplittableRandom random) {
        Map<String, Long> stacks = new LinkedHashMap<>();
        int count = random.nextInt(1, 40);
        long budget = switch (random.nextInt(4)) {
            case 0 -> 20;
            case 1 -> 10_000;
            case 2 -> 1L << 40;
            default -> Long.MAX_VALUE;
        };
        long total = 0;
        for (int s = 0; s < count; s++) {
            StringBuilder stack = new StringBuilder(FRAMES[random.nextInt(3)]);
            for (int depth = random.nextInt(6); depth > 0; depth--) {
                stack.append(';').append(FRAMES[random.nextInt(FRAMES.length)]);
            }
            long value = random.nextLong(1, Math.max(2, (budget - total) / 2));
            if (total + value > budget || total + value < 0) {
                break;
            }
            total += value;
            stacks.merge(stack.toString(), value, Long::sum);
        }
        return stacks;
    }

    private static long[] randomWeights(SplittableRandom random) {
        long[] weights = new long[random.nextInt(1, 12)];
        long cap = random.nextInt(3) == 0 ? Long.MAX_VALUE / weights.length : random.nextInt(4) == 0 ? 1 : 11;
        for (int i = 0; i < weights.length; i++) {
            weights[i] = random.nextInt(4) == 0 ? 0 : random.nextLong(cap);
        }
        if (Arrays.stream(weights).allMatch(w -> w == 0)) {
            weights[random.nextInt(weights.length)] = 1 + random.nextLong(cap);
        }
        return weights;
    }

    private static Tree treeOf(Map<String, Long> stacks) {
        Tree tree = new Tree();
        stacks.forEach(tree::insert);
        return tree;
    }
}
