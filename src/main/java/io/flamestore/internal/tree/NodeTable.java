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
     * node index (creation order) where ranks tie. Encoding builds one for every put, so it is a
     * counting pass plus sorts of the few lists with more than one child.
     */
    public ChildIndex childIndex(int[] rankOfName) {
        // start[p] counts p's children, then becomes the end of p's list, then (filling backwards,
        // from the highest node down) its start; start[size] stays the end of the last list.
        int[] start = new int[size + 1];
        for (int n = 1; n < size; n++) {
            start[parents[n]]++;
        }
        for (int p = 1; p <= size; p++) {
            start[p] += start[p - 1];
        }
        int[] kids = new int[size - 1];
        for (int n = size - 1; n >= 1; n--) {
            kids[--start[parents[n]]] = n;
        }
        for (int p = 0; p < size; p++) {
            if (start[p + 1] - start[p] > 1) {
                sortByRank(kids, start[p], start[p + 1], rankOfName);
            }
        }
        return new ChildIndex(start, kids);
    }

    /**
     * Sorts {@code kids[from, to)}, in node order, by rank and then node. Most lists have a handful
     * of children, where insertion sort beats the general sort's setup.
     */
    private void sortByRank(int[] kids, int from, int to, int[] rankOfName) {
        if (to - from > 16) {
            long[] keyed = new long[to - from];
            for (int i = from; i < to; i++) {
                keyed[i - from] = (long) rankOfName[names[kids[i]]] << 32 | kids[i];
            }
            Arrays.sort(keyed);
            for (int i = from; i < to; i++) {
                kids[i] = (int) keyed[i - from];
            }
            return;
        }
        for (int i = from + 1; i < to; i++) {
            int kid = kids[i];
            int rank = rankOfName[names[kid]];
            int j = i - 1;
            while (j >= from && rankOfName[names[kids[j]]] > rank) {
                kids[j + 1] = kids[j];
                j--;
            }
            kids[j + 1] = kid;
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
