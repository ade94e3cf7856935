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
    private static final int MIN_NODE_BYTES = 2;

    private TreeCodec() {
    }

    public static byte[] encode(NameTable names, NodeTable nodes, SymbolTrie symbols) {
        int[] symbolOfName = new int[names.size()];
        Arrays.fill(symbolOfName, -1);
        for (int n = 1; n < nodes.size(); n++) {
            int name = nodes.name(n);
            if (symbolOfName[name] < 0) {
                symbolOfName[name] = symbols.intern(names.name(name));
            }
        }
        ChildIndex index = nodes.childIndex(symbolOfName);
        ByteWriter body = new ByteWriter(nodes.size() * 4 + 16);
        body.writeVarLong(nodes.size() - 1L).writeVarLong(index.childCount(NodeTable.ROOT));
        int[] previousSibling = new int[nodes.size()];
        Arrays.fill(previousSibling, -1);
        index.preorder((node, depth) -> {
            long self = nodes.self(node);
            int symbol = symbolOfName[nodes.name(node)];
            int parent = nodes.parent(node);
            body.writeVarLong((long) symbol - previousSibling[parent]);
            previousSibling[parent] = symbol;
            body.writeVarLong(index.childCount(node) * 2L + (self > 0 ? 1 : 0));
            if (self > 0) {
                body.writeVarLong(self);
            }
        });
        ByteWriter out = new ByteWriter(body.length() / 2 + 16);
        FormatHeader.write(out, MAGIC, VERSION);
        CompressedBody.write(out, body.toByteArray(), Deflater.BEST_SPEED, null);
        return out.writeChecksum().toByteArray();
    }

    /**
     * Decodes one encoded tree into empty {@code names} and {@code nodes}. Siblings are checked to
     * be distinct (strictly increasing symbols), so nodes are appended without lookups.
     */
    public static void decode(ByteReader whole, SymbolTrie symbols, NameTable names, NodeTable nodes)
            throws CorruptDataException {
        ByteReader stored = whole.verifyChecksumTrailer(FormatHeader.LENGTH + 3 + 4);
        FormatHeader.read(stored, MAGIC, VERSION, VERSION);
        ByteReader in = CompressedBody.read(stored, "encoded tree", null);
        int nodeCount = in.readVarInt(in.remaining() / MIN_NODE_BYTES, "node count");
        int symbolCount = symbols.size();
        nodes.ensureCapacity(nodes.size() + nodeCount);
        // Symbol id -> this tree's name id: far fewer distinct names than nodes.
        LongIntHashMap localNames = new LongIntHashMap(Math.min(nodeCount, 1024));
        // Per open node: its index, how many children are still to come, the last child's symbol.
        int[] open = new int[nodeCount + 1];
        int[] pending = new int[nodeCount + 1];
        int[] lastSymbol = new int[nodeCount + 1];
        int top = 0;
        open[0] = NodeTable.ROOT;
        pending[0] = in.readVarInt(nodeCount, "root child count");
        lastSymbol[0] = -1;
        for (int read = 0; read < nodeCount; read++) {
            while (top >= 0 && pending[top] == 0) {
                top--;
            }
            if (top < 0) {
                throw in.corrupt("node " + read + " of " + nodeCount + " has no parent: child counts too small");
            }
            int at = in.position();
            int delta = in.readVarInt(symbolCount - 1 - lastSymbol[top], "symbol id delta");
            if (delta == 0) {
                throw in.corruptAt(at, "sibling symbol repeated (" + lastSymbol[top] + ")");
            }
            int symbol = lastSymbol[top] + delta;
            lastSymbol[top] = symbol;
            pending[top]--;
            long shape = in.readVarLong((nodeCount - read - 1) * 2L + 1, "node shape");
            int childCount = (int) (shape >>> 1);
            long self = (shape & 1) == 0 ? 0 : in.readVarLong(Long.MAX_VALUE, "self value");
            if ((shape & 1) == 1 && self == 0) {
                throw in.corruptAt(at, "self value flagged but zero");
            }
            if (self == 0 && childCount == 0) {
                throw in.corruptAt(at, "leaf node without samples");
            }
            int name = localNames.get(symbol);
            if (name == LongIntHashMap.MISSING) {
                name = names.intern(symbols.name(symbol));
                localNames.put(symbol, name);
            }
            int node = nodes.appendChild(open[top], name);
            nodes.addSelf(node, self);
            if (childCount > 0) {
                top++;
                open[top] = node;
                pending[top] = childCount;
                lastSymbol[top] = -1;
            }
        }
        for (; top >= 0; top--) {
            if (pending[top] != 0) {
                throw in.corrupt(pending[top] + " child nodes missing");
            }
        }
        in.expectEnd("tree");
        sumTotals(nodes, in);
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
