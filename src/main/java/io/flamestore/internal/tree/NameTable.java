package io.flamestore.internal.tree;

import java.util.Arrays;

/**
 * Interns frame names to dense ids local to one tree. Lookups can be made straight from a slice of a
 * {@code char[]} so that parsing collapsed stacks allocates a {@code String} only for names it has not
 * seen before; real profiles repeat the same few thousand frames millions of times.
 */
public final class NameTable {
    private String[] names = new String[64];
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
        int hash = name.hashCode();
        int slot = probe(name, hash);
        return slots[slot] >= 0 ? slots[slot] : add(name, hash, slot);
    }

    /** The id of the name held in {@code chars[from, to)}, adding it if new. */
    public int intern(char[] chars, int from, int to) {
        int hash = 0;
        for (int i = from; i < to; i++) {
            hash = 31 * hash + chars[i]; // String.hashCode, so both intern paths agree
        }
        int slot = hash & (slots.length - 1);
        for (int id; (id = slots[slot]) >= 0; slot = (slot + 1) & (slots.length - 1)) {
            if (hashes[id] == hash && sameChars(names[id], chars, from, to)) {
                return id;
            }
        }
        return add(new String(chars, from, to - from), hash, slot);
    }

    /** The id of {@code name}, or -1 if this table does not hold it. */
    public int find(String name) {
        return slots[probe(name, name.hashCode())];
    }

    /** The slot holding {@code name}, or the empty slot where it would go. */
    private int probe(String name, int hash) {
        int slot = hash & (slots.length - 1);
        for (int id; (id = slots[slot]) >= 0; slot = (slot + 1) & (slots.length - 1)) {
            if (hashes[id] == hash && names[id].equals(name)) {
                break;
            }
        }
        return slot;
    }

    private static boolean sameChars(String name, char[] chars, int from, int to) {
        if (name.length() != to - from) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (name.charAt(i - from) != chars[i]) {
                return false;
            }
        }
        return true;
    }

    private int add(String name, int hash, int slot) {
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            hashes = Arrays.copyOf(hashes, size * 2);
        }
        int id = size++;
        names[id] = name;
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
