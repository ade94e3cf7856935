package io.flamestore;

import io.flamestore.internal.tree.NodeTable;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

/**
 * Splits a profile into parts in proportion to weights (the seconds a profile overlaps each slot),
 * without losing or inventing a single sample: for every stack, the parts' self values add up to the
 * original's exactly.
 *
 * <p>Each stack's value {@code v} is apportioned by largest remainder: part {@code i} first gets
 * {@code floor(v·w_i/W)}, and the few units left over go one each to the parts with the largest
 * fractional remainders {@code (v·w_i) mod W}, ties to the earlier part. The result is a pure function
 * of the tree and the weights. A part whose weight is 0 has a zero remainder and so gets nothing.
 *
 * <p>Works on the tree's node arrays, not on strings: O(nodes × parts) plus a sort of the parts for
 * stacks that leave a remainder.
 */
final class TreeSplitter {
    private TreeSplitter() {
    }

    /**
     * One tree per weight whose merge equals {@code tree}.
     *
     * @param weights non-negative, at least one positive, with a sum that fits in a {@code long}
     */
    static Tree[] split(Tree tree, long[] weights) {
        Objects.requireNonNull(tree, "tree");
        long sum = checkWeights(weights);
        int parts = weights.length;
        NodeTable source = tree.nodes;
        int size = source.size();

        // selfs[i][n]: self of original node n given to part i. Each node's apportioning needs all
        // parts at once, so this pass goes node by node; the trees are then built part by part.
        long[][] selfs = new long[parts][size];
        long[] quotient = new long[parts];
        long[] remainder = new long[parts];
        long[] scratch = new long[parts];
        for (int n = 1; n < size; n++) {
            long v = source.self(n);
            if (v > 0) {
                apportion(v, weights, sum, quotient, remainder, scratch);
                for (int i = 0; i < parts; i++) {
                    selfs[i][n] = quotient[i];
                }
            }
        }
        Tree[] result = new Tree[parts];
        long[] totals = new long[size];
        for (int i = 0; i < parts; i++) {
            result[i] = build(tree, selfs[i], totals);
            selfs[i] = null; // let it go before the next part is built
        }
        return result;
    }

    /**
     * Sets {@code quotient[i]} to part i's share of {@code v}. Uses {@code remainder} and
     * {@code scratch} as work space.
     */
    static void apportion(long v, long[] weights, long sum, long[] quotient, long[] remainder, long[] scratch) {
        // v = a·W + b, so v·w/W = a·w + b·w/W: a·w <= v never overflows, and b·w < W·w is small
        // unless the weights are huge, in which case the 128-bit product is divided exactly.
        long a = v / sum;
        long b = v % sum;
        long left = v;
        for (int i = 0; i < weights.length; i++) {
            long w = weights[i];
            long low = b * w;
            long extra;
            if (Math.multiplyHigh(b, w) == 0 && low >= 0) {
                extra = low / sum;
                remainder[i] = low % sum;
            } else {
                BigInteger[] qr = BigInteger.valueOf(b).multiply(BigInteger.valueOf(w))
                        .divideAndRemainder(BigInteger.valueOf(sum));
                extra = qr[0].longValueExact(); // < w
                remainder[i] = qr[1].longValueExact(); // < sum
            }
            quotient[i] = a * w + extra;
            left -= quotient[i];
        }
        if (left == 0) {
            return;
        }
        // Hand the `left` units (fewer than the number of parts) to the largest remainders. The
        // `left`-th largest remainder is the threshold: every part above it gets a unit, and parts
        // equal to it get the rest in index order. The remainders sum to left·W with each below W,
        // so more than `left` of them are positive and zero-weight parts never qualify.
        int parts = weights.length;
        System.arraycopy(remainder, 0, scratch, 0, parts);
        Arrays.sort(scratch, 0, parts);
        long threshold = scratch[parts - (int) left];
        for (int i = 0; i < parts; i++) {
            if (remainder[i] > threshold) {
                quotient[i]++;
                left--;
            }
        }
        for (int i = 0; i < parts && left > 0; i++) {
            if (remainder[i] == threshold) {
                quotient[i]++;
                left--;
            }
        }
    }

    /** A tree holding the nodes of {@code original} with the given selfs, skipping empty subtrees. */
    private static Tree build(Tree original, long[] selfs, long[] totals) {
        NodeTable source = original.nodes;
        int size = source.size();
        // parent(n) < n, so one backward pass accumulates subtree totals.
        System.arraycopy(selfs, 0, totals, 0, size);
        totals[NodeTable.ROOT] = 0;
        for (int n = size - 1; n > 0; n--) {
            totals[source.parent(n)] += totals[n];
        }
        Tree part = new Tree();
        int[] nodeMap = new int[size];
        int[] nameMap = new int[original.names.size()];
        Arrays.fill(nameMap, -1);
        for (int n = 1; n < size; n++) {
            if (totals[n] == 0) {
                continue; // nothing of this subtree went to this part; its parent may still exist
            }
            int name = source.name(n);
            if (nameMap[name] < 0) {
                nameMap[name] = part.names.intern(original.names.name(name));
            }
            int mine = part.nodes.childOrAdd(nodeMap[source.parent(n)], nameMap[name]);
            nodeMap[n] = mine;
            part.nodes.addSelf(mine, selfs[n]);
            part.nodes.addTotal(mine, totals[n]);
        }
        part.nodes.addTotal(NodeTable.ROOT, totals[NodeTable.ROOT]);
        return part;
    }

    private static long checkWeights(long[] weights) {
        Objects.requireNonNull(weights, "weights");
        long sum = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] < 0) {
                throw new IllegalArgumentException("weight " + i + " is negative: " + weights[i]);
            }
            try {
                sum = Math.addExact(sum, weights[i]);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("weights add up to more than " + Long.MAX_VALUE
                        + ": " + Arrays.toString(weights), e);
            }
        }
        if (sum == 0) {
            throw new IllegalArgumentException("at least one weight must be positive, got " + Arrays.toString(weights));
        }
        return sum;
    }
}
