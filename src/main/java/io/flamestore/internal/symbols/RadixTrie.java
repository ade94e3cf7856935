package io.flamestore.internal.symbols;

import io.flamestore.internal.tree.LongIntHashMap;
import java.util.Arrays;

/**
 * A radix trie over the UTF-8 bytes of names. Each edge label is a slice of one append-only byte pool,
 * so a name costs only the bytes of its suffix that no earlier name shares. Names get dense ids in
 * order of first insertion; a name's id points at its terminal node. Splitting an edge creates a new
 * node for the shared prefix and keeps the old node (and so every terminal) where it was, which is
 * what keeps ids stable. Not thread-safe.
 */
public final class RadixTrie {
    private static final int ROOT = 0;

    private int nodeCount = 1;
    private int[] parent = new int[64];
    private int[] labelStart = new int[64];
    private int[] labelLength = new int[64];
    private int[] nameOfNode = filled(64);
    private final LongIntHashMap edges = new LongIntHashMap(64);

    private byte[] pool = new byte[1024];
    private int poolLength;

    private int nameCount;
    private int[] nodeOfName = new int[64];

    public RadixTrie() {
        parent[ROOT] = -1;
    }

    public int nameCount() {
        return nameCount;
    }

    public int nodeCount() {
        return nodeCount;
    }

    /** Bytes of edge labels held: the stored size of all names after prefix sharing. */
    public int labelBytes() {
        return poolLength;
    }

    /** The id of the name with these UTF-8 bytes, adding it if new. */
    public int intern(byte[] name) {
        int node = ROOT;
        int pos = 0;
        while (pos < name.length) {
            int child = edges.get(edgeKey(node, name[pos]));
            if (child == LongIntHashMap.MISSING) {
                node = addNode(node, name, pos, name.length - pos);
                pos = name.length;
                break;
            }
            int common = commonPrefix(child, name, pos);
            if (common < labelLength[child]) {
                child = split(child, common);
            }
            node = child;
            pos += common;
        }
        if (nameOfNode[node] < 0) {
            assignName(node);
        }
        return nameOfNode[node];
    }

    /** The id of the name with these UTF-8 bytes, or -1 if absent. */
    public int find(byte[] name) {
        int node = ROOT;
        int pos = 0;
        while (pos < name.length) {
            int child = edges.get(edgeKey(node, name[pos]));
            if (child == LongIntHashMap.MISSING || commonPrefix(child, name, pos) < labelLength[child]) {
                return -1;
            }
            pos += labelLength[child];
            node = child;
        }
        return nameOfNode[node];
    }

    /** The UTF-8 bytes of the name with this id, rebuilt by walking parent links to the root. */
    public byte[] nameBytes(int id) {
        if (id < 0 || id >= nameCount) {
            throw new IllegalArgumentException("no symbol with id " + id + " (" + nameCount + " symbols)");
        }
        int length = 0;
        for (int n = nodeOfName[id]; n != ROOT; n = parent[n]) {
            length += labelLength[n];
        }
        byte[] out = new byte[length];
        for (int n = nodeOfName[id]; n != ROOT; n = parent[n]) {
            length -= labelLength[n];
            System.arraycopy(pool, labelStart[n], out, length, labelLength[n]);
        }
        return out;
    }

    /** Adds a node under {@code parentNode} whose label is {@code bytes[from, from + length)}. */
    private int addNode(int parentNode, byte[] bytes, int from, int length) {
        ensureNodeCapacity();
        int node = nodeCount++;
        parent[node] = parentNode;
        labelStart[node] = appendToPool(bytes, from, length);
        labelLength[node] = length;
        nameOfNode[node] = -1;
        edges.put(edgeKey(parentNode, bytes[from]), node);
        return node;
    }

    /** Makes {@code node} terminal for the next name id. */
    private void assignName(int node) {
        if (nameCount == nodeOfName.length) {
            nodeOfName = Arrays.copyOf(nodeOfName, nameCount * 2);
        }
        nodeOfName[nameCount] = node;
        nameOfNode[node] = nameCount++;
    }

    private int commonPrefix(int node, byte[] name, int pos) {
        int start = labelStart[node];
        int max = Math.min(labelLength[node], name.length - pos);
        int i = 0;
        while (i < max && pool[start + i] == name[pos + i]) {
            i++;
        }
        return i;
    }

    /**
     * Splits {@code node}'s label after {@code at} bytes: a new node takes the prefix and the old
     * node, keeping its id, hangs below it with the rest. Returns the new prefix node.
     */
    private int split(int node, int at) {
        ensureNodeCapacity();
        int prefix = nodeCount++;
        int oldParent = parent[node];
        parent[prefix] = oldParent;
        labelStart[prefix] = labelStart[node];
        labelLength[prefix] = at;
        nameOfNode[prefix] = -1;
        edges.put(edgeKey(oldParent, pool[labelStart[node]]), prefix);
        parent[node] = prefix;
        labelStart[node] += at;
        labelLength[node] -= at;
        edges.put(edgeKey(prefix, pool[labelStart[node]]), node);
        return prefix;
    }

    private int appendToPool(byte[] bytes, int from, int length) {
        if (poolLength + length > pool.length) {
            long wanted = Math.max((long) pool.length * 2, (long) poolLength + length);
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("symbol table larger than 2 GB");
            }
            pool = Arrays.copyOf(pool, (int) wanted);
        }
        System.arraycopy(bytes, from, pool, poolLength, length);
        int start = poolLength;
        poolLength += length;
        return start;
    }

    private void ensureNodeCapacity() {
        if (nodeCount == parent.length) {
            int capacity = nodeCount * 2;
            parent = Arrays.copyOf(parent, capacity);
            labelStart = Arrays.copyOf(labelStart, capacity);
            labelLength = Arrays.copyOf(labelLength, capacity);
            int old = nameOfNode.length;
            nameOfNode = Arrays.copyOf(nameOfNode, capacity);
            Arrays.fill(nameOfNode, old, capacity, -1);
        }
    }

    private static long edgeKey(int node, byte firstByte) {
        return (long) node << 8 | (firstByte & 0xFF);
    }

    private static int[] filled(int capacity) {
        int[] a = new int[capacity];
        Arrays.fill(a, -1);
        return a;
    }
}
