package io.flamestore.internal.tree;

import java.util.Arrays;

/**
 * The nodes of a call tree in parallel primitive arrays: parent, name id, self and total per node,
 * plus a hash index from (parent, name) to child. Node 0 is the root; a node is always created after
 * its parent, so {@code parent(n) < n} and a pass in index order visits parents first. A tree of a
 * million nodes costs a handful of arrays, not a million objects.
 */
public final class NodeTable {
    public static final int ROOT = 0;

    private int size = 1;
    private int[] parents;
    private int[] names;
    private long[] selfs;
    private long[] totals;
    private final LongIntHashMap children;

    public NodeTable() {
        this(16);
    }

    public NodeTable(int expectedNodes) {
        int capacity = Math.max(16, expectedNodes);
        parents = new int[capacity];
        names = new int[capacity];
        selfs = new long[capacity];
        totals = new long[capacity];
        parents[ROOT] = -1;
        names[ROOT] = -1;
        children = new LongIntHashMap(capacity);
    }

    /** Number of nodes, the root included. */
    public int size() {
        return size;
    }

    public int parent(int node) {
        return parents[node];
    }

    public int name(int node) {
        return names[node];
    }

    public long self(int node) {
        return selfs[node];
    }

    public long total(int node) {
        return totals[node];
    }

    /** The child of {@code parent} named {@code name}, or -1. */
    public int child(int parent, int name) {
        return children.get(key(parent, name));
    }

    /** The child of {@code parent} named {@code name}, created with zero values if missing. */
    public int childOrAdd(int parent, int name) {
        long key = key(parent, name);
        int node = children.get(key);
        if (node != LongIntHashMap.MISSING) {
            return node;
        }
        if (size == parents.length) {
            grow();
        }
        node = size++;
        parents[node] = parent;
        names[node] = name;
        children.put(key, node);
        return node;
    }

    public void addSelf(int node, long value) {
        selfs[node] += value;
    }

    public void addTotal(int node, long value) {
        totals[node] += value;
    }

    /**
     * Children lists in compressed form, each sorted by {@code rankOfName[name]} ascending, then by
     * node index (creation order) where ranks tie.
     */
    public ChildIndex childIndex(int[] rankOfName) {
        int[] start = new int[size + 1];
        for (int n = 1; n < size; n++) {
            start[parents[n] + 1]++;
        }
        for (int n = 0; n < size; n++) {
            start[n + 1] += start[n];
        }
        long[] keyed = new long[size - 1];
        int[] fill = Arrays.copyOf(start, size);
        for (int n = 1; n < size; n++) {
            keyed[fill[parents[n]]++] = (long) rankOfName[names[n]] << 32 | n;
        }
        int[] kids = new int[size - 1];
        for (int p = 0; p < size; p++) {
            Arrays.sort(keyed, start[p], start[p + 1]);
            for (int i = start[p]; i < start[p + 1]; i++) {
                kids[i] = (int) keyed[i];
            }
        }
        return new ChildIndex(start, kids);
    }

    /** Heap bytes held by this table, for memory accounting. */
    public long footprintBytes() {
        return parents.length * (long) (2 * Integer.BYTES + 2 * Long.BYTES) + children.footprintBytes();
    }

    private static long key(int parent, int name) {
        return (long) parent << 32 | name;
    }

    private void grow() {
        int capacity = parents.length * 2;
        parents = Arrays.copyOf(parents, capacity);
        names = Arrays.copyOf(names, capacity);
        selfs = Arrays.copyOf(selfs, capacity);
        totals = Arrays.copyOf(totals, capacity);
    }
}
