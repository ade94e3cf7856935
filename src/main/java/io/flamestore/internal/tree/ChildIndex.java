package io.flamestore.internal.tree;

/** Sorted children of every node of a {@link NodeTable}, as offsets into one array. */
public final class ChildIndex {
    /** Receives nodes in pre-order. */
    @FunctionalInterface
    public interface PreorderVisitor {
        void visit(int node, int depth);
    }

    private final int[] start;
    private final int[] kids;

    ChildIndex(int[] start, int[] kids) {
        this.start = start;
        this.kids = kids;
    }

    public int childCount(int node) {
        return start[node + 1] - start[node];
    }

    public int child(int node, int i) {
        return kids[start[node] + i];
    }

    /**
     * Every node below the root in pre-order, siblings in sorted order: what {@link #preorder} visits,
     * as an array, for loops hot enough that a call per node shows (encoding a tree for every put).
     */
    public int[] preorderNodes() {
        int[] order = new int[kids.length];
        int[] stack = new int[kids.length];
        int top = 0;
        for (int i = start[NodeTable.ROOT + 1] - 1; i >= start[NodeTable.ROOT]; i--) {
            stack[top++] = kids[i];
        }
        int visited = 0;
        while (top > 0) {
            int node = stack[--top];
            order[visited++] = node;
            for (int i = start[node + 1] - 1; i >= start[node]; i--) {
                stack[top++] = kids[i];
            }
        }
        return order;
    }

    /**
     * Visits every node below the root, parents before children and siblings in sorted order, with
     * the root's children at depth 0. Iterative, so that a stack thousands of frames deep is fine.
     */
    public void preorder(PreorderVisitor visitor) {
        int[] stack = new int[Math.max(1, kids.length)];
        int[] depths = new int[stack.length];
        int top = 0;
        for (int i = childCount(NodeTable.ROOT) - 1; i >= 0; i--) {
            stack[top] = child(NodeTable.ROOT, i);
            depths[top++] = 0;
        }
        while (top > 0) {
            int node = stack[--top];
            int depth = depths[top];
            visitor.visit(node, depth);
            for (int i = childCount(node) - 1; i >= 0; i--) {
                stack[top] = child(node, i);
                depths[top++] = depth + 1;
            }
        }
    }
}
