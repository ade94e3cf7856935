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
        for (int node : index.preorderNodes()) {
            long self = nodes.self(node);
            int symbol = symbolOfName[nodes.name(node)];
            int parent = nodes.parent(node);
            body.writeVarLong((long) symbol - previousSibling[parent]);
            previousSibling[parent] = symbol;
            body.writeVarLong(index.childCount(node) * 2L + (self > 0 ? 1 : 0));
            if (self > 0) {
                body.writeVarLong(self);
            }
        }
        return seal(body, compress);
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
