package io.flamestore;

import io.flamestore.internal.tree.NameTable;
import io.flamestore.internal.tree.NodeTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Per-function self and total over a tree; see {@link Tree#functions()}. */
final class FunctionTable {
    private FunctionTable() {
    }

    static List<FunctionStats> of(Tree tree) {
        NameTable names = tree.names;
        NodeTable nodes = tree.nodes;
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
            used[name] = true;
            self[name] += nodes.self(node);
            if (onPath[name]++ == 0) {
                total[name] += nodes.total(node);
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
