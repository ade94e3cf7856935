package io.flamestore.internal.tree;

import java.util.Arrays;

/**
 * Open-addressing map from non-negative {@code long} keys to {@code int} values, with no per-entry
 * objects. Call-tree child lookups and trie edges go through it millions of times per profile, so it
 * stays primitive: a boxed {@code HashMap} would cost one object per node, which is what made the
 * anchor's trees run out of memory.
 */
public final class LongIntHashMap {
    private static final long EMPTY = -1L;
    /** Returned by {@link #get} for an absent key. */
    public static final int MISSING = -1;

    private long[] keys;
    private int[] values;
    private int mask;
    private int size;

    public LongIntHashMap(int expectedSize) {
        int capacity = Integer.highestOneBit(Math.max(4, expectedSize * 2 - 1)) << 1;
        allocate(capacity);
    }

    public int size() {
        return size;
    }

    public int get(long key) {
        for (int slot = slotOf(key); ; slot = (slot + 1) & mask) {
            long k = keys[slot];
            if (k == key) {
                return values[slot];
            }
            if (k == EMPTY) {
                return MISSING;
            }
        }
    }

    /** Stores {@code value} under {@code key}, replacing any previous value. */
    public void put(long key, int value) {
        if (key < 0) {
            throw new IllegalArgumentException("negative key " + key);
        }
        int slot = slotOf(key);
        while (keys[slot] != EMPTY && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        if (keys[slot] == EMPTY) {
            keys[slot] = key;
            size++;
        }
        values[slot] = value;
        if (size * 3 > keys.length * 2) {
            rehash(keys.length << 1);
        }
    }

    /** Grows the table at once to hold {@code expectedSize} entries without rehashing on the way. */
    public void ensureCapacity(int expectedSize) {
        int capacity = Integer.highestOneBit(Math.max(4, expectedSize * 2 - 1)) << 1;
        if (capacity > keys.length) {
            rehash(capacity);
        }
    }

    private int slotOf(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        values = new int[capacity];
        Arrays.fill(keys, EMPTY);
        mask = capacity - 1;
        size = 0;
    }

    private void rehash(int capacity) {
        long[] oldKeys = keys;
        int[] oldValues = values;
        allocate(capacity);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }
}
