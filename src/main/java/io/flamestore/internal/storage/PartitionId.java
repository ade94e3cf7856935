package io.flamestore.internal.storage;

import io.flamestore.SegmentTree;
import io.flamestore.SegmentTree.Node;

/**
 * Which partition stores a node, as one {@code long}: the kind in the top bits, the block index
 * below. Nodes of levels 0-1 (10 s slots, 100 s) go to the time partition of their level-4 ancestor
 * ({@code partitions/p000000}), levels 2-5 to the rollup block of their level-6 ancestor
 * ({@code rollups/r0000}), levels 6-8 to {@code top}. Small blocks at the bottom keep each
 * partition's symbols and files small and let retention drop them whole. Nodes of 1000 s and more
 * live in the few rollup blocks, so that a long query (and its timeline, a node per point) reads
 * them there instead of opening every time partition of its range.
 */
final class PartitionId {
    /** Time partitions are blocks of this level (10^5 s, about 28 h) ... */
    static final int TIME_LEVEL = 4;
    /** ... and hold the nodes below this level. */
    static final int TIME_NODES_BELOW = 2;
    /** Rollup blocks are blocks of this level (10^7 s, about 116 days) and hold the nodes below it. */
    static final int ROLLUP_LEVEL = 6;
    private static final int KIND_SHIFT = 48;
    private static final long TIME = 1;
    private static final long ROLLUP = 2;
    private static final long TOP = 3;

    private PartitionId() {
    }

    static long of(Node node) {
        if (node.level() < TIME_NODES_BELOW) {
            return time(ancestorIndex(node, TIME_LEVEL));
        }
        if (node.level() < ROLLUP_LEVEL) {
            return rollup(ancestorIndex(node, ROLLUP_LEVEL));
        }
        return TOP << KIND_SHIFT;
    }

    static long time(long block) {
        return TIME << KIND_SHIFT | block;
    }

    static long rollup(long block) {
        return ROLLUP << KIND_SHIFT | block;
    }

    static boolean isTime(long id) {
        return id >>> KIND_SHIFT == TIME;
    }

    static long block(long id) {
        return id & ((1L << KIND_SHIFT) - 1);
    }

    /** The directory of a partition, relative to the store's. */
    static String path(long id) {
        long kind = id >>> KIND_SHIFT;
        if (kind == TIME) {
            return String.format("partitions/p%06d", block(id));
        }
        return kind == ROLLUP ? String.format("rollups/r%04d", block(id)) : "top";
    }

    /** First second after the block of a time partition or rollup block. */
    static long endEpochSeconds(long id) {
        int level = isTime(id) ? TIME_LEVEL : ROLLUP_LEVEL;
        return new Node(level, block(id)).endEpochSeconds();
    }

    private static long ancestorIndex(Node node, int level) {
        long index = node.index();
        for (int l = node.level(); l < level; l++) {
            index /= SegmentTree.FANOUT;
        }
        return index;
    }
}
