package io.flamestore.internal.tree;

import java.util.Arrays;

/**
 * Interns frame names to dense ids local to one tree. Lookups can be made straight from a slice of a
 * {@code char[]} so that parsing collapsed stacks allocates a {@code String} only for names it has not
 * seen before; real profiles repeat the same few thousand frames millions of times.
 *
 * <p>The hash covers the length and the last {@value #HASHED_TAIL} characters only: frame names share
 * long package prefixes and differ at the end (method, line number), so hashing the whole name would
 * cost a pass over every character for little spread. Equality is checked on a {@code char[]} copy of
 * each name, where the JDK compares many characters at a time.
 */
public final class NameTable {
    private static final int HASHED_TAIL = 16;

    private String[] names = new String[64];
    private char[][] chars = new char[64][];
    private int[] hashes = new int[64];
    private int size;
    private int[] slots = newSlots(128);

    public int size() {
        return size;
    }

    public String name(int id) {
        if (id < 0 || id >= size) {
            throw new IndexOutOfBoundsException("name id " + id + " of " + size);
        }
        return names[id];
    }

    /** The id of {@code name}, adding it if new. */
    public int intern(String name) {
        char[] text = name.toCharArray();
        int hash = hash(text, 0, text.length);
        int slot = probe(text, 0, text.length, hash);
        return slots[slot] >= 0 ? slots[slot] : add(name, text, hash, slot);
    }

    /** The id of the name held in {@code text[from, to)}, adding it if new. */
    public int intern(char[] text, int from, int to) {
        int hash = hash(text, from, to);
        int slot = probe(text, from, to, hash);
        if (slots[slot] >= 0) {
            return slots[slot];
        }
        return add(new String(text, from, to - from), Arrays.copyOfRange(text, from, to), hash, slot);
    }

    /** The id of {@code name}, or -1 if this table does not hold it. */
    public int find(String name) {
        char[] text = name.toCharArray();
        return slots[probe(text, 0, text.length, hash(text, 0, text.length))];
    }

    private static int hash(char[] text, int from, int to) {
        int h = to - from;
        for (int i = Math.max(from, to - HASHED_TAIL); i < to; i++) {
            h = 31 * h + text[i];
        }
        return h ^ (h >>> 16);
    }

    /** The slot holding the name, or the empty slot where it would go. */
    private int probe(char[] text, int from, int to, int hash) {
        int slot = hash & (slots.length - 1);
        for (int id; (id = slots[slot]) >= 0; slot = (slot + 1) & (slots.length - 1)) {
            if (hashes[id] == hash && Arrays.equals(chars[id], 0, chars[id].length, text, from, to)) {
                break;
            }
        }
        return slot;
    }

    private int add(String name, char[] text, int hash, int slot) {
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            chars = Arrays.copyOf(chars, size * 2);
            hashes = Arrays.copyOf(hashes, size * 2);
        }
        int id = size++;
        names[id] = name;
        chars[id] = text;
        hashes[id] = hash;
        slots[slot] = id;
        if (size * 2 > slots.length) {
            rehash();
        }
        return id;
    }

    private void rehash() {
        slots = newSlots(slots.length * 2);
        for (int id = 0; id < size; id++) {
            int slot = hashes[id] & (slots.length - 1);
            while (slots[slot] >= 0) {
                slot = (slot + 1) & (slots.length - 1);
            }
            slots[slot] = id;
        }
    }

    private static int[] newSlots(int capacity) {
        int[] s = new int[capacity];
        Arrays.fill(s, -1);
        return s;
    }
}
