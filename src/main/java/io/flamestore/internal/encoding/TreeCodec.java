package io.flamestore.internal.encoding;

import io.flamestore.CorruptDataException;
import io.flamestore.SymbolTrie;
import io.flamestore.internal.tree.ChildIndex;
import io.flamestore.internal.tree.LongIntHashMap;
import io.flamestore.internal.tree.NameTable;
import io.flamestore.internal.tree.NodeTable;
import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Tree encoding, version 1 (docs/storage-format.md, "Encoded tree"):
 * <pre>
 * tree  := header("FSTR", 1) body crc32c:u32le          body: raw or deflated, see CompressedBody
 * body  := nodeCount:varint rootChildren:varint node*
 * node  := symbolDelta:varint shape:varint [self:varint]    shape = childCount * 2 + (self > 0 ? 1 : 0)
 * </pre>
 * Nodes follow in pre-order with siblings by ascending symbol id, which makes the encoding of a tree
 * canonical for a given symbol table. A first child stores its symbol id plus one; a later sibling
 * stores the (positive) difference to the previous sibling's id, which keeps most ids to one byte. Totals are not stored: a node's total is its self plus its
 * children's totals, recomputed on decode.
 */
public final class TreeCodec {
    public static final String MAGIC = "FSTR";
    public static final int VERSION = 1;

    private TreeCodec() {
    }

    public static byte[] encode(NameTable names, NodeTable nodes, SymbolTrie symbols, boolean compress) {
        int[] symbolOfName = symbolsOfUsedNames(names, nodes, symbols);
        ChildIndex index = nodes.childIndex(symbolOfName);
        ByteWriter out = new ByteWriter(nodes.size() * 4 + 32);
        if (!compress) { // the body goes straight after the header, with no copy
            FormatHeader.write(out, MAGIC, VERSION);
            out.writeByte(CompressedBody.RAW);
        }
        out.writeVarLong(nodes.size() - 1L).writeVarLong(index.childCount(NodeTable.ROOT));
        // Pre-order by an explicit stack of positions in the children lists: a position tells
        // whether the node is a first child, and which sibling precedes it.
        int[] stack = new int[nodes.size()];
        int top = 0;
        for (int p = index.firstPosition(NodeTable.ROOT + 1) - 1; p >= index.firstPosition(NodeTable.ROOT); p--) {
            stack[top++] = p;
        }
        while (top > 0) {
            int position = stack[--top];
            int node = index.nodeAt(position);
            int symbol = symbolOfName[nodes.name(node)];
            boolean firstChild = position == index.firstPosition(nodes.parent(node));
            long self = nodes.self(node);
            int first = index.firstPosition(node);
            int end = index.firstPosition(node + 1);
            out.writeVarLong(firstChild ? symbol + 1L : symbol - symbolOfName[nodes.name(index.nodeAt(position - 1))]);
            out.writeVarLong((end - first) * 2L + (self > 0 ? 1 : 0));
            if (self > 0) {
                out.writeVarLong(self);
            }
            for (int p = end - 1; p >= first; p--) {
                stack[top++] = p;
            }
        }
        return compress ? seal(out, true) : out.writeChecksum().toByteArray();
    }

    /**
     * The symbol id of every name some node uses (-1 for the others), interned under one lock: a
     * real profile has a thousand or more distinct names, and encoding runs on every put.
     */
    private static int[] symbolsOfUsedNames(NameTable names, NodeTable nodes, SymbolTrie symbols) {
        int[] symbolOfName = new int[names.size()];
        Arrays.fill(symbolOfName, -1);
        int[] usedNames = new int[names.size()];
        String[] used = new String[names.size()];
        int count = 0;
        for (int n = 1; n < nodes.size(); n++) {
            int name = nodes.name(n);
            if (symbolOfName[name] == -1) {
                symbolOfName[name] = -2;
                usedNames[count] = name;
                used[count++] = names.name(name);
            }
        }
        int[] ids = symbols.intern(used, count);
        for (int i = 0; i < count; i++) {
            symbolOfName[usedNames[i]] = ids[i];
        }
        return symbolOfName;
    }

    /** Header, the body (deflated fast when {@code compress} and that is smaller), checksum. */
    static byte[] seal(ByteWriter body, boolean compress) {
        ByteWriter out = new ByteWriter((compress ? body.length() / 2 : body.length()) + 32);
        FormatHeader.write(out, MAGIC, VERSION);
        CompressedBody.write(out, body.toByteArray(), compress ? Deflater.BEST_SPEED : Deflater.NO_COMPRESSION, null);
        return out.writeChecksum().toByteArray();
    }

    /**
     * Decodes one encoded tree into empty {@code names} and {@code nodes}. The parse has checked that
     * siblings are distinct, so nodes are appended without lookups, in pre-order.
     */
    public static void decode(ByteReader whole, SymbolTrie symbols, NameTable names, NodeTable nodes)
            throws CorruptDataException {
        PreorderNodes tree = PreorderNodes.parse(whole, symbols.size());
        nodes.ensureCapacity(nodes.size() + tree.count);
        // Symbol id -> this tree's name id: far fewer distinct names than nodes.
        LongIntHashMap localNames = new LongIntHashMap(Math.min(tree.count, 1024));
        int[] nodeOf = new int[tree.count];
        for (int i = 0; i < tree.count; i++) {
            int symbol = tree.symbol[i];
            int name = localNames.get(symbol);
            if (name == LongIntHashMap.MISSING) {
                name = names.intern(symbols.name(symbol));
                localNames.put(symbol, name);
            }
            int parent = tree.parent[i];
            nodeOf[i] = nodes.appendChild(parent < 0 ? NodeTable.ROOT : nodeOf[parent], name);
            nodes.addSelf(nodeOf[i], tree.self[i]);
        }
        sumTotals(nodes, whole);
    }

    /** Totals bottom-up: children have higher indexes than their parents. */
    private static void sumTotals(NodeTable nodes, ByteReader in) throws CorruptDataException {
        for (int n = nodes.size() - 1; n >= 0; n--) {
            long total = nodes.total(n);
            if (total > Long.MAX_VALUE - nodes.self(n)) {
                throw in.corruptAt(0, "values overflow a 64-bit total");
            }
            nodes.addTotal(n, nodes.self(n));
            if (n > 0) {
                int parent = nodes.parent(n);
                if (nodes.total(parent) > Long.MAX_VALUE - nodes.total(n)) {
                    throw in.corruptAt(0, "values overflow a 64-bit total");
                }
                nodes.addTotal(parent, nodes.total(n));
            }
        }
    }
}
