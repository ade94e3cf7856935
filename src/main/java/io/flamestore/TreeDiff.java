package io.flamestore;

import io.flamestore.internal.tree.NodeTable;
import java.util.List;
import java.util.Objects;

/**
 * Two trees aligned node by node: every stack present in either tree appears once, with its left
 * and right values (zero on the side that lacks it). Renderers and comparisons are built on this.
 */
public final class TreeDiff {
    /** Receives the aligned nodes in pre-order, siblings sorted by name; top frames have depth 0. */
    @FunctionalInterface
    public interface DiffVisitor {
        void visit(int depth, String name, long leftSelf, long leftTotal, long rightSelf, long rightTotal);
    }

    /** Structure of both trees; its own values are the left tree's. */
    private final Tree union;
    private final long[] rightSelf;
    private final long[] rightTotal;

    private TreeDiff(Tree union, long[] rightSelf, long[] rightTotal) {
        this.union = union;
        this.rightSelf = rightSelf;
        this.rightTotal = rightTotal;
    }

    public static TreeDiff of(Tree left, Tree right) {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
        Tree union = left.copy();
        NodeTable theirs = right.nodes;
        int capacity = union.nodes.size() + theirs.size();
        long[] rightSelf = new long[capacity];
        long[] rightTotal = new long[capacity];
        int[] map = new int[theirs.size()];
        for (int n = 1; n < theirs.size(); n++) {
            int name = union.names.intern(right.names.name(theirs.name(n)));
            int mine = union.nodes.childOrAdd(map[theirs.parent(n)], name);
            rightSelf[mine] = theirs.self(n);
            rightTotal[mine] = theirs.total(n);
            map[n] = mine;
        }
        rightTotal[NodeTable.ROOT] = right.total();
        return new TreeDiff(union, rightSelf, rightTotal);
    }

    public long leftTotal() {
        return union.total();
    }

    public long rightTotal() {
        return rightTotal[NodeTable.ROOT];
    }

    /** Number of aligned nodes: the nodes of either tree, each shared stack once. */
    public int nodeCount() {
        return union.nodeCount();
    }

    /**
     * A display copy with at most {@code maxNodes} aligned nodes, kept as {@link Tree#truncate} keeps
     * them but ranked by the larger of their two totals, so that a stack that is large on either side
     * stays. What a kept node loses to dropped children goes, on each side, into one child named
     * {@value Tree#OTHER}. Both totals are preserved.
     */
    public TreeDiff truncate(int maxNodes) {
        if (maxNodes < 0) {
            throw new IllegalArgumentException("maxNodes must be >= 0, got " + maxNodes);
        }
        NodeTable nodes = union.nodes;
        boolean[] keep = Truncation.keptNodes(union, n -> Math.max(nodes.total(n), rightTotal[n]), maxNodes);
        return of(Truncation.copy(union, keep, nodes::self, nodes::total),
                Truncation.copy(union, keep, n -> rightSelf[n], n -> rightTotal[n]));
    }

    /** {@link Tree#functions()} of the left tree. */
    List<FunctionStats> leftFunctions() {
        return FunctionTable.of(union, union.nodes::self, union.nodes::total);
    }

    /** {@link Tree#functions()} of the right tree. */
    List<FunctionStats> rightFunctions() {
        return FunctionTable.of(union, n -> rightSelf[n], n -> rightTotal[n]);
    }

    public void visit(DiffVisitor visitor) {
        NodeTable nodes = union.nodes;
        nodes.childIndex(union.nameRanks()).preorder((node, depth) -> visitor.visit(depth,
                union.names.name(nodes.name(node)), nodes.self(node), nodes.total(node),
                rightSelf[node], rightTotal[node]));
    }
}
