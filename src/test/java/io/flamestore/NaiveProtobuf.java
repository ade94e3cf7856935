package io.flamestore;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Just enough of the protobuf wire format, written for the tests apart from the code under test, to
 * read the Java agent's {@code LabelsSnapshot} (context id to its labels), a pprof profile's
 * sample totals, and the sample values of an OTLP profiles export.
 */
final class NaiveProtobuf {
    private final byte[] bytes;
    private int pos;
    private final int end;

    private NaiveProtobuf(byte[] bytes, int from, int to) {
        this.bytes = bytes;
        this.pos = from;
        this.end = to;
    }

    /** {@code contexts} (field 1) resolved through {@code strings} (field 2). */
    static Map<Long, Map<String, String>> labelsSnapshot(byte[] bytes) {
        Map<Long, List<long[]>> contexts = new HashMap<>();
        Map<Long, String> strings = new HashMap<>();
        for (long[] field : new NaiveProtobuf(bytes, 0, bytes.length).fields()) {
            Map<Integer, long[]> entry = new NaiveProtobuf(bytes, (int) field[1], (int) field[2]).byNumber();
            long key = entry.containsKey(1) ? entry.get(1)[1] : 0;
            long[] value = entry.get(2);
            if (field[0] == 1) {
                List<long[]> pairs = new ArrayList<>();
                for (long[] label : new NaiveProtobuf(bytes, (int) value[1], (int) value[2]).fields()) {
                    Map<Integer, long[]> kv = new NaiveProtobuf(bytes, (int) label[1], (int) label[2]).byNumber();
                    pairs.add(new long[] {kv.get(1)[1], kv.get(2)[1]});
                }
                contexts.put(key, pairs);
            } else if (field[0] == 2) {
                strings.put(key, new String(bytes, (int) value[1], (int) (value[2] - value[1]), StandardCharsets.UTF_8));
            }
        }
        Map<Long, Map<String, String>> resolved = new HashMap<>();
        contexts.forEach((id, pairs) -> {
            Map<String, String> labels = new TreeMap<>();
            pairs.forEach(p -> labels.put(strings.get(p[0]), strings.get(p[1])));
            resolved.put(id, labels);
        });
        return resolved;
    }

    /**
     * A pprof {@code Profile}'s sample values summed per sample type ({@code sample_type} = 1,
     * {@code sample} = 2 with its {@code value} = 2 packed or not, {@code string_table} = 6), keyed
     * {@code type/unit}.
     */
    static Map<String, Long> pprofTotals(byte[] bytes) {
        List<long[]> types = new ArrayList<>();
        List<Long> sums = new ArrayList<>();
        List<String> strings = new ArrayList<>();
        for (long[] field : new NaiveProtobuf(bytes, 0, bytes.length).fields()) {
            if (field[0] == 1) {
                Map<Integer, long[]> type = new NaiveProtobuf(bytes, (int) field[1], (int) field[2]).byNumber();
                long[] absent = {0, 0}; // proto3 leaves out zeros: string 0, the empty string
                types.add(new long[] {type.getOrDefault(1, absent)[1], type.getOrDefault(2, absent)[1]});
            } else if (field[0] == 2) {
                List<Long> values = new NaiveProtobuf(bytes, (int) field[1], (int) field[2]).int64s(2);
                for (int i = 0; i < values.size(); i++) {
                    if (sums.size() <= i) {
                        sums.add(0L);
                    }
                    sums.set(i, sums.get(i) + values.get(i));
                }
            } else if (field[0] == 6) {
                strings.add(new String(bytes, (int) field[1], (int) (field[2] - field[1]), StandardCharsets.UTF_8));
            }
        }
        Map<String, Long> totals = new TreeMap<>();
        for (int i = 0; i < types.size(); i++) {
            String type = strings.get((int) types.get(i)[0]) + "/" + strings.get((int) types.get(i)[1]);
            totals.put(type, i < sums.size() ? sums.get(i) : 0L);
        }
        return totals;
    }

    /**
     * The sum of all sample values of an OTLP {@code ExportProfilesServiceRequest}, by sample type
     * ("type/unit"): request field 1 resource_profiles, 2 dictionary (whose field 5 is the string
     * table); ResourceProfiles 2 scope_profiles; ScopeProfiles 2 profiles; Profile 1 sample_type
     * (type 1, unit 2), 2 samples; Sample 4 values.
     */
    static Map<String, Long> otlpValueTotals(byte[] bytes) {
        List<String> strings = new ArrayList<>();
        List<long[]> profiles = new ArrayList<>();
        for (long[] top : new NaiveProtobuf(bytes, 0, bytes.length).fields()) {
            if (top[0] == 2) {
                for (long[] entry : new NaiveProtobuf(bytes, (int) top[1], (int) top[2]).fields()) {
                    if (entry[0] == 5) {
                        strings.add(new String(bytes, (int) entry[1], (int) (entry[2] - entry[1]), StandardCharsets.UTF_8));
                    }
                }
            } else if (top[0] == 1) {
                for (long[] scope : new NaiveProtobuf(bytes, (int) top[1], (int) top[2]).fields()) {
                    if (scope[0] == 2) {
                        new NaiveProtobuf(bytes, (int) scope[1], (int) scope[2]).fields().stream()
                                .filter(f -> f[0] == 2).forEach(profiles::add);
                    }
                }
            }
        }
        Map<String, Long> totals = new TreeMap<>();
        for (long[] profile : profiles) {
            String type = "/";
            long sum = 0;
            for (long[] field : new NaiveProtobuf(bytes, (int) profile[1], (int) profile[2]).fields()) {
                if (field[0] == 1) {
                    Map<Integer, long[]> vt = new NaiveProtobuf(bytes, (int) field[1], (int) field[2]).byNumber();
                    type = strings.get(vt.containsKey(1) ? (int) vt.get(1)[1] : 0) + "/"
                            + strings.get(vt.containsKey(2) ? (int) vt.get(2)[1] : 0);
                } else if (field[0] == 2) {
                    for (long value : new NaiveProtobuf(bytes, (int) field[1], (int) field[2]).int64s(4)) {
                        sum += value;
                    }
                }
            }
            totals.merge(type, sum, Long::sum);
        }
        return totals;
    }

    /** Each field as {number, start, end} for length-delimited ones, {number, value} for varints. */
    private List<long[]> fields() {
        List<long[]> fields = new ArrayList<>();
        while (pos < end) {
            long tag = varint();
            int type = (int) (tag & 7);
            if (type == 0) {
                fields.add(new long[] {tag >>> 3, varint()});
            } else if (type == 2) {
                int length = (int) varint();
                fields.add(new long[] {tag >>> 3, pos, pos + length});
                pos += length;
            } else if (type == 1 || type == 5) {
                pos += type == 1 ? 8 : 4; // fixed64 / fixed32: no field read here needs them
            } else {
                throw new AssertionError("unexpected wire type " + type + " (read here: varints, fixed, length-delimited)");
            }
        }
        return fields;
    }

    /** The values of repeated integer field {@code number}, packed or not. */
    private List<Long> int64s(int number) {
        List<Long> values = new ArrayList<>();
        for (long[] f : fields()) {
            if (f[0] == number && f.length == 2) {
                values.add(f[1]);
            } else if (f[0] == number) {
                NaiveProtobuf packed = new NaiveProtobuf(bytes, (int) f[1], (int) f[2]);
                while (packed.pos < packed.end) {
                    values.add(packed.varint());
                }
            }
        }
        return values;
    }

    private Map<Integer, long[]> byNumber() {
        Map<Integer, long[]> fields = new HashMap<>();
        for (long[] f : fields()) {
            fields.put((int) f[0], f);
        }
        return fields;
    }

    private long varint() {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = bytes[pos++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
    }
}
