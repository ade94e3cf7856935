package io.flamestore;

import io.flamestore.internal.encoding.ByteReader;
import io.flamestore.internal.encoding.TreeCodec;
import io.flamestore.internal.tree.NameTable;
import io.flamestore.internal.tree.NodeTable;
import io.flamestore.internal.tree.TreeTables;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A call tree: stack samples merged by common prefix, with a self and a total value per node.
 * Stacks are lists of frame names, root first; {@code "main;handle;order_car 42"} adds 42 to the
 * total of {@code main}, {@code main;handle} and {@code main;handle;order_car}, and to the self of the
 * last. Values are non-negative; a value of zero adds nothing.
 *
 * <p>Nodes live in primitive arrays (a few dozen bytes per node, no object per node), so trees of
 * millions of nodes are cheap. Trees are mutable and not thread-safe. Equality is by content: two
 * trees are equal when every stack has the same self value in both.
 */
public final class Tree {
    /** Receives the nodes of a tree in pre-order, siblings sorted by name; top frames have depth 0. */
    @FunctionalInterface
    public interface NodeVisitor {
        void visit(int depth, String name, long self, long total);
    }

    /** Receives every stack whose self value is positive, with that value. */
    @FunctionalInterface
    public interface StackVisitor {
        void visit(List<String> frames, long self);
    }

    final NameTable names;
    final NodeTable nodes;

    static {
        TreeTables.install(new TreeTables.Bridge() {
            @Override
            public NameTable names(Tree tree) {
                return tree.names;
            }

            @Override
            public NodeTable nodes(Tree tree) {
                return tree.nodes;
            }

            @Override
            public Tree wrap(NameTable names, NodeTable nodes) {
                return new Tree(names, nodes);
            }
        });
    }

    public Tree() {
        this(new NameTable(), new NodeTable());
    }

    private Tree(NameTable names, NodeTable nodes) {
        this.names = names;
        this.nodes = nodes;
    }

    /** Adds {@code value} samples of {@code stack}, frames separated by {@code ;}, root first. */
    public void insert(String stack, long value) {
        if (stack == null) {
            throw new IllegalArgumentException("stack is null");
        }
        char[] chars = stack.toCharArray();
        FrameSplit frames = new FrameSplit();
        int problem = frames.split(chars, 0, chars.length);
        if (problem != FrameSplit.OK) {
            throw new IllegalArgumentException((problem == FrameSplit.NUL ? "NUL character" : "empty frame name")
                    + " at index " + frames.problemAt() + " of stack \"" + stack.replace("\0", "\\0") + "\"");
        }
        checkValue(value, stack);
        insertSplit(chars, 0, frames, value);
    }

    /** Adds {@code value} samples of the stack {@code frames}, root first. */
    public void insert(List<String> frames, long value) {
        if (frames == null || frames.isEmpty()) {
            throw new IllegalArgumentException("a stack needs at least one frame, got " + frames);
        }
        for (int i = 0; i < frames.size(); i++) {
            String frame = frames.get(i);
            if (frame == null || frame.isEmpty()) {
                throw new IllegalArgumentException("frame " + i + " is " + (frame == null ? "null" : "empty")
                        + " in " + frames);
            }
        }
        checkValue(value, frames);
        if (value == 0) {
            return;
        }
        int node = NodeTable.ROOT;
        nodes.addTotal(node, value);
        for (String frame : frames) {
            node = nodes.childOrAdd(node, names.intern(frame));
            nodes.addTotal(node, value);
        }
        nodes.addSelf(node, value);
    }

    /** Adds every sample of {@code other} into this tree and returns this tree. */
    public Tree merge(Tree other) {
        Objects.requireNonNull(other, "other");
        if (other.total() > Long.MAX_VALUE - total()) {
            throw new IllegalArgumentException("merging would overflow the 64-bit total " + total());
        }
        int[] nameMap = new int[other.names.size()];
        Arrays.fill(nameMap, -1);
        int[] nodeMap = new int[other.nodes.size()];
        for (int n = 1; n < other.nodes.size(); n++) {
            int name = other.nodes.name(n);
            if (nameMap[name] < 0) {
                nameMap[name] = names.intern(other.names.name(name));
            }
            int mine = nodes.childOrAdd(nodeMap[other.nodes.parent(n)], nameMap[name]);
            nodeMap[n] = mine;
            nodes.addSelf(mine, other.nodes.self(n));
            nodes.addTotal(mine, other.nodes.total(n));
        }
        nodes.addTotal(NodeTable.ROOT, other.total());
        return this;
    }

    /** Sum of all values inserted. */
    public long total() {
        return nodes.total(NodeTable.ROOT);
    }

    /** Number of nodes, not counting the unnamed root. */
    public int nodeCount() {
        return nodes.size() - 1;
    }

    public boolean isEmpty() {
        return total() == 0;
    }

    /** Self value of the node at {@code stack} ({@code ;}-separated), or 0 if there is none. */
    public long self(String stack) {
        int node = find(stack);
        return node < 0 ? 0 : nodes.self(node);
    }

    /** Total value of the node at {@code stack} ({@code ;}-separated), or 0 if there is none. */
    public long total(String stack) {
        int node = find(stack);
        return node < 0 ? 0 : nodes.total(node);
    }

    /** Visits every node in pre-order, siblings sorted by name. */
    public void visit(NodeVisitor visitor) {
        nodes.childIndex(nameRanks()).preorder((node, depth) ->
                visitor.visit(depth, names.name(nodes.name(node)), nodes.self(node), nodes.total(node)));
    }

    /** Visits every stack with a positive self value, in the order of {@link #visit}. */
    public void forEachStack(StackVisitor visitor) {
        List<String> path = new ArrayList<>();
        nodes.childIndex(nameRanks()).preorder((node, depth) -> {
            while (path.size() > depth) {
                path.remove(path.size() - 1);
            }
            path.add(names.name(nodes.name(node)));
            if (nodes.self(node) > 0) {
                visitor.visit(List.copyOf(path), nodes.self(node));
            }
        });
    }

    /**
     * Collapsed-stack text: one {@code frames value} line per stack with a positive self value,
     * in the order of {@link #visit}. Frames holding {@code ;} or line breaks cannot be told apart in
     * this format; every other tree comes back equal through {@link #parseFolded(String)}.
     */
    public String toFolded() {
        StringBuilder out = new StringBuilder();
        forEachStack((frames, self) -> out.append(String.join(";", frames)).append(' ').append(self).append('\n'));
        return out.toString();
    }

    /** Self and total per function, most self first (ties: most total, then name). */
    public List<FunctionStats> functions() {
        return FunctionTable.of(this);
    }

    /**
     * A display copy with at most {@code maxNodes} nodes from this tree, keeping the largest: the
     * kept set always includes a node's ancestors, and what a kept node loses to dropped children is
     * gathered into one child named {@value #OTHER} (not counted in {@code maxNodes}). Totals are
     * preserved. Stored data is never truncated.
     */
    public Tree truncate(int maxNodes) {
        if (maxNodes < 0) {
            throw new IllegalArgumentException("maxNodes must be >= 0, got " + maxNodes);
        }
        return Truncation.of(this, maxNodes);
    }

    /** Name of the node that {@link #truncate} folds dropped children into. */
    public static final String OTHER = "other";

    /** An independent copy. */
    public Tree copy() {
        return new Tree().merge(this);
    }

    /** The binary encoding of {@code docs/storage-format.md}, naming frames by ids of {@code symbols}. */
    public byte[] encode(SymbolTrie symbols) {
        return encode(symbols, true);
    }

    /**
     * The binary encoding, deflated ({@code compress}) where that makes it smaller, or left raw:
     * raw is about twice the size of a real profile's deflated encoding and half the time to write
     * (deflate is about half of encoding). Both decode the same way.
     */
    public byte[] encode(SymbolTrie symbols, boolean compress) {
        return TreeCodec.encode(names, nodes, symbols, compress);
    }

    /** Decodes what {@link #encode} wrote with the same (or a grown) symbol table. */
    public static Tree decode(byte[] bytes, SymbolTrie symbols) throws CorruptDataException {
        return decode(ByteBuffer.wrap(bytes), 0, bytes.length, symbols);
    }

    /**
     * Decodes the encoded tree in {@code buffer[offset, offset + length)} without moving the buffer's
     * position; offsets in errors are relative to {@code offset}.
     */
    public static Tree decode(ByteBuffer buffer, int offset, int length, SymbolTrie symbols)
            throws CorruptDataException {
        Tree tree = new Tree();
        TreeCodec.decode(new ByteReader(buffer, offset, length, "encoded tree"), symbols, tree.names, tree.nodes);
        return tree;
    }

    /** Parses collapsed stacks ({@code a;b;c 12} per line), strictly. */
    public static Tree parseFolded(String text) throws ProfileFormatException {
        return FoldedParser.strict().parse(text).tree();
    }

    /** Parses collapsed stacks from a reader, strictly, without holding the text in memory. */
    public static Tree parseFolded(Reader reader) throws IOException {
        return FoldedParser.strict().parse(reader).tree();
    }

    /** Parses collapsed stacks from bytes: UTF-8, or UTF-16 when a byte-order mark says so. */
    public static Tree parseFolded(InputStream in) throws IOException {
        return FoldedParser.strict().parse(in).tree();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Tree) || ((Tree) o).nodes.size() != nodes.size() || ((Tree) o).total() != total()) {
            return false;
        }
        Tree other = (Tree) o;
        int[] nodeMap = new int[nodes.size()];
        for (int n = 1; n < nodes.size(); n++) {
            int name = other.names.find(names.name(nodes.name(n)));
            int theirs = name < 0 ? -1 : other.nodes.child(nodeMap[nodes.parent(n)], name);
            if (theirs < 0 || other.nodes.self(theirs) != nodes.self(n)) {
                return false;
            }
            nodeMap[n] = theirs;
        }
        return true;
    }

    @Override
    public int hashCode() {
        int[] pathHash = new int[nodes.size()];
        int hash = Long.hashCode(total());
        for (int n = 1; n < nodes.size(); n++) {
            pathHash[n] = mix(pathHash[nodes.parent(n)] * 31 + names.name(nodes.name(n)).hashCode());
            hash += mix(pathHash[n] ^ Long.hashCode(nodes.self(n) * 0x9E3779B97F4A7C15L));
        }
        return hash;
    }

    @Override
    public String toString() {
        return "Tree[nodes=" + nodeCount() + ", total=" + total() + "]";
    }

    // --- package-private: used by FoldedParser, TreeDiff, Truncation, FunctionTable, TreeSplitter ---

    /** Inserts a stack split and checked by {@code frames}, whose value keeps the total in range. */
    void insertSplit(char[] chars, int from, FrameSplit frames, long value) {
        if (value == 0) {
            return;
        }
        int node = NodeTable.ROOT;
        nodes.addTotal(node, value);
        int frameStart = from;
        for (int i = 0; i < frames.count(); i++) {
            int end = frames.end(i);
            node = nodes.childOrAdd(node, names.intern(chars, frameStart, end));
            nodes.addTotal(node, value);
            frameStart = end + 1;
        }
        nodes.addSelf(node, value);
    }

    /** Whether adding {@code value} keeps the total within 64 bits. */
    boolean fits(long value) {
        return value <= Long.MAX_VALUE - total();
    }

    /** Rank of each name id in sorted name order, for sorting siblings by name. */
    int[] nameRanks() {
        Integer[] byName = new Integer[names.size()];
        for (int i = 0; i < byName.length; i++) {
            byName[i] = i;
        }
        Arrays.sort(byName, Comparator.comparing(names::name));
        int[] rank = new int[byName.length];
        for (int r = 0; r < byName.length; r++) {
            rank[byName[r]] = r;
        }
        return rank;
    }

    private int find(String stack) {
        int node = NodeTable.ROOT;
        for (String frame : stack.split(";", -1)) {
            int name = names.find(frame);
            node = name < 0 ? -1 : nodes.child(node, name);
            if (node < 0) {
                return -1;
            }
        }
        return node;
    }

    private void checkValue(long value, Object stack) {
        if (value < 0) {
            throw new IllegalArgumentException("negative value " + value + " for stack " + stack);
        }
        if (!fits(value)) {
            throw new IllegalArgumentException("value " + value + " for stack " + stack
                    + " would overflow the 64-bit total " + total());
        }
    }

    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        return h;
    }
}
