package io.flamestore.internal.encoding;

import java.util.Arrays;
import java.util.List;

/**
 * Sums encoded trees of one symbol table into the encoding of their sum, without building a tree:
 * nodes are matched by symbol id, never by name, and the children of every merged node are sorted
 * by symbol id, so the sum comes out canonical, exactly as encoding the merged {@code Tree} would
 * write it, whatever the order of the inputs' siblings (trees whose ids were mapped from another
 * symbol table, see {@link PreorderNodes#remapSymbols}, have them out of order).
 *
 * <p>Works top-down in pre-order. A merged node is a group of input nodes with the same path; its
 * children are the groups formed by sorting all their children by symbol. Groups still to write
 * wait on a stack, so recursion depth does not follow stack depth.
 */
public final class EncodedTreeMerge {
    private final PreorderNodes[] trees;
    private final int[][] subtreeSizes;
    /** Input nodes as (tree, node) pairs, laid out group after group. */
    private final int[] entryTree;
    private final int[] entryNode;
    private int entries;
    /** Groups waiting to be written: their entries and the symbol of the sibling written before. */
    private final int[] groupFrom;
    private final int[] groupTo;
    private final int[] groupPrevious;
    private int groups;
    /** Children of the group being expanded, keyed by symbol then position, and where they came from. */
    private long[] childKeys = new long[16];
    private int[] childTree = new int[16];
    private int[] childNode = new int[16];
    /** Whether every input's siblings ascend by symbol, as parsed, so that children merge without a sort. */
    private final boolean sorted;
    /** Merging sorted inputs: per input node of the group, its next child, their number left and its symbol. */
    private final int[] cursorTree;
    private final int[] cursorNode;
    private final int[] cursorLeft;
    private final int[] cursorSymbol;

    private EncodedTreeMerge(List<PreorderNodes> trees) {
        this.trees = trees.toArray(new PreorderNodes[0]);
        this.subtreeSizes = new int[trees.size()][];
        int total = 0;
        boolean allSorted = true;
        for (int t = 0; t < trees.size(); t++) {
            allSorted &= trees.get(t).siblingsSorted;
            subtreeSizes[t] = trees.get(t).subtreeSizes();
            total += trees.get(t).count;
        }
        entryTree = new int[total];
        entryNode = new int[total];
        groupFrom = new int[total];
        groupTo = new int[total];
        groupPrevious = new int[total];
        sorted = allSorted;
        // A group holds at most one node per input (they all have the same path).
        cursorTree = new int[trees.size()];
        cursorNode = new int[trees.size()];
        cursorLeft = new int[trees.size()];
        cursorSymbol = new int[trees.size()];
    }

    /** The encoding of the sum of {@code trees}, deflated where that is smaller. */
    public static byte[] merge(List<PreorderNodes> trees) {
        return merge(trees, true);
    }

    /** The encoding of the sum of {@code trees}, deflated ({@code compress}) where that is smaller, or raw. */
    public static byte[] merge(List<PreorderNodes> trees, boolean compress) {
        return new EncodedTreeMerge(trees).write(compress);
    }

    private byte[] write(boolean compress) {
        ByteWriter nodes = new ByteWriter(1024);
        int rootChildren = expand(-1, -1);
        int written = 0;
        while (groups > 0) {
            int g = --groups;
            int from = groupFrom[g];
            int to = groupTo[g];
            int previous = groupPrevious[g];
            int symbol = trees[entryTree[from]].symbol[entryNode[from]];
            long self = 0;
            for (int e = from; e < to; e++) {
                self = Math.addExact(self, trees[entryTree[e]].self[entryNode[e]]);
            }
            int children = expand(from, to);
            nodes.writeVarLong((long) symbol - previous).writeVarLong(children * 2L + (self > 0 ? 1 : 0));
            if (self > 0) {
                nodes.writeVarLong(self);
            }
            written++;
        }
        ByteWriter body = new ByteWriter(nodes.length() + 10);
        body.writeVarLong(written).writeVarLong(rootChildren);
        byte[] nodeBytes = nodes.toByteArray();
        body.writeBytes(nodeBytes, 0, nodeBytes.length);
        return TreeCodec.seal(body, compress);
    }

    /**
     * Pushes the child groups of the group of entries {@code [from, to)} (of the roots when
     * {@code from} is -1), first child on top; returns their number.
     */
    private int expand(int from, int to) {
        return sorted ? expandSorted(from, to) : expandUnsorted(from, to);
    }

    /**
     * {@link #expand} for inputs whose siblings ascend by symbol: each node of the group has its
     * children as a sorted run, and the runs merge by repeatedly taking the smallest head symbol.
     */
    private int expandSorted(int from, int to) {
        int runs = 0;
        if (from < 0) {
            for (int t = 0; t < trees.length; t++) {
                runs = addRun(runs, t, 0, trees[t].rootChildren);
            }
        } else {
            for (int e = from; e < to; e++) {
                int t = entryTree[e];
                runs = addRun(runs, t, entryNode[e] + 1, trees[t].childCount[entryNode[e]]);
            }
        }
        int first = groups;
        int previous = -1;
        while (runs > 0) {
            int symbol = Integer.MAX_VALUE;
            for (int i = 0; i < runs; i++) {
                symbol = Math.min(symbol, cursorSymbol[i]);
            }
            groupFrom[groups] = entries;
            for (int i = 0; i < runs; i++) {
                if (cursorSymbol[i] != symbol) {
                    continue;
                }
                int t = cursorTree[i];
                int node = cursorNode[i];
                entryTree[entries] = t;
                entryNode[entries++] = node;
                if (--cursorLeft[i] > 0) {
                    node += subtreeSizes[t][node];
                    cursorNode[i] = node;
                    cursorSymbol[i] = trees[t].symbol[node];
                } else { // run ended: the last run takes its place and is looked at next
                    runs--;
                    cursorTree[i] = cursorTree[runs];
                    cursorNode[i] = cursorNode[runs];
                    cursorLeft[i] = cursorLeft[runs];
                    cursorSymbol[i] = cursorSymbol[runs];
                    i--;
                }
            }
            groupTo[groups] = entries;
            groupPrevious[groups++] = previous;
            previous = symbol;
        }
        // Written in ascending order; the stack pops the last pushed first.
        for (int i = first, j = groups - 1; i < j; i++, j--) {
            swap(groupFrom, i, j);
            swap(groupTo, i, j);
            swap(groupPrevious, i, j);
        }
        return groups - first;
    }

    private int addRun(int runs, int t, int firstChild, int count) {
        if (count == 0) {
            return runs;
        }
        cursorTree[runs] = t;
        cursorNode[runs] = firstChild;
        cursorLeft[runs] = count;
        cursorSymbol[runs] = trees[t].symbol[firstChild];
        return runs + 1;
    }

    private static void swap(int[] a, int i, int j) {
        int x = a[i];
        a[i] = a[j];
        a[j] = x;
    }

    /** {@link #expand} for inputs in any sibling order: all children of the group sorted by symbol. */
    private int expandUnsorted(int from, int to) {
        int found = 0;
        if (from < 0) {
            for (int t = 0; t < trees.length; t++) {
                found = addChildren(found, t, 0, trees[t].rootChildren);
            }
        } else {
            for (int e = from; e < to; e++) {
                int t = entryTree[e];
                int node = entryNode[e];
                found = addChildren(found, t, node + 1, trees[t].childCount[node]);
            }
        }
        if (found == 0) {
            return 0;
        }
        Arrays.sort(childKeys, 0, found);
        int start = entries;
        for (int i = 0; i < found; i++) {
            int c = (int) childKeys[i];
            entryTree[entries] = childTree[c];
            entryNode[entries++] = childNode[c];
        }
        // Groups of equal symbols, pushed last first so that the first is written next.
        int count = 0;
        int end = entries;
        for (int i = found - 1; i >= 0; i--) {
            int symbol = (int) (childKeys[i] >>> 32);
            if (i == 0 || (int) (childKeys[i - 1] >>> 32) != symbol) {
                groupFrom[groups] = start + i;
                groupTo[groups] = end;
                groupPrevious[groups] = i == 0 ? -1 : (int) (childKeys[i - 1] >>> 32);
                groups++;
                count++;
                end = start + i;
            }
        }
        return count;
    }

    /** Adds {@code count} siblings of tree {@code t} starting at pre-order index {@code first}. */
    private int addChildren(int found, int t, int first, int count) {
        PreorderNodes tree = trees[t];
        int[] sizes = subtreeSizes[t];
        if (found + count > childKeys.length) {
            int capacity = Math.max(childKeys.length * 2, found + count);
            childKeys = Arrays.copyOf(childKeys, capacity);
            childTree = Arrays.copyOf(childTree, capacity);
            childNode = Arrays.copyOf(childNode, capacity);
        }
        for (int i = 0, child = first; i < count; i++, child += sizes[child]) {
            childKeys[found] = (long) tree.symbol[child] << 32 | found;
            childTree[found] = t;
            childNode[found++] = child;
        }
        return found;
    }
}
