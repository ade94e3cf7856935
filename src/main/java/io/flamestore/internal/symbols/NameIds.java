package io.flamestore.internal.symbols;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Symbol ids of names seen as strings: open addressing over parallel arrays (hash, name, id), so a
 * lookup compares cached hash codes in one array before touching a string, with no entry objects or
 * boxed ids to chase. Encoding a tree looks up every distinct name it holds, on every put.
 *
 * <p>{@link #get} may run in any number of threads at once, and alongside {@link #put}, which its
 * callers serialise: a slot's name is published (with release semantics) after its hash and id, and
 * a grown table only once it is full, so a reader finds a name with its id or not at all. Puts to one
 * partition from several threads then look their names up without waiting for each other.
 */
public final class NameIds {
    /** Returned by {@link #get} for a name not held. */
    public static final int MISSING = -1;
    private static final VarHandle NAMES = MethodHandles.arrayElementVarHandle(String[].class);

    private record Table(int[] hashes, String[] names, int[] ids) {
        Table(int capacity) {
            this(new int[capacity], new String[capacity], new int[capacity]);
        }
    }

    private volatile Table table = new Table(256);
    private int size;

    public int get(String name) {
        Table t = table;
        int hash = name.hashCode();
        int mask = t.names.length - 1;
        for (int slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
            String held = (String) NAMES.getAcquire(t.names, slot);
            if (held == null) {
                return MISSING;
            }
            if (t.hashes[slot] == hash && (held == name || held.equals(name))) {
                return t.ids[slot];
            }
        }
    }

    /** Adds a name not held yet; callers serialise calls. */
    public void put(String name, int id) {
        if (2 * (size + 1) > table.names.length) {
            Table grown = new Table(table.names.length * 2);
            Table old = table;
            for (int i = 0; i < old.names.length; i++) {
                if (old.names[i] != null) {
                    insert(grown, old.names[i], old.hashes[i], old.ids[i]);
                }
            }
            table = grown;
        }
        insert(table, name, name.hashCode(), id);
        size++;
    }

    private static void insert(Table t, String name, int hash, int id) {
        int mask = t.names.length - 1;
        int slot = spread(hash) & mask;
        while (t.names[slot] != null) {
            slot = (slot + 1) & mask;
        }
        t.hashes[slot] = hash;
        t.ids[slot] = id;
        NAMES.setRelease(t.names, slot, name);
    }

    /** String hash codes of similar names differ in low bits only a little; mix the high bits in. */
    private static int spread(int hash) {
        return hash ^ (hash >>> 16) ^ (hash >>> 7);
    }
}
