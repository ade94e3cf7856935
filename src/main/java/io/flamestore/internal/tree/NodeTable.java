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
    /** False after {@link #appendChild}: the child index is rebuilt before its next use. */
    private boolean indexed = true;

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

    /** Makes room for {@code nodes} nodes in all, so that filling a known-size tree never regrows. */
    public void ensureCapacity(int nodes) {
        if (nodes > parents.length) {
            resize(nodes);
        }
    }

    /** The child of {@code parent} named {@code name}, or -1. */
    public int child(int parent, int name) {
        ensureIndexed();
        return children.get(key(parent, name));
    }

    /** The child of {@code parent} named {@code name}, created with zero values if missing. */
    public int childOrAdd(int parent, int name) {
        ensureIndexed();
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

    /**
     * Adds a child known not to exist yet, without updating the child index: decoding a tree whose
     * encoding guarantees distinct siblings then costs no hash lookups, and a decoded tree that is
     * only merged into another never needs its own index.
     */
    public int appendChild(int parent, int name) {
        if (size == parents.length) {
            grow();
        }
        int node = size++;
        parents[node] = parent;
        names[node] = name;
        indexed = false;
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
            sortRange(keyed, start[p], start[p + 1]);
            for (int i = start[p]; i < start[p + 1]; i++) {
                kids[i] = (int) keyed[i];
            }
        }
        return new ChildIndex(start, kids);
    }

    /** Most nodes have a handful of children, where insertion sort beats the general sort's setup. */
    private static void sortRange(long[] a, int from, int to) {
        if (to - from > 16) {
            Arrays.sort(a, from, to);
            return;
        }
        for (int i = from + 1; i < to; i++) {
            long v = a[i];
            int j = i - 1;
            while (j >= from && a[j] > v) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
    }

    private void ensureIndexed() {
        if (!indexed) {
            children.ensureCapacity(size);
            for (int n = 1; n < size; n++) {
                children.put(key(parents[n], names[n]), n);
            }
            indexed = true;
        }
    }

    private static long key(int parent, int name) {
        return (long) parent << 32 | name;
    }

    private void grow() {
        resize(parents.length * 2);
    }

    private void resize(int capacity) {
        parents = Arrays.copyOf(parents, capacity);
        names = Arrays.copyOf(names, capacity);
        selfs = Arrays.copyOf(selfs, capacity);
        totals = Arrays.copyOf(totals, capacity);
    }
}
