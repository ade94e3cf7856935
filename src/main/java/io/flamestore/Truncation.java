package io.flamestore;

import io.flamestore.internal.tree.ChildIndex;
import io.flamestore.internal.tree.NodeTable;
import java.util.function.IntToLongFunction;

/**
 * Builds the display copies of {@link Tree#truncate(int)} and {@link TreeDiff#truncate(int)}: first
 * the set of nodes to keep, ranked by a weight per node, then a copy of that set with the values of
 * one side.
 */
final class Truncation {
    private final IntToLongFunction weight;
    /** Max-heap of candidate nodes: larger weight first, then lower index (ancestors before descendants). */
    private final int[] heap;
    private int heapSize;

    private Truncation(IntToLongFunction weight, int nodeCount) {
        this.weight = weight;
        this.heap = new int[nodeCount];
    }

    static Tree of(Tree source, int maxNodes) {
        NodeTable nodes = source.nodes;
        return copy(source, keptNodes(source, nodes::total, maxNodes), nodes::self, nodes::total);
    }

    /**
     * The kept nodes of {@code structure} with the given values per node. A node whose total is zero
     * on this side is not part of it and is left out, together with its descendants (whose totals
     * are zero too). What a kept node loses to dropped children goes into one child {@link Tree#OTHER}.
     */
    static Tree copy(Tree structure, boolean[] keep, IntToLongFunction self, IntToLongFunction total) {
        NodeTable nodes = structure.nodes;
        Tree result = new Tree();
        int[] map = new int[nodes.size()];
        long[] keptChildrenTotal = new long[nodes.size()];
        for (int n = 1; n < nodes.size(); n++) {
            long nodeTotal = total.applyAsLong(n);
            if (keep[n] && nodeTotal > 0) {
                int mine = result.nodes.childOrAdd(map[nodes.parent(n)],
                        result.names.intern(structure.names.name(nodes.name(n))));
                result.nodes.addSelf(mine, self.applyAsLong(n));
                result.nodes.addTotal(mine, nodeTotal);
                keptChildrenTotal[nodes.parent(n)] += nodeTotal;
                map[n] = mine;
            }
        }
        result.nodes.addTotal(NodeTable.ROOT, total.applyAsLong(NodeTable.ROOT));
        int other = result.names.intern(Tree.OTHER);
        for (int n = 0; n < nodes.size(); n++) {
            long dropped = total.applyAsLong(n) - self.applyAsLong(n) - keptChildrenTotal[n];
            if (keep[n] && dropped > 0) {
                int node = result.nodes.childOrAdd(map[n], other);
                result.nodes.addSelf(node, dropped);
                result.nodes.addTotal(node, dropped);
            }
        }
        return result;
    }

    /**
     * The {@code maxNodes} nodes of most weight, taken best-first from the root (a weight must not
     * exceed the parent's, as totals do not): a node becomes a candidate
     * only once its parent is kept, so the kept set is always a connected top of the tree.
     */
    static boolean[] keptNodes(Tree structure, IntToLongFunction weight, int maxNodes) {
        NodeTable nodes = structure.nodes;
        ChildIndex index = nodes.childIndex(new int[structure.names.size()]);
        boolean[] keep = new boolean[nodes.size()];
        keep[NodeTable.ROOT] = true;
        Truncation frontier = new Truncation(weight, nodes.size());
        frontier.pushChildren(index, NodeTable.ROOT);
        for (int kept = 0; kept < maxNodes && frontier.heapSize > 0; kept++) {
            int n = frontier.pop();
            keep[n] = true;
            frontier.pushChildren(index, n);
        }
        return keep;
    }

    private void pushChildren(ChildIndex index, int node) {
        for (int i = 0; i < index.childCount(node); i++) {
            push(index.child(node, i));
        }
    }

    private boolean before(int a, int b) {
        long ta = weight.applyAsLong(a);
        long tb = weight.applyAsLong(b);
        return ta != tb ? ta > tb : a < b;
    }

    private void push(int node) {
        int i = heapSize++;
        while (i > 0 && before(node, heap[(i - 1) / 2])) {
            heap[i] = heap[(i - 1) / 2];
            i = (i - 1) / 2;
        }
        heap[i] = node;
    }

    private int pop() {
        int top = heap[0];
        int last = heap[--heapSize];
        int i = 0;
        while (2 * i + 1 < heapSize) {
            int child = 2 * i + 1;
            if (child + 1 < heapSize && before(heap[child + 1], heap[child])) {
                child++;
            }
            if (!before(heap[child], last)) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = last;
        return top;
    }
}
