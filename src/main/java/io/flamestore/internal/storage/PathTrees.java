package io.flamestore.internal.storage;

import io.flamestore.SymbolTrie;
import io.flamestore.Tree;
import io.flamestore.internal.encoding.PathCounts;
import io.flamestore.internal.tree.LongIntHashMap;
import io.flamestore.internal.tree.NameTable;
import io.flamestore.internal.tree.NodeTable;
import io.flamestore.internal.tree.TreeTables;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntUnaryOperator;

/** Conversions between trees and {@link PathCounts} of a partition's {@link PathTable}. */
final class PathTrees {
    private PathTrees() {
    }

    /**
     * Work space of the mapping in each thread that puts: a put would otherwise allocate (and the
     * processor first touch) about 30 KB per 2,000-node tree. Trees larger than {@link #KEPT} nodes
     * or names get arrays of their own, so that one huge put does not pin them.
     */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);
    private static final int KEPT = 1 << 16;

    /** The counts of a tree, adding the names and paths it needs to the partition's tables. */
    static PathCounts countsOf(Tree tree, SymbolTrie symbols, PathTable paths) {
        NameTable names = TreeTables.names(tree);
        NodeTable nodes = TreeTables.nodes(tree);
        Scratch scratch = names.size() <= KEPT && nodes.size() <= KEPT ? SCRATCH.get() : new Scratch();
        scratch.fit(names.size(), nodes.size());
        int[] pathOfNode = paths.pathsOf(names, nodes, symbols, scratch.symbolOfName, scratch.nextStamp(), scratch.paths);
        return PathCounts.of(pathOfNode, nodes, scratch.keyed, scratch.spare);
    }

    private static final class Scratch {
        long[] symbolOfName = new long[0];
        /** Tells this tree's entries of {@code symbolOfName} from earlier trees'; never 0. */
        int stamp;
        int[] paths = new int[0];
        long[] keyed = new long[0];
        long[] spare = new long[0];

        void fit(int names, int nodes) {
            if (symbolOfName.length < names) {
                symbolOfName = new long[names];
                stamp = 0;
            }
            if (paths.length < nodes) {
                paths = new int[nodes];
                keyed = new long[nodes];
                spare = new long[nodes];
            }
        }

        int nextStamp() {
            if (++stamp == 0) { // wrapped after 2^32 trees: entries of old trees could match again
                Arrays.fill(symbolOfName, 0);
                stamp = 1;
            }
            return stamp;
        }
    }

    /**
     * The tree of counts whose paths are all in {@code paths}: each path's missing ancestors are
     * added root first, so a node always follows its parent and totals sum in one backward pass.
     */
    static Tree tree(PathCounts counts, PathTable.View paths, SymbolTrie symbols) {
        NameTable names = new NameTable();
        NodeTable nodes = new NodeTable(counts.size() * 4);
        LongIntHashMap nodeOfPath = new LongIntHashMap(counts.size() * 4);
        LongIntHashMap nameOfSymbol = new LongIntHashMap(Math.min(counts.size() * 4, 4096));
        Climb climb = new Climb();
        IntUnaryOperator known = nodeOfPath::get;
        for (int i = 0; i < counts.size(); i++) {
            int node = climb.from(counts.path(i), paths.parents(), known, NodeTable.ROOT);
            while (climb.hasNext()) {
                int p = climb.next();
                int name = remembered(nameOfSymbol, paths.symbols()[p], symbol -> names.intern(symbols.name(symbol)));
                node = nodes.appendChild(node, name); // a path's frames are distinct among its siblings
                nodeOfPath.put(p, node);
            }
            nodes.addSelf(node, counts.self(i));
        }
        for (int n = nodes.size() - 1; n >= 0; n--) { // no overflow: every total is at most counts.total()
            nodes.addTotal(n, nodes.self(n));
            if (n > 0) {
                nodes.addTotal(nodes.parent(n), nodes.total(n));
            }
        }
        return TreeTables.wrap(names, nodes);
    }

    /**
     * Counts of one partition ({@code from}, named by {@code fromSymbols}) carried into another's
     * tables, adding the names and paths they lack there. {@code known[p]} is one more than the
     * target id of source path {@code p}, or 0 where not yet known; it is filled in as paths are
     * carried, so that a caller who keeps it between calls looks each path up once.
     */
    static List<PathCounts> translate(List<PathCounts> parts, PathTable.View from, SymbolTrie fromSymbols,
            PathTable to, SymbolTrie toSymbols, int[] known) {
        LongIntHashMap symbolMap = new LongIntHashMap(1024);
        Climb climb = new Climb();
        IntUnaryOperator carried = p -> known[p] - 1;
        List<PathCounts> mapped = new ArrayList<>(parts.size());
        for (PathCounts part : parts) {
            mapped.add(part.mapPaths(path -> {
                int target = climb.from(path, from.parents(), carried, 0);
                while (climb.hasNext()) {
                    int p = climb.next();
                    int toSymbol = remembered(symbolMap, from.symbols()[p], symbol -> toSymbols.intern(fromSymbols.name(symbol)));
                    target = to.pathOf(target, toSymbol);
                    known[p] = target + 1;
                }
                return target;
            }));
        }
        return mapped;
    }

    /** {@code memo}'s value for {@code key}, computed and remembered at its first use. */
    private static int remembered(LongIntHashMap memo, int key, IntUnaryOperator compute) {
        int value = memo.get(key);
        if (value == LongIntHashMap.MISSING) {
            value = compute.applyAsInt(key);
            memo.put(key, value);
        }
        return value;
    }

    /** A path's ancestors up to the nearest one already known, handed out root first. */
    private static final class Climb {
        private int[] missing = new int[16];
        private int depth;

        /**
         * Collects {@code path} and its ancestors below the nearest known one ({@code known} gives
         * a path's value, or {@code MISSING}; the empty path 0 is known as {@code rootValue}) and
         * returns that one's value.
         */
        int from(int path, int[] parents, IntUnaryOperator known, int rootValue) {
            depth = 0;
            for (int p = path; p != 0; p = parents[p]) {
                int value = known.applyAsInt(p);
                if (value != LongIntHashMap.MISSING) {
                    return value;
                }
                if (depth == missing.length) {
                    missing = Arrays.copyOf(missing, depth * 2);
                }
                missing[depth++] = p;
            }
            return rootValue;
        }

        boolean hasNext() {
            return depth > 0;
        }

        int next() {
            return missing[--depth];
        }
    }
}
