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
     * Where {@code node}'s children start in the order of all children lists: they are at
     * positions {@code [firstPosition(node), firstPosition(node + 1))}.
     */
    public int firstPosition(int node) {
        return start[node];
    }

    /** The child at a position of the order of all children lists. */
    public int nodeAt(int position) {
        return kids[position];
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
