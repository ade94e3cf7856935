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
 *
 * <p>The inputs' nodes are copied into one set of arrays, input after input, so that an input node
 * is one index and the hot loops follow no references: an aggregate of ten 10 s slots merges
 * tens of thousands of nodes.
 */
public final class EncodedTreeMerge {
    private final int[] symbol;
    private final long[] self;
    private final int[] childCount;
    /** Number of nodes in each node's subtree, itself included: the next sibling is that far on. */
    private final int[] subtreeSize;
    /** Where each input's root children start, and how many there are. */
    private final int[] rootStart;
    private final int[] rootChildren;
    /** Input nodes laid out group after group. */
    private final int[] entry;
    private int entries;
    /** Groups waiting to be written: their entries and the symbol of the sibling written before. */
    private final int[] groupFrom;
    private final int[] groupTo;
    private final int[] groupPrevious;
    private int groups;
    /** Whether every input's siblings ascend by symbol, as parsed, so that children merge without a sort. */
    private final boolean sorted;
    /** Merging sorted inputs: per input node of the group, its next child, their number left and its symbol. */
    private final int[] cursorNode;
    private final int[] cursorLeft;
    private final int[] cursorSymbol;
    /** The children lists of the group being expanded: where each starts, how many children. */
    private final int[] listStart;
    private final int[] listCount;
    /** Merging unsorted inputs: children of the group being expanded, keyed by symbol then node. */
    private long[] childKeys = new long[16];

    private EncodedTreeMerge(List<PreorderNodes> trees) {
        int total = 0;
        boolean allSorted = true;
        for (PreorderNodes tree : trees) {
            allSorted &= tree.siblingsSorted;
            total += tree.count;
        }
        sorted = allSorted;
        symbol = new int[total];
        self = new long[total];
        childCount = new int[total];
        subtreeSize = new int[total];
        rootStart = new int[trees.size()];
        rootChildren = new int[trees.size()];
        int at = 0;
        for (int t = 0; t < trees.size(); t++) {
            PreorderNodes tree = trees.get(t);
            System.arraycopy(tree.symbol, 0, symbol, at, tree.count);
            System.arraycopy(tree.self, 0, self, at, tree.count);
            System.arraycopy(tree.childCount, 0, childCount, at, tree.count);
            for (int n = tree.count - 1; n >= 0; n--) { // children follow their parent
                subtreeSize[at + n]++;
                if (tree.parent[n] >= 0) {
                    subtreeSize[at + tree.parent[n]] += subtreeSize[at + n];
                }
            }
            rootStart[t] = at;
            rootChildren[t] = tree.rootChildren;
            at += tree.count;
        }
        entry = new int[total];
        groupFrom = new int[total];
        groupTo = new int[total];
        groupPrevious = new int[total];
        // A group holds at most one node per input (they all have the same path).
        cursorNode = new int[trees.size()];
        cursorLeft = new int[trees.size()];
        cursorSymbol = new int[trees.size()];
        listStart = new int[trees.size()];
        listCount = new int[trees.size()];
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
        int rootChildCount = expand(-1, -1);
        int written = 0;
        while (groups > 0) {
            int g = --groups; // read before expanding: the children's groups take its place
            int from = groupFrom[g];
            int to = groupTo[g];
            long delta = (long) symbol[entry[from]] - groupPrevious[g];
            long sum = 0;
            for (int e = from; e < to; e++) {
                sum = Math.addExact(sum, self[entry[e]]);
            }
            int children = expand(from, to);
            nodes.writeVarLong(delta).writeVarLong(children * 2L + (sum > 0 ? 1 : 0));
            if (sum > 0) {
                nodes.writeVarLong(sum);
            }
            written++;
        }
        ByteWriter body = new ByteWriter(nodes.length() + 10);
        body.writeVarLong(written).writeVarLong(rootChildCount);
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
        for (int i = 0, lists = childLists(from, to); i < lists; i++) {
            runs = addRun(runs, listStart[i], listCount[i]);
        }
        int first = groups;
        int previous = -1;
        while (runs > 0) {
            int smallest = Integer.MAX_VALUE;
            for (int i = 0; i < runs; i++) {
                smallest = Math.min(smallest, cursorSymbol[i]);
            }
            groupFrom[groups] = entries;
            for (int i = 0; i < runs; i++) {
                if (cursorSymbol[i] != smallest) {
                    continue;
                }
                int node = cursorNode[i];
                entry[entries++] = node;
                if (--cursorLeft[i] > 0) {
                    node += subtreeSize[node];
                    cursorNode[i] = node;
                    cursorSymbol[i] = symbol[node];
                } else { // run ended: the last run takes its place and is looked at next
                    runs--;
                    cursorNode[i] = cursorNode[runs];
                    cursorLeft[i] = cursorLeft[runs];
                    cursorSymbol[i] = cursorSymbol[runs];
                    i--;
                }
            }
            groupTo[groups] = entries;
            groupPrevious[groups++] = previous;
            previous = smallest;
        }
        // Written in ascending order; the stack pops the last pushed first.
        for (int i = first, j = groups - 1; i < j; i++, j--) {
            swap(groupFrom, i, j);
            swap(groupTo, i, j);
            swap(groupPrevious, i, j);
        }
        return groups - first;
    }

    /**
     * Lists where the children of each node of the group {@code [from, to)} (of each input's root
     * when {@code from} is -1) start and how many there are; returns the number of lists.
     */
    private int childLists(int from, int to) {
        int lists = 0;
        if (from < 0) {
            for (int t = 0; t < rootStart.length; t++) {
                listStart[lists] = rootStart[t];
                listCount[lists++] = rootChildren[t];
            }
        } else {
            for (int e = from; e < to; e++) {
                listStart[lists] = entry[e] + 1;
                listCount[lists++] = childCount[entry[e]];
            }
        }
        return lists;
    }

    private int addRun(int runs, int firstChild, int count) {
        if (count == 0) {
            return runs;
        }
        cursorNode[runs] = firstChild;
        cursorLeft[runs] = count;
        cursorSymbol[runs] = symbol[firstChild];
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
        for (int i = 0, lists = childLists(from, to); i < lists; i++) {
            found = addChildren(found, listStart[i], listCount[i]);
        }
        if (found == 0) {
            return 0;
        }
        Arrays.sort(childKeys, 0, found);
        int start = entries;
        for (int i = 0; i < found; i++) {
            entry[entries++] = (int) childKeys[i];
        }
        // Groups of equal symbols, pushed last first so that the first is written next.
        int count = 0;
        int end = entries;
        for (int i = found - 1; i >= 0; i--) {
            int s = (int) (childKeys[i] >>> 32);
            if (i == 0 || (int) (childKeys[i - 1] >>> 32) != s) {
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

    /** Adds {@code count} siblings starting at node {@code first}, keyed by symbol and node. */
    private int addChildren(int found, int first, int count) {
        if (found + count > childKeys.length) {
            childKeys = Arrays.copyOf(childKeys, Math.max(childKeys.length * 2, found + count));
        }
        for (int i = 0, child = first; i < count; i++, child += subtreeSize[child]) {
            childKeys[found++] = (long) symbol[child] << 32 | child;
        }
        return found;
    }
}
