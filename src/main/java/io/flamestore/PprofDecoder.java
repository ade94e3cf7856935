package io.flamestore;

import io.flamestore.internal.proto.ProtoReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes the bytes of a profile.proto {@code Profile}. Its top-level fields may come in any order (the
 * string table is often last), so the first pass keeps each table raw and the samples undecoded;
 * then functions and locations are resolved to frame names, then samples to stacks of those frames.
 */
final class PprofDecoder {
    private record Function(long id, long name, long systemName, int offset) {
    }

    private record Location(long id, long mappingId, long address, long[] functionIds, int offset) {
    }

    private record Mapping(long id, long filename, int offset) {
    }

    private record RawType(long type, long unit, int offset) {
    }

    private record RawSample(ProtoReader body, int offset) {
    }

    private final String source;
    private final List<String> strings = new ArrayList<>();
    private final List<RawType> types = new ArrayList<>();
    private final List<RawSample> samples = new ArrayList<>();
    private final List<Function> functions = new ArrayList<>();
    private final List<Location> locations = new ArrayList<>();
    private final List<Mapping> mappings = new ArrayList<>();
    private RawType periodType;
    private long period;
    private long timeNanos;
    private long durationNanos;
    private long defaultType;

    private PprofDecoder(String source) {
        this.source = source;
    }

    static PprofProfile decode(byte[] bytes, String source) throws ProfileFormatException {
        PprofDecoder decoder = new PprofDecoder(source);
        decoder.readProfile(new ProtoReader(bytes, source));
        return decoder.profile();
    }

    private void readProfile(ProtoReader r) throws ProfileFormatException {
        while (r.next()) {
            switch (r.field()) {
                case 1 -> types.add(valueType(r));
                case 2 -> samples.add(new RawSample(r.message(), r.fieldOffset()));
                case 3 -> mappings.add(mapping(r.fieldOffset(), r.message()));
                case 4 -> locations.add(location(r.fieldOffset(), r.message()));
                case 5 -> functions.add(function(r.fieldOffset(), r.message()));
                case 6 -> strings.add(r.string());
                case 9 -> timeNanos = r.varint();
                case 10 -> durationNanos = r.varint();
                case 11 -> periodType = valueType(r);
                case 12 -> period = r.varint();
                case 14 -> defaultType = r.varint();
                default -> r.skip(); // drop/keep_frames, comments: not needed for trees
            }
        }
    }

    private static RawType valueType(ProtoReader outer) throws ProfileFormatException {
        int offset = outer.fieldOffset();
        ProtoReader r = outer.message();
        long type = 0;
        long unit = 0;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> type = r.varint();
                case 2 -> unit = r.varint();
                default -> r.skip();
            }
        }
        return new RawType(type, unit, offset);
    }

    private static Mapping mapping(int offset, ProtoReader r) throws ProfileFormatException {
        long id = 0;
        long filename = 0;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> id = r.varint();
                case 5 -> filename = r.varint();
                default -> r.skip();
            }
        }
        return new Mapping(id, filename, offset);
    }

    private static Location location(int offset, ProtoReader r) throws ProfileFormatException {
        long id = 0;
        long mappingId = 0;
        long address = 0;
        long[] functionIds = new long[0];
        while (r.next()) {
            switch (r.field()) {
                case 1 -> id = r.varint();
                case 2 -> mappingId = r.varint();
                case 3 -> address = r.varint();
                case 4 -> {
                    functionIds = Arrays.copyOf(functionIds, functionIds.length + 1);
                    functionIds[functionIds.length - 1] = r.message().varintField(1); // Line.function_id
                }
                default -> r.skip();
            }
        }
        return new Location(id, mappingId, address, functionIds, offset);
    }

    private static Function function(int offset, ProtoReader r) throws ProfileFormatException {
        long id = 0;
        long name = 0;
        long systemName = 0;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> id = r.varint();
                case 2 -> name = r.varint();
                case 3 -> systemName = r.varint();
                default -> r.skip();
            }
        }
        return new Function(id, name, systemName, offset);
    }

    private PprofProfile profile() throws ProfileFormatException {
        List<PprofProfile.ValueType> valueTypes = new ArrayList<>();
        int defaultIndex = 0;
        for (RawType type : types) {
            if (type.type() == defaultType && defaultType != 0) {
                defaultIndex = valueTypes.size();
            }
            valueTypes.add(resolve(type));
        }
        List<String> frameNames = new ArrayList<>();
        int[][] locationFrames = locationFrames(frameNames);
        PprofIds locationIds = PprofIds.of(locations, Location::id, Location::offset, "location", source);
        PprofSampleDecoder decoder = new PprofSampleDecoder(source, valueTypes.size(), locationIds, locationFrames,
                frameNames, strings);
        for (RawSample sample : samples) {
            decoder.add(sample.body(), sample.offset());
        }
        for (int i = valueTypes.size(); i < decoder.typeCount(); i++) {
            valueTypes.add(new PprofProfile.ValueType(i == 0 ? "samples" : "samples" + i, "count"));
        }
        return new PprofProfile(valueTypes, defaultIndex, decoder.samples(),
                periodType == null ? null : resolve(periodType), period, timeNanos, durationNanos);
    }

    /** The frames of each location, leaf first, as indexes into {@code frameNames}, which this fills. */
    private int[][] locationFrames(List<String> frameNames) throws ProfileFormatException {
        PprofIds functionIds = PprofIds.of(functions, Function::id, Function::offset, "function", source);
        PprofIds mappingIds = PprofIds.of(mappings, Mapping::id, Mapping::offset, "mapping", source);
        String[] functionNames = new String[functions.size()];
        for (int i = 0; i < functionNames.length; i++) {
            Function f = functions.get(i);
            String name = string(strings, f.name(), f.offset(), source);
            functionNames[i] = name.isEmpty() ? string(strings, f.systemName(), f.offset(), source) : name;
        }
        Map<String, Integer> frameIds = new HashMap<>();
        int[][] frames = new int[locations.size()][];
        for (int i = 0; i < frames.length; i++) {
            Location location = locations.get(i);
            int[] ids = new int[location.functionIds().length];
            int count = 0;
            for (long functionId : location.functionIds()) {
                int function = functionIds.find(functionId);
                if (function < 0 && functionId != 0) {
                    throw ProfileFormatException.atOffset(source, location.offset(), "location refers to function id "
                            + Long.toUnsignedString(functionId) + ", which does not exist");
                }
                if (function >= 0 && !functionNames[function].isEmpty()) {
                    ids[count++] = frameId(functionNames[function], frameIds, frameNames);
                }
            }
            frames[i] = count > 0 ? Arrays.copyOf(ids, count)
                    : new int[] {frameId(unsymbolized(location, mappingIds), frameIds, frameNames)};
        }
        return frames;
    }

    /** The name of a location without (named) functions: its address, else its mapping's file name. */
    private String unsymbolized(Location location, PprofIds mappingIds) throws ProfileFormatException {
        if (location.address() != 0) {
            return "0x" + Long.toHexString(location.address());
        }
        int mapping = mappingIds.find(location.mappingId());
        if (mapping < 0 && location.mappingId() != 0) {
            throw ProfileFormatException.atOffset(source, location.offset(), "location refers to mapping id "
                    + Long.toUnsignedString(location.mappingId()) + ", which does not exist");
        }
        String file = mapping < 0 ? "" : string(strings, mappings.get(mapping).filename(), location.offset(), source);
        return file.isEmpty() ? "[unknown]" : file;
    }

    private static int frameId(String name, Map<String, Integer> frameIds, List<String> frameNames) {
        return frameIds.computeIfAbsent(name, n -> {
            frameNames.add(n);
            return frameNames.size() - 1;
        });
    }

    private PprofProfile.ValueType resolve(RawType type) throws ProfileFormatException {
        return new PprofProfile.ValueType(string(strings, type.type(), type.offset(), source),
                string(strings, type.unit(), type.offset(), source));
    }

    /** Entry {@code index} of the string table; a reference past its end is an error at {@code offset}. */
    static String string(List<String> strings, long index, int offset, String source) throws ProfileFormatException {
        if (index == 0 && strings.isEmpty()) {
            return ""; // entry 0 must be "": a writer may leave an empty table out entirely
        }
        if (index < 0 || index >= strings.size()) {
            throw ProfileFormatException.atOffset(source, offset, "string index " + Long.toUnsignedString(index)
                    + " is outside the string table of " + strings.size() + " entries");
        }
        return strings.get((int) index);
    }
}
