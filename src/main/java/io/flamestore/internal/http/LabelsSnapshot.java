package io.flamestore.internal.http;

import io.flamestore.ProfileFormatException;
import io.flamestore.internal.proto.ProtoReader;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dynamic labels the Pyroscope Java agent sends beside a JFR recording (part {@code labels}):
 * <pre>
 * message LabelsSnapshot { map&lt;int64, Context&gt; contexts = 1; map&lt;int64, string&gt; strings = 2; }
 * message Context { map&lt;int64, int64&gt; labels = 1; }
 * </pre>
 * Each JFR event's {@code contextId} names a context; its labels map string ids of the key to string
 * ids of the value. A protobuf map is a repeated entry message with the key in field 1 and the value
 * in field 2.
 */
final class LabelsSnapshot {
    private LabelsSnapshot() {
    }

    /** Labels (name to value) by context id; every string id is checked to resolve. */
    static Map<Long, Map<String, String>> decode(byte[] bytes) throws ProfileFormatException {
        Map<Long, Map<Long, Long>> contexts = new HashMap<>();
        Map<Long, String> strings = new HashMap<>();
        ProtoReader snapshot = new ProtoReader(bytes, "labels part");
        while (snapshot.next()) {
            switch (snapshot.field()) {
                case 1 -> readContext(snapshot.message(), contexts);
                case 2 -> readString(snapshot.message(), strings);
                default -> snapshot.skip();
            }
        }
        Map<Long, Map<String, String>> labels = new HashMap<>();
        contexts.forEach((id, pairs) -> {
            Map<String, String> resolved = new TreeMap<>();
            pairs.forEach((key, value) -> resolved.put(string(strings, key, id), string(strings, value, id)));
            labels.put(id, resolved);
        });
        return labels;
    }

    private static void readContext(ProtoReader entry, Map<Long, Map<Long, Long>> contexts) throws ProfileFormatException {
        long id = 0;
        Map<Long, Long> pairs = new HashMap<>();
        while (entry.next()) {
            switch (entry.field()) {
                case 1 -> id = entry.varint();
                case 2 -> {
                    ProtoReader context = entry.message();
                    while (context.next()) {
                        if (context.field() == 1) {
                            long[] pair = pair(context.message());
                            pairs.put(pair[0], pair[1]);
                        } else {
                            context.skip();
                        }
                    }
                }
                default -> entry.skip();
            }
        }
        contexts.put(id, pairs);
    }

    private static long[] pair(ProtoReader entry) throws ProfileFormatException {
        long[] pair = new long[2];
        while (entry.next()) {
            switch (entry.field()) {
                case 1 -> pair[0] = entry.varint();
                case 2 -> pair[1] = entry.varint();
                default -> entry.skip();
            }
        }
        return pair;
    }

    private static void readString(ProtoReader entry, Map<Long, String> strings) throws ProfileFormatException {
        long id = 0;
        String value = "";
        while (entry.next()) {
            switch (entry.field()) {
                case 1 -> id = entry.varint();
                case 2 -> value = entry.string();
                default -> entry.skip();
            }
        }
        strings.put(id, value);
    }

    private static String string(Map<Long, String> strings, long id, long context) {
        String value = strings.get(id);
        if (value == null) {
            throw HttpError.badRequest("labels part: context " + context + " refers to string id " + id + ", which is not in the snapshot");
        }
        return value;
    }
}
