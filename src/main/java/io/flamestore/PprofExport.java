package io.flamestore;

import io.flamestore.internal.proto.ProtoWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a tree as a gzipped profile.proto {@code Profile}: the sample type, one sample per stack
 * (location ids leaf first, as pprof expects), then one function and one location per frame name
 * (function i and location i share id i + 1), then the string table.
 */
final class PprofExport {
    private PprofExport() {
    }

    static byte[] export(Tree tree, PprofProfile.ValueType sampleType) {
        Map<String, Integer> strings = new LinkedHashMap<>();
        strings.put("", 0);
        Map<String, Integer> functionIds = new LinkedHashMap<>();
        ProtoWriter profile = new ProtoWriter();
        profile.message(1, new ProtoWriter()
                .varint(1, index(strings, sampleType.type()))
                .varint(2, index(strings, sampleType.unit())));
        tree.forEachStack((frames, self) -> profile.message(2, sample(frames, self, functionIds)));
        for (Map.Entry<String, Integer> function : functionIds.entrySet()) {
            long id = function.getValue();
            profile.message(4, new ProtoWriter().varint(1, id).message(4, new ProtoWriter().varint(1, id)));
            profile.message(5, new ProtoWriter().varint(1, id).varint(2, index(strings, function.getKey())));
        }
        for (String string : strings.keySet()) {
            profile.string(6, string);
        }
        return gzip(profile.toByteArray());
    }

    private static ProtoWriter sample(List<String> frames, long self, Map<String, Integer> functionIds) {
        long[] locationIds = new long[frames.size()];
        for (int i = 0; i < locationIds.length; i++) {
            String leafFirst = frames.get(frames.size() - 1 - i);
            locationIds[i] = functionIds.computeIfAbsent(leafFirst, name -> functionIds.size() + 1);
        }
        return new ProtoWriter().packedVarints(1, locationIds, locationIds.length).packedVarints(2, new long[] {self}, 1);
    }

    private static int index(Map<String, Integer> strings, String string) {
        return strings.computeIfAbsent(string, s -> strings.size());
    }

    private static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 4 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }
}
