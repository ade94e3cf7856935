package io.flamestore;

import io.flamestore.internal.tree.NameTable;
import io.flamestore.internal.tree.NodeTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntToLongFunction;

/** Per-function self and total over a tree; see {@link Tree#functions()}. */
final class FunctionTable {
    private FunctionTable() {
    }

    static List<FunctionStats> of(Tree tree) {
        return of(tree, tree.nodes::self, tree.nodes::total);
    }

    /**
     * The functions of the nodes of {@code structure} with the given values; nodes whose total is
     * zero (absent on this side of a {@link TreeDiff}) do not count.
     */
    static List<FunctionStats> of(Tree structure, IntToLongFunction nodeSelf, IntToLongFunction nodeTotal) {
        NameTable names = structure.names;
        NodeTable nodes = structure.nodes;
        long[] self = new long[names.size()];
        long[] total = new long[names.size()];
        boolean[] used = new boolean[names.size()];
        // How often each name occurs on the current path: a recursive frame adds its total only at
        // its outermost occurrence, or its samples would be counted once per level of recursion.
        int[] onPath = new int[names.size()];
        int[] path = new int[nodes.size()];
        int[] pathLength = {0};
        nodes.childIndex(new int[names.size()]).preorder((node, depth) -> {
            while (pathLength[0] > depth) {
                onPath[path[--pathLength[0]]]--;
            }
            int name = nodes.name(node);
            used[name] |= nodeTotal.applyAsLong(node) > 0;
            self[name] += nodeSelf.applyAsLong(node);
            if (onPath[name]++ == 0) {
                total[name] += nodeTotal.applyAsLong(node);
            }
            path[pathLength[0]++] = name;
        });
        List<FunctionStats> stats = new ArrayList<>();
        for (int name = 0; name < names.size(); name++) {
            if (used[name]) {
                stats.add(new FunctionStats(names.name(name), self[name], total[name]));
            }
        }
        stats.sort(Comparator.comparingLong(FunctionStats::self).reversed()
                .thenComparing(Comparator.comparingLong(FunctionStats::total).reversed())
                .thenComparing(FunctionStats::name));
        return stats;
    }
}
