package io.flamestore.internal.storage;

import io.flamestore.SegmentTree.Node;
import io.flamestore.Tree;
import io.flamestore.internal.encoding.PathCounts;
import java.io.IOException;

/**
 * A node's content before it is stored: a tree merged by name, a child's stored blob that it
 * shares, or the sum of its children's path counts with its encoding; all null for no data.
 */
record AggregateSum(Tree merged, NodeEntry shared, PathCounts counts, byte[] encoded) {
    NodeEntry store(Partition partition, int series, Node node, int writes) throws IOException {
        if (merged != null) {
            return partition.write(series, node.level(), node.index(), merged, writes);
        }
        if (shared != null) {
            NodeEntry entry = new NodeEntry(shared.address(), shared.length(), writes, shared.total(), false);
            return partition.write(series, node.level(), node.index(), entry);
        }
        return partition.write(series, node.level(), node.index(), counts, encoded, writes);
    }

    /** The sum as a tree, reading or decoding in {@code partition}, the node's own. */
    Tree tree(Partition partition) throws IOException {
        if (merged != null) {
            return merged;
        }
        if (shared == null && counts == null) {
            return new Tree();
        }
        return shared != null ? partition.read(shared) : partition.tree(counts);
    }
}
