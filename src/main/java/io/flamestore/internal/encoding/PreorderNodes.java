package io.flamestore.internal.encoding;

import io.flamestore.CorruptDataException;

/**
 * The nodes of one encoded tree in the order they are stored (pre-order, siblings by ascending
 * symbol id), checked but not yet named: symbol ids of the tree's symbol table, self values and the
 * pre-order index of each node's parent (-1 for the root's children). Decoding builds a
 * {@code Tree} from it.
 */
final class PreorderNodes {
    private static final int MIN_NODE_BYTES = 2;

    final int count;
    final int rootChildren;
    final int[] symbol;
    final long[] self;
    final int[] parent;

    private PreorderNodes(int count, int rootChildren) {
        this.count = count;
        this.rootChildren = rootChildren;
        this.symbol = new int[count];
        this.self = new long[count];
        this.parent = new int[count];
    }

    /** Reads and checks an encoded tree whose symbols are ids below {@code symbolCount}. */
    static PreorderNodes parse(ByteReader whole, int symbolCount) throws CorruptDataException {
        ByteReader stored = whole.verifyChecksumTrailer(FormatHeader.LENGTH + 3 + 4);
        FormatHeader.read(stored, TreeCodec.MAGIC, TreeCodec.VERSION, TreeCodec.VERSION);
        ByteReader in = CompressedBody.read(stored, "encoded tree", null);
        int nodeCount = in.readVarInt(in.remaining() / MIN_NODE_BYTES, "node count");
        PreorderNodes nodes = new PreorderNodes(nodeCount, in.readVarInt(nodeCount, "root child count"));
        nodes.readNodes(in, symbolCount);
        in.expectEnd("tree");
        return nodes;
    }

    /**
     * Reads the nodes, checking that child counts add up and that siblings are distinct (strictly
     * increasing symbols), so that a decoder can append children without looking them up.
     */
    private void readNodes(ByteReader in, int symbolCount) throws CorruptDataException {
        // Per open node: its index (-1 for the root), children still to come, the last child's symbol.
        int[] open = new int[count + 1];
        int[] pending = new int[count + 1];
        int[] lastSymbol = new int[count + 1];
        int top = 0;
        open[0] = -1;
        pending[0] = rootChildren;
        lastSymbol[0] = -1;
        for (int read = 0; read < count; read++) {
            while (top >= 0 && pending[top] == 0) {
                top--;
            }
            if (top < 0) {
                throw in.corrupt("node " + read + " of " + count + " has no parent: child counts too small");
            }
            int at = in.position();
            int delta = in.readVarInt(symbolCount - 1 - lastSymbol[top], "symbol id delta");
            if (delta == 0) {
                throw in.corruptAt(at, "sibling symbol repeated (" + lastSymbol[top] + ")");
            }
            lastSymbol[top] += delta;
            pending[top]--;
            long shape = in.readVarLong((count - read - 1) * 2L + 1, "node shape");
            int children = (int) (shape >>> 1);
            long value = (shape & 1) == 0 ? 0 : in.readVarLong(Long.MAX_VALUE, "self value");
            if ((shape & 1) == 1 && value == 0) {
                throw in.corruptAt(at, "self value flagged but zero");
            }
            if (value == 0 && children == 0) {
                throw in.corruptAt(at, "leaf node without samples");
            }
            symbol[read] = lastSymbol[top];
            self[read] = value;
            parent[read] = open[top];
            if (children > 0) {
                top++;
                open[top] = read;
                pending[top] = children;
                lastSymbol[top] = -1;
            }
        }
        for (; top >= 0; top--) {
            if (pending[top] != 0) {
                throw in.corrupt(pending[top] + " child nodes missing");
            }
        }
    }
}
