package io.flamestore.internal.storage;

import io.flamestore.CorruptDataException;
import io.flamestore.SymbolTrie;
import io.flamestore.internal.encoding.ByteReader;
import io.flamestore.internal.encoding.ByteWriter;
import io.flamestore.internal.tree.LongIntHashMap;
import io.flamestore.internal.tree.NameTable;
import io.flamestore.internal.tree.NodeTable;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A partition's call stacks: path {@code p > 0} is the stack of its parent path plus the frame named
 * by symbol {@code symbol(p)}; path 0 is the empty stack. Every series of the partition shares the
 * table, so a stack seen once is stored once, and a stored tree is only the self values of its
 * paths ({@link io.flamestore.internal.encoding.PathCounts}). Persisted as a {@link RecordLog}
 * ({@code paths.log}, magic {@code FSPA}) whose records each add the paths with the next ids:
 * <pre>
 * payload := firstId:varint (parent:varint symbol:varint)+
 * </pre>
 * Paths are appended after the names they use and before any stored tree that uses them.
 *
 * <p>The table lives on the heap, like the symbol table: a few int arrays and a hash index, about 40
 * bytes per distinct stack of the partition, no object per path.
 */
final class PathTable implements AutoCloseable {
    static final String FILE = "paths.log";
    /** Children searched in their list before the hash index: most stacks have one or two. */
    private static final int LIST_SEARCH = 4;
    private static final VarHandle FIRST_CHILD = MethodHandles.arrayElementVarHandle(int[].class);

    /** Paths per appended record, which keeps a record of a huge first tree under the size limit. */
    private static final int RECORD_PATHS = 1 << 20;

    private RecordLog log;
    private int size = 1;
    private int persisted;
    private int[] parents = new int[64];
    /** What lookups without the lock read; replaced whole, under the lock, when it grows. */
    private volatile Links links = new Links(new int[64], new int[64], new int[64]);
    private final LongIntHashMap children = new LongIntHashMap(64);

    /**
     * Each path's symbol, and the child lists (first child, next sibling; 0 ends a list). A new path
     * is published by storing it as its parent's first child with release semantics, after its own
     * fields, so a reader who finds it in a list also sees its symbol and siblings.
     */
    private record Links(int[] symbols, int[] firstChild, int[] nextSibling) {
        Links grownTo(int capacity) {
            return new Links(Arrays.copyOf(symbols, capacity), Arrays.copyOf(firstChild, capacity),
                    Arrays.copyOf(nextSibling, capacity));
        }
    }

    /** The paths of ids below {@code size}, which never change once added. */
    record View(int[] parents, int[] symbols, int size) {
    }

    private PathTable() {
    }

    /** Opens or creates the table of {@code dir}, whose names are ids below {@code symbolCount}. */
    static PathTable open(Path dir, int symbolCount) throws IOException {
        Path file = dir.resolve(FILE);
        PathTable table = new PathTable();
        table.log = RecordLog.open(file, "FSPA", (payload, offset) -> {
            ByteReader in = new ByteReader(payload, 0, payload.limit(), file.toString());
            int first = in.readVarInt(Integer.MAX_VALUE, "first path id");
            if (first != table.size) {
                throw new CorruptDataException(file.toString(), offset, "path record starts at id " + first
                        + " but " + table.size + " paths precede it");
            }
            while (in.remaining() > 0) {
                int parent = in.readVarInt(table.size - 1, "parent path");
                int symbol = in.readVarInt(symbolCount - 1, "symbol id");
                if (table.child(parent, symbol) != LongIntHashMap.MISSING) {
                    throw new CorruptDataException(file.toString(), offset, "path (" + parent + ", " + symbol + ") repeated");
                }
                table.add(parent, symbol);
            }
        });
        table.persisted = table.size;
        return table;
    }

    synchronized int size() {
        return size;
    }

    synchronized View view() {
        return new View(parents, links.symbols(), size);
    }

    /**
     * The path of every node of a tree into {@code paths}, adding the names and paths it lacks; the
     * root's path is 0. {@code symbolOfName} (both arrays at least as long as the tree's tables) is
     * work space for the symbol of each of the tree's names, looked up at its first use: an entry
     * holds {@code stamp << 32 | symbol}, and one with another stamp is from an earlier tree, so the
     * array need not be cleared between trees. Known paths near the head of their parent's child
     * list, nearly all of them once a series has been seen, are found without the lock, so that
     * puts to one partition from several threads do not queue here.
     */
    int[] pathsOf(NameTable names, NodeTable nodes, SymbolTrie symbolTable, long[] symbolOfName, int stamp, int[] paths) {
        paths[0] = 0;
        Links seen = links;
        for (int n = 1; n < nodes.size(); n++) {
            int parent = paths[nodes.parent(n)];
            int name = nodes.name(n);
            long known = symbolOfName[name];
            int symbol;
            if ((int) (known >>> 32) == stamp) {
                symbol = (int) known;
            } else {
                symbol = symbolTable.intern(names.name(name));
                symbolOfName[name] = (long) stamp << 32 | symbol;
            }
            int path = listed(seen, parent, symbol);
            if (path == LongIntHashMap.MISSING) {
                path = pathOf(parent, symbol);
                seen = links; // the locked lookup may have grown the table past the parent ids we hold
            }
            paths[n] = path;
        }
        return paths;
    }

    /** The child found in the first entries of the parent's list, or {@code MISSING}; needs no lock. */
    private static int listed(Links links, int parent, int symbol) {
        int searched = 0;
        for (int c = (int) FIRST_CHILD.getAcquire(links.firstChild(), parent); c != 0 && searched < LIST_SEARCH;
                c = links.nextSibling()[c], searched++) {
            if (links.symbols()[c] == symbol) {
                return c;
            }
        }
        return LongIntHashMap.MISSING;
    }

    /** The path of frame {@code symbol} called from path {@code parent}, added if missing. */
    synchronized int pathOf(int parent, int symbol) {
        int path = child(parent, symbol);
        return path != LongIntHashMap.MISSING ? path : add(parent, symbol);
    }

    /** The child, searched in its list and then, for a parent with a longer list, by hash; under the lock. */
    private int child(int parent, int symbol) {
        int path = listed(links, parent, symbol);
        return path != LongIntHashMap.MISSING ? path : children.get((long) parent << 32 | symbol);
    }

    private int add(int parent, int symbol) {
        if (size == Integer.MAX_VALUE) {
            throw new IllegalStateException("a partition holds at most " + Integer.MAX_VALUE + " distinct stacks");
        }
        if (size == parents.length) {
            int capacity = (int) Math.min(Integer.MAX_VALUE, parents.length * 2L);
            parents = Arrays.copyOf(parents, capacity);
            links = links.grownTo(capacity);
        }
        Links current = links;
        int path = size++;
        parents[path] = parent;
        current.symbols()[path] = symbol;
        current.nextSibling()[path] = current.firstChild()[parent];
        FIRST_CHILD.setRelease(current.firstChild(), parent, path);
        children.put((long) parent << 32 | symbol, path);
        return path;
    }

    /**
     * Appends the paths with ids below {@code upTo} not appended yet. Every name they use must be
     * persisted first: a caller takes {@code upTo} from {@link #size} before it persists the
     * names, since a path is only added after its name, and a path another thread adds meanwhile
     * may use a name interned after that. On failure (a full disk) the record being written is not
     * appended and the next call tries again from there.
     */
    synchronized void persist(int upTo) throws IOException {
        while (persisted < upTo) {
            int end = (int) Math.min(upTo, (long) persisted + RECORD_PATHS);
            ByteWriter out = new ByteWriter(16 + (end - persisted) * 4);
            out.writeVarLong(persisted);
            for (int p = persisted; p < end; p++) {
                out.writeVarLong(parents[p]).writeVarLong(links.symbols()[p]);
            }
            log.append(out.toByteArray());
            persisted = end;
        }
    }

    void sync() throws IOException {
        log.sync();
    }

    @Override
    public void close() throws IOException {
        log.close();
    }
}
