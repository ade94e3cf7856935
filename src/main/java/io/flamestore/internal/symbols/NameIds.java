package io.flamestore.internal.symbols;

/**
 * Symbol ids of names seen as strings: open addressing over parallel arrays (hash, name, id), so a
 * lookup compares cached hash codes in one array before touching a string, with no entry objects or
 * boxed ids to chase. Encoding a tree looks up every distinct name it holds, on every put.
 */
public final class NameIds {
    /** Returned by {@link #get} for a name not held. */
    public static final int MISSING = -1;

    private int[] hashes = new int[256];
    private String[] names = new String[256];
    private int[] ids = new int[256];
    private int size;

    public int get(String name) {
        int hash = name.hashCode();
        int mask = names.length - 1;
        for (int slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
            String held = names[slot];
            if (held == null) {
                return MISSING;
            }
            if (hashes[slot] == hash && (held == name || held.equals(name))) {
                return ids[slot];
            }
        }
    }

    public void put(String name, int id) {
        if (2 * (size + 1) > names.length) {
            grow();
        }
        int hash = name.hashCode();
        int mask = names.length - 1;
        int slot = spread(hash) & mask;
        while (names[slot] != null && !(hashes[slot] == hash && names[slot].equals(name))) {
            slot = (slot + 1) & mask;
        }
        if (names[slot] == null) {
            size++;
        }
        hashes[slot] = hash;
        names[slot] = name;
        ids[slot] = id;
    }

    private void grow() {
        String[] oldNames = names;
        int[] oldIds = ids;
        hashes = new int[oldNames.length * 2];
        names = new String[oldNames.length * 2];
        ids = new int[oldNames.length * 2];
        size = 0;
        for (int i = 0; i < oldNames.length; i++) {
            if (oldNames[i] != null) {
                put(oldNames[i], oldIds[i]);
            }
        }
    }

    /** String hash codes of similar names differ in low bits only a little; mix the high bits in. */
    private static int spread(int hash) {
        return hash ^ (hash >>> 16) ^ (hash >>> 7);
    }
}
