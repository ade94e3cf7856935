package io.flamestore;

import io.flamestore.internal.tree.ChildIndex;
import io.flamestore.internal.tree.NodeTable;

/** Builds the display copy of {@link Tree#truncate(int)}. */
final class Truncation {
    private final NodeTable nodes;
    /** Max-heap of candidate nodes: larger total first, then lower index (ancestors before descendants). */
    private final int[] heap;
    private int heapSize;

    private Truncation(NodeTable nodes) {
        this.nodes = nodes;
        this.heap = new int[nodes.size()];
    }

    static Tree of(Tree source, int maxNodes) {
        NodeTable nodes = source.nodes;
        boolean[] keep = keptNodes(nodes, source.names.size(), maxNodes);
        Tree result = new Tree();
        int[] map = new int[nodes.size()];
        long[] keptChildrenTotal = new long[nodes.size()];
        for (int n = 1; n < nodes.size(); n++) {
            if (keep[n]) {
                int mine = result.nodes.childOrAdd(map[nodes.parent(n)], result.names.intern(source.names.name(nodes.name(n))));
                result.nodes.addSelf(mine, nodes.self(n));
                result.nodes.addTotal(mine, nodes.total(n));
                keptChildrenTotal[nodes.parent(n)] += nodes.total(n);
                map[n] = mine;
            }
        }
        result.nodes.addTotal(NodeTable.ROOT, source.total());
        int other = result.names.intern(Tree.OTHER);
        for (int n = 0; n < nodes.size(); n++) {
            long dropped = nodes.total(n) - nodes.self(n) - keptChildrenTotal[n];
            if (keep[n] && dropped > 0) {
                int node = result.nodes.childOrAdd(map[n], other);
                result.nodes.addSelf(node, dropped);
                result.nodes.addTotal(node, dropped);
            }
        }
        return result;
    }

    /**
     * The {@code maxNodes} largest nodes, taken best-first from the root: a node becomes a candidate
     * only once its parent is kept, so the kept set is always a connected top of the tree.
     */
    private static boolean[] keptNodes(NodeTable nodes, int nameCount, int maxNodes) {
        ChildIndex index = nodes.childIndex(new int[nameCount]);
        boolean[] keep = new boolean[nodes.size()];
        keep[NodeTable.ROOT] = true;
        Truncation frontier = new Truncation(nodes);
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
        long ta = nodes.total(a);
        long tb = nodes.total(b);
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
