package io.flamestore;

/** Division of a tree's values, for applications aggregated by {@link Aggregation#AVERAGE}. */
final class TreeScaling {
    private TreeScaling() {
    }

    /** Every stack's self value divided by {@code divisor}, rounded half up; stacks that round to 0 go. */
    static Tree divide(Tree tree, long divisor) {
        if (divisor <= 1) {
            return tree;
        }
        Tree out = new Tree();
        tree.forEachStack((frames, self) -> out.insert(frames, self / divisor + (self % divisor >= (divisor + 1) / 2 ? 1 : 0)));
        return out;
    }
}
