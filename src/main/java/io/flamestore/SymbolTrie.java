package io.flamestore;

import io.flamestore.internal.encoding.ByteReader;
import io.flamestore.internal.symbols.NameIds;
import io.flamestore.internal.symbols.RadixTrie;
import io.flamestore.internal.symbols.RadixTrieCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A dictionary of frame names: each distinct name gets a small, dense, stable id (0, 1, 2, ... in
 * order of first use), and names are stored in a radix trie so that the bytes they share, such as
 * {@code java/util/concurrent/} package prefixes, are kept once. Encoded trees refer to frames by
 * these ids.
 *
 * <p>Thread-safe: any number of threads may intern and look up names at once.
 */
public final class SymbolTrie {
    private final RadixTrie trie;
    /** Names already rebuilt from the trie, by id: decoding looks every node's name up. */
    private String[] cache = new String[64];
    /**
     * Ids of names seen as strings: encoding looks up every distinct name of a tree, and a hash
     * lookup is far cheaper than encoding the name to UTF-8 and walking the trie.
     */
    private final NameIds ids = new NameIds();

    public SymbolTrie() {
        this(new RadixTrie());
    }

    private SymbolTrie(RadixTrie trie) {
        this.trie = trie;
    }

    /**
     * The id of {@code name}, assigning the next id if the name is new. A name already held is
     * found without the lock, so that threads looking names up do not queue for each other.
     */
    public int intern(String name) {
        int known = name == null ? NameIds.MISSING : ids.get(name);
        return known != NameIds.MISSING ? known : internLocked(name);
    }

    private synchronized int internLocked(String name) {
        int known = name == null ? NameIds.MISSING : ids.get(name); // another thread may have added it
        if (known != NameIds.MISSING) {
            return known;
        }
        int id = trie.intern(utf8(name));
        remember(id, name);
        return id;
    }

    /**
     * The ids of {@code names[0, count)}. Names already held are looked up without the lock, so
     * that puts from several threads do not queue here; the others are interned in order under it.
     */
    public int[] intern(String[] names, int count) {
        int[] result = new int[count];
        boolean allKnown = true;
        for (int i = 0; i < count; i++) {
            result[i] = names[i] == null ? NameIds.MISSING : ids.get(names[i]);
            allKnown &= result[i] != NameIds.MISSING;
        }
        if (!allKnown) {
            synchronized (this) {
                for (int i = 0; i < count; i++) {
                    if (result[i] == NameIds.MISSING) {
                        result[i] = internLocked(names[i]);
                    }
                }
            }
        }
        return result;
    }

    /** The id of {@code name}, or -1 if it was never interned. */
    public synchronized int find(String name) {
        int known = name == null ? NameIds.MISSING : ids.get(name);
        return known != NameIds.MISSING ? known : trie.find(utf8(name));
    }

    /** The name with this id. */
    public synchronized String name(int id) {
        if (id >= 0 && id < cache.length && cache[id] != null) {
            return cache[id];
        }
        String name = new String(trie.nameBytes(id), StandardCharsets.UTF_8);
        remember(id, name);
        return name;
    }

    /** Number of names held. */
    public synchronized int size() {
        return trie.nameCount();
    }

    /** Number of trie nodes, the root included. */
    public synchronized int nodeCount() {
        return trie.nodeCount();
    }

    /** Bytes of name text stored after prefix sharing (the sum of all edge labels). */
    public synchronized int labelBytes() {
        return trie.labelBytes();
    }

    /** The symbol-table encoding described in {@code docs/storage-format.md}. */
    public synchronized byte[] encode() {
        return RadixTrieCodec.encode(trie);
    }

    /** Decodes what {@link #encode()} wrote. */
    public static SymbolTrie decode(byte[] bytes) throws CorruptDataException {
        return decode(ByteBuffer.wrap(bytes), 0, bytes.length);
    }

    /** Decodes the encoding held in {@code buffer[offset, offset + length)}; offsets in errors are relative to {@code offset}. */
    public static SymbolTrie decode(ByteBuffer buffer, int offset, int length) throws CorruptDataException {
        return new SymbolTrie(RadixTrieCodec.decode(new ByteReader(buffer, offset, length, "symbol table")));
    }

    private void remember(int id, String name) {
        if (id >= cache.length) {
            cache = Arrays.copyOf(cache, Math.max(id + 1, cache.length * 2));
        }
        cache[id] = name;
        ids.put(name, id);
    }

    /**
     * UTF-8 bytes of a frame name. Names that UTF-8 cannot hold exactly are refused rather than
     * mangled, and so is NUL, which the encoding uses as terminator.
     */
    private static byte[] utf8(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a symbol must be a non-empty string, got "
                    + (name == null ? "null" : "\"\""));
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a symbol must not contain NUL, got \"" + name.replace("\0", "\\0") + "\"");
        }
        // A check by hand: a strict CharsetEncoder costs more to create than the whole name costs
        // to encode, and a partition's first puts encode thousands of new names.
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("symbol contains an unpaired surrogate: " + name);
            }
        }
        return name.getBytes(StandardCharsets.UTF_8);
    }
}
