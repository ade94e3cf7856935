package io.flamestore;

import io.flamestore.internal.json.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code names} and {@code levels} of a flamebearer, built from a pre-order walk. Level 0 holds
 * the root, named {@value #ROOT_NAME} as Pyroscope names it; level {@code d + 1} the frames at depth
 * {@code d}. Per node and side (one side for "single", left then right for "double") a level holds
 * {@code offset, total, self}, then the name's index. A node's x position on a side is the end
 * (x + total) of the previous node of its level plus its offset; children start at their parent's
 * x, so the parent's self value is the gap after its last child.
 */
final class FlamebearerLevels {
    static final String ROOT_NAME = "total";

    private final int sides;
    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> nameIds = new HashMap<>();
    private long[][] rows = new long[16][];
    private int[] rowLengths = new int[16];
    private int levelCount;
    /** Per side and level: where the next node goes, and where the previous node ended. */
    private long[][] next;
    private long[][] end;
    private long maxSelf;

    private FlamebearerLevels(int sides) {
        this.sides = sides;
        this.next = new long[sides][16];
        this.end = new long[sides][16];
    }

    static FlamebearerLevels of(Tree tree) {
        FlamebearerLevels levels = new FlamebearerLevels(1);
        levels.add(-1, ROOT_NAME, 0, tree.total(), 0, 0);
        tree.visit((depth, name, self, total) -> levels.add(depth, name, self, total, 0, 0));
        return levels;
    }

    static FlamebearerLevels of(TreeDiff diff) {
        FlamebearerLevels levels = new FlamebearerLevels(2);
        levels.add(-1, ROOT_NAME, 0, diff.leftTotal(), 0, diff.rightTotal());
        diff.visit(levels::add);
        return levels;
    }

    /** Numbers per node: 4 for "single", 7 for "double". */
    int width() {
        return 3 * sides + 1;
    }

    long maxSelf() {
        return maxSelf;
    }

    void writeNames(Json json) {
        json.beginArray();
        for (String name : names) {
            json.value(name);
        }
        json.endArray();
    }

    void writeLevels(Json json) {
        json.beginArray();
        for (int level = 0; level < levelCount; level++) {
            json.array(rows[level], rowLengths[level]);
        }
        json.endArray();
    }

    /** Appends a node at tree depth {@code depth} (-1 for the root), the right values only if two-sided. */
    private void add(int depth, String name, long leftSelf, long leftTotal, long rightSelf, long rightTotal) {
        int level = depth + 1;
        ensureLevels(level + 2);
        levelCount = Math.max(levelCount, level + 1);
        place(level, 0, leftSelf, leftTotal);
        if (sides == 2) {
            place(level, 1, rightSelf, rightTotal);
        }
        Integer id = nameIds.get(name);
        if (id == null) {
            id = names.size();
            names.add(name);
            nameIds.put(name, id);
        }
        append(level, id);
    }

    private void place(int level, int side, long self, long total) {
        long x = next[side][level];
        next[side][level] = x + total;
        next[side][level + 1] = x;
        append(level, x - end[side][level]);
        append(level, total);
        append(level, self);
        end[side][level] = x + total;
        maxSelf = Math.max(maxSelf, self);
    }

    private void append(int level, long value) {
        long[] row = rows[level];
        if (row == null) {
            row = rows[level] = new long[64];
        } else if (rowLengths[level] == row.length) {
            row = rows[level] = Arrays.copyOf(row, row.length * 2);
        }
        row[rowLengths[level]++] = value;
    }

    private void ensureLevels(int count) {
        if (count > rows.length) {
            int capacity = Math.max(count, rows.length * 2);
            rows = Arrays.copyOf(rows, capacity);
            rowLengths = Arrays.copyOf(rowLengths, capacity);
            for (int side = 0; side < sides; side++) {
                next[side] = Arrays.copyOf(next[side], capacity);
                end[side] = Arrays.copyOf(end[side], capacity);
            }
        }
    }
}
