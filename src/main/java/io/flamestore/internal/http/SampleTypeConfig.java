package io.flamestore.internal.http;

import io.flamestore.Aggregation;
import io.flamestore.internal.json.JsonReader;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of a pprof upload's {@code sample_type_config} part, which Pyroscope's Go client sends:
 * a JSON object keyed by pprof sample type, each saying how to store that type, e.g.
 * <pre>{"alloc_space": {"units": "bytes", "cumulative": true}, "inuse_space": {"units": "bytes", "aggregation": "average"}}</pre>
 * {@code display-name} names the series suffix in place of the type; {@code cumulative} says the
 * values are running totals, so {@code prev_profile} is subtracted; {@code aggregation} is
 * {@code sum} or {@code average} ({@code avg}). {@code sampled} needs nothing here. A type the
 * config does not list is not stored, as the client only lists what it means to send.
 *
 * @param units null to keep the profile's own
 * @param displayName null to name the series by the type, as for a profile without a config
 * @param aggregation null to keep the type's usual aggregation
 */
record SampleTypeConfig(String units, String displayName, Aggregation aggregation, boolean cumulative) {

    /** The config in {@code json}; 400 naming the problem if it is not such an object. */
    static Map<String, SampleTypeConfig> parse(String json) {
        Object document;
        try {
            document = JsonReader.parse(json);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("part 'sample_type_config': " + e.getMessage());
        }
        if (!(document instanceof Map<?, ?> types)) {
            throw HttpError.badRequest("part 'sample_type_config' is not a JSON object");
        }
        Map<String, SampleTypeConfig> configs = new LinkedHashMap<>();
        for (Map.Entry<?, ?> type : types.entrySet()) {
            if (!(type.getValue() instanceof Map<?, ?> fields)) {
                throw HttpError.badRequest("sample_type_config for '" + type.getKey() + "' is not a JSON object");
            }
            configs.put((String) type.getKey(), new SampleTypeConfig(text(fields, "units"), text(fields, "display-name"),
                    aggregation(type.getKey(), text(fields, "aggregation")), Boolean.TRUE.equals(fields.get("cumulative"))));
        }
        return configs;
    }

    private static String text(Map<?, ?> fields, String name) {
        Object value = fields.get(name);
        if (value != null && !(value instanceof String)) {
            throw HttpError.badRequest("sample_type_config field '" + name + "' is not a string: " + value);
        }
        return value == null || ((String) value).isEmpty() ? null : (String) value;
    }

    private static Aggregation aggregation(Object type, String name) {
        if (name == null) {
            return null;
        }
        return switch (name) {
            case "sum" -> Aggregation.SUM;
            case "average", "avg" -> Aggregation.AVERAGE;
            default -> throw HttpError.badRequest("sample_type_config for '" + type + "': aggregation '" + name
                    + "' is not sum or average");
        };
    }
}
