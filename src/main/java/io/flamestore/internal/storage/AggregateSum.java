package io.flamestore.internal.storage;

import io.flamestore.SegmentTree.Node;
import io.flamestore.Tree;
import java.io.IOException;

/**
 * A node's content before it is stored: a tree merged by name, a child's stored blob that it
 * shares, or the encoded sum of its children's path counts; all null for no data.
 */
record AggregateSum(Tree merged, NodeEntry shared, byte[] encoded, long total) {
    NodeEntry store(Partition partition, int series, Node node, int writes) throws IOException {
        if (merged != null) {
            return partition.write(series, node.level(), node.index(), merged, writes);
        }
        if (shared != null) {
            NodeEntry entry = new NodeEntry(shared.address(), shared.length(), writes, shared.total(), false);
            return partition.write(series, node.level(), node.index(), entry);
        }
        return partition.write(series, node.level(), node.index(), encoded, total, writes);
    }

    /** The sum as a tree, reading or decoding in {@code partition}, the node's own. */
    Tree tree(Partition partition) throws IOException {
        if (merged != null) {
            return merged;
        }
        if (shared == null && encoded == null) {
            return new Tree();
        }
        return shared != null ? partition.read(shared) : partition.decode(encoded);
    }
}
