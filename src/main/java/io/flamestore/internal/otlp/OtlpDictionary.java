package io.flamestore.internal.otlp;

import io.flamestore.ProfileFormatException;
import io.flamestore.internal.pprof.PprofConventions;
import io.flamestore.internal.proto.ProtoReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The request-wide {@code ProfilesDictionary} of OTLP profiles ({@code v1development}, the layout
 * with a {@code stack_table}): every profile of a request refers into these tables by index. Index 0
 * of each table is the zero-value entry by convention, so an unset index field needs no special case.
 * Entries keep their byte offset so that a dangling reference is reported where it was written.
 */
final class OtlpDictionary {
    private record Mapping(int filename) {
    }

    private record Location(int offset, int mapping, long address, int[] functions) {
    }

    private record Function(int offset, int name, int systemName) {
    }

    private record Stack(int offset, int[] locations) {
    }

    /** A string-valued attribute; {@code value} is null for other value types, which make no label. */
    private record Attribute(int offset, int key, String value) {
    }

    private final List<Mapping> mappings = new ArrayList<>();
    private final List<Location> locations = new ArrayList<>();
    private final List<Function> functions = new ArrayList<>();
    private final List<String> strings = new ArrayList<>();
    private final List<Attribute> attributes = new ArrayList<>();
    private final List<Stack> stacks = new ArrayList<>();
    /** Stacks resolved once: many samples of a profile share a stack. */
    private final Map<Integer, List<String>> resolvedStacks = new HashMap<>();

    /**
     * Appends the tables of one {@code dictionary} field: protobuf merges a repeated embedded message
     * by concatenating its repeated fields, so several such fields add up to one dictionary.
     */
    void read(ProtoReader r) throws ProfileFormatException {
        while (r.next()) {
            int offset = r.fieldOffset();
            switch (r.field()) {
                case 1 -> mappings.add(mapping(r.message()));
                case 2 -> locations.add(location(offset, r.message()));
                case 3 -> functions.add(function(offset, r.message()));
                case 5 -> strings.add(r.string());
                case 6 -> attributes.add(attribute(offset, r.message()));
                case 7 -> stacks.add(new Stack(offset, OtlpFields.indices(r.message(), 1)));
                default -> r.skip(); // links (4) tie samples to traces; a flame graph has no use for them
            }
        }
    }

    /** Entry {@code index} of the string table; a reference past its end is an error at {@code offset}. */
    String string(int index, int offset) throws ProfileFormatException {
        if (index == 0 && strings.isEmpty()) {
            return ""; // entry 0 is "" by definition, so an export that needs no other string may omit the table
        }
        return strings.get(check(index, strings.size(), "string", offset));
    }

    /** The attribute's key and string value, or null if its value is not a string. */
    Map.Entry<String, String> stringAttribute(int index, int offset) throws ProfileFormatException {
        Attribute a = attributes.get(check(index, attributes.size(), "attribute", offset));
        return a.value() == null ? null : Map.entry(string(a.key(), a.offset()), a.value());
    }

    /**
     * The frames of stack {@code index}, root first: the stack lists locations leaf first, and a
     * location lists its lines (inlined functions) innermost first, as pprof does.
     */
    List<String> frames(int index, int offset) throws ProfileFormatException {
        List<String> known = resolvedStacks.get(index);
        if (known != null) {
            return known;
        }
        Stack stack = stacks.get(check(index, stacks.size(), "stack", offset));
        List<String> frames = new ArrayList<>();
        for (int i = stack.locations().length - 1; i >= 0; i--) {
            Location location = locations.get(check(stack.locations()[i], locations.size(), "location", stack.offset()));
            int named = frames.size();
            for (int line = location.functions().length - 1; line >= 0; line--) {
                Function f = functions.get(check(location.functions()[line], functions.size(), "function", location.offset()));
                String name = string(f.name(), f.offset());
                name = name.isEmpty() ? string(f.systemName(), f.offset()) : name;
                if (!name.isEmpty()) {
                    frames.add(name);
                }
            }
            if (frames.size() == named) {
                frames.add(unsymbolized(location));
            }
        }
        List<String> resolved = frames.isEmpty() ? List.of(PprofConventions.NO_STACK) : List.copyOf(frames);
        resolvedStacks.put(index, resolved);
        return resolved;
    }

    /** The name of a location without named functions: its address, else its mapping's file name. */
    private String unsymbolized(Location location) throws ProfileFormatException {
        if (location.address() != 0) {
            return "0x" + Long.toHexString(location.address());
        }
        // Index 0 needs no entry: writers may leave the mapping table out altogether.
        String file = location.mapping() == 0 && mappings.isEmpty() ? ""
                : string(mappings.get(check(location.mapping(), mappings.size(), "mapping", location.offset())).filename(),
                        location.offset());
        return file.isEmpty() ? "[unknown]" : file;
    }

    private static int check(int index, int size, String table, int offset) throws ProfileFormatException {
        if (index < 0 || index >= size) {
            throw ProfileFormatException.atOffset(OtlpFields.SOURCE, offset, "refers to " + table + " " + index
                    + ", but the dictionary's " + table + " table has " + size + " entries");
        }
        return index;
    }

    private static Mapping mapping(ProtoReader r) throws ProfileFormatException {
        int filename = 0;
        while (r.next()) {
            if (r.field() == 4) {
                filename = OtlpFields.index(r);
            } else {
                r.skip();
            }
        }
        return new Mapping(filename);
    }

    private static Location location(int offset, ProtoReader r) throws ProfileFormatException {
        int mapping = 0;
        long address = 0;
        List<Integer> functions = new ArrayList<>();
        while (r.next()) {
            switch (r.field()) {
                case 1 -> mapping = OtlpFields.index(r);
                case 2 -> address = r.varint();
                case 3 -> functions.add(lineFunction(r.message()));
                default -> r.skip();
            }
        }
        return new Location(offset, mapping, address, functions.stream().mapToInt(Integer::intValue).toArray());
    }

    /** A line's function: line and column numbers are left out, as frames are named by function. */
    private static int lineFunction(ProtoReader line) throws ProfileFormatException {
        long function = line.varintField(1);
        if (function != (int) function) {
            throw line.fieldError("function index " + function + " is not an int32");
        }
        return (int) function;
    }

    private static Function function(int offset, ProtoReader r) throws ProfileFormatException {
        int name = 0;
        int systemName = 0;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> name = OtlpFields.index(r);
                case 2 -> systemName = OtlpFields.index(r);
                default -> r.skip();
            }
        }
        return new Function(offset, name, systemName);
    }

    private static Attribute attribute(int offset, ProtoReader r) throws ProfileFormatException {
        int key = 0;
        String value = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> key = OtlpFields.index(r);
                case 2 -> value = OtlpFields.stringValue(r.message());
                default -> r.skip();
            }
        }
        return new Attribute(offset, key, value);
    }
}
