package io.flamestore;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * Finds the position of a pprof function, location or mapping by its id. Writers usually number
 * entries 1, 2, 3, ... in order, which needs no map at all. An entry whose id is 0 (the field left
 * out, as some writers do when they refer to entries by position) takes its 1-based position as id.
 */
final class PprofIds {
    /** Null when every entry's id is its 1-based position. */
    private final Map<Long, Integer> positions;
    private final int size;

    private PprofIds(Map<Long, Integer> positions, int size) {
        this.positions = positions;
        this.size = size;
    }

    /** The index of {@code ids}, or a duplicate id reported at the offset of the second entry holding it. */
    static <T> PprofIds of(List<T> entries, ToLongFunction<T> idOf, ToIntFunction<T> offsetOf, String what,
            String source) throws ProfileFormatException {
        boolean sequential = true;
        for (int i = 0; i < entries.size() && sequential; i++) {
            long id = idOf.applyAsLong(entries.get(i));
            sequential = id == i + 1 || id == 0;
        }
        if (sequential) {
            return new PprofIds(null, entries.size());
        }
        Map<Long, Integer> positions = new HashMap<>(entries.size() * 2);
        for (int i = 0; i < entries.size(); i++) {
            long id = idOf.applyAsLong(entries.get(i));
            id = id == 0 ? i + 1 : id;
            if (positions.putIfAbsent(id, i) != null) {
                throw ProfileFormatException.atOffset(source, offsetOf.applyAsInt(entries.get(i)),
                        what + " id " + Long.toUnsignedString(id) + " is used twice");
            }
        }
        return new PprofIds(positions, entries.size());
    }

    /** The position of the entry with {@code id}, or -1 if there is none. */
    int find(long id) {
        if (positions == null) {
            return id >= 1 && id <= size ? (int) (id - 1) : -1;
        }
        Integer position = positions.get(id);
        return position == null ? -1 : position;
    }
}
