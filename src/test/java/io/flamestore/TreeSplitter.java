package io.flamestore;

import io.flamestore.internal.tree.Apportion;
import io.flamestore.internal.tree.NodeTable;
import java.util.Arrays;
import java.util.Objects;

/**
 * The model of how a put spanning several slots is split: a tree per part, each stack apportioned
 * by {@link Apportion}. The store splits the path counts of a put the same way
 * ({@code PathCounts.split}); tests compare the two.
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
        long sum = Apportion.checkWeights(weights);
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
                Apportion.apportion(v, weights, sum, quotient, remainder, scratch);
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
}
