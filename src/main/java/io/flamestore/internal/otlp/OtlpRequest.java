package io.flamestore.internal.otlp;

import io.flamestore.AppKey;
import io.flamestore.PprofProfile.ValueType;
import io.flamestore.ProfileFormatException;
import io.flamestore.Tree;
import io.flamestore.internal.proto.ProtoReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decodes an OTLP {@code ExportProfilesServiceRequest} of the profiles signal, {@code v1development}
 * in the layout with a request-wide dictionary holding a {@code stack_table} (as the Pyroscope Java
 * agent 2.9 exports it): {@code resource_profiles} (1) → {@code scope_profiles} (2) → {@code profiles}
 * (2), and {@code dictionary} (2). Earlier layouts of this unstable protocol put other fields under the
 * same numbers; the wire types differ often enough that such a request fails with a named field.
 */
public final class OtlpRequest {
    private static final String SERVICE_NAME = "service.name";

    private record Sample(int offset, int stack, List<Integer> attributes, long value) {
    }

    private OtlpRequest() {
    }

    /** Every profile of the request, in order; an error names the byte offset in {@code message}. */
    public static List<OtlpProfile> decode(byte[] message) throws ProfileFormatException {
        ProtoReader r = new ProtoReader(message, OtlpFields.SOURCE);
        List<ProtoReader> resources = new ArrayList<>();
        OtlpDictionary dictionary = new OtlpDictionary();
        while (r.next()) {
            switch (r.field()) {
                case 1 -> resources.add(r.message()); // read later: the dictionary they refer to may follow
                case 2 -> dictionary.read(r.message());
                default -> r.skip();
            }
        }
        List<OtlpProfile> profiles = new ArrayList<>();
        for (ProtoReader resource : resources) {
            readResource(resource, dictionary, profiles);
        }
        return profiles;
    }

    private static void readResource(ProtoReader r, OtlpDictionary dictionary, List<OtlpProfile> out)
            throws ProfileFormatException {
        String service = null;
        List<ProtoReader> scopes = new ArrayList<>();
        while (r.next()) {
            switch (r.field()) {
                case 1 -> service = serviceName(r.message());
                case 2 -> scopes.add(r.message());
                default -> r.skip();
            }
        }
        for (ProtoReader scope : scopes) {
            while (scope.next()) {
                if (scope.field() == 2) {
                    out.add(profile(scope.message(), service, dictionary));
                } else {
                    scope.skip();
                }
            }
        }
    }

    /** The string value of attribute {@code service.name} among a {@code Resource}'s attributes (1), or null. */
    private static String serviceName(ProtoReader resource) throws ProfileFormatException {
        String name = null;
        while (resource.next()) {
            if (resource.field() != 1) {
                resource.skip();
                continue;
            }
            ProtoReader keyValue = resource.message();
            String key = null;
            String value = null;
            while (keyValue.next()) {
                switch (keyValue.field()) {
                    case 1 -> key = keyValue.string();
                    case 2 -> value = OtlpFields.stringValue(keyValue.message());
                    default -> keyValue.skip();
                }
            }
            name = SERVICE_NAME.equals(key) && value != null ? value : name;
        }
        return name;
    }

    private static OtlpProfile profile(ProtoReader r, String service, OtlpDictionary dictionary) throws ProfileFormatException {
        ValueType sampleType = new ValueType("", "");
        ValueType periodType = null;
        long period = 0;
        long time = 0;
        long duration = 0;
        int attributesOffset = 0;
        List<Integer> attributes = new ArrayList<>();
        List<Sample> samples = new ArrayList<>();
        while (r.next()) {
            switch (r.field()) {
                case 1 -> sampleType = valueType(r.fieldOffset(), r.message(), dictionary);
                case 2 -> samples.add(sample(r.fieldOffset(), r.message()));
                case 3 -> time = r.fixed64();
                case 4 -> duration = r.varint();
                case 5 -> periodType = valueType(r.fieldOffset(), r.message(), dictionary);
                case 6 -> period = r.varint();
                case 11 -> {
                    attributesOffset = r.fieldOffset();
                    OtlpFields.addIndices(r, attributes);
                }
                default -> r.skip();
            }
        }
        // Profile attributes hold for every sample; a sample's own attribute of the same name wins.
        Map<String, String> common = labels(dictionary, attributes, attributesOffset, Map.of());
        Map<Map<String, String>, Tree> trees = new LinkedHashMap<>();
        for (Sample s : samples) {
            Map<String, String> labels = labels(dictionary, s.attributes(), s.offset(), common);
            trees.computeIfAbsent(labels, l -> new Tree()).insert(dictionary.frames(s.stack(), s.offset()), s.value());
        }
        return new OtlpProfile(service, sampleType, periodType, period, time, duration, trees);
    }

    private static Sample sample(int offset, ProtoReader r) throws ProfileFormatException {
        int stack = 0;
        List<Integer> attributes = new ArrayList<>();
        long value = 0;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> stack = OtlpFields.index(r);
                case 2 -> OtlpFields.addIndices(r, attributes);
                case 4 -> value = addValues(r, value, offset);
                default -> r.skip(); // link (3) and timestamps (5): a tree keeps neither
            }
        }
        return new Sample(offset, stack, attributes, value);
    }

    /**
     * {@code sum} plus the current run of values. Trees hold no negative values: the negative ones of
     * delta profiles are left out, as {@code PprofProfile} leaves them out.
     */
    private static long addValues(ProtoReader r, long sum, int offset) throws ProfileFormatException {
        ProtoReader run = r.varints();
        try {
            while (run.hasRemaining()) {
                sum = Math.addExact(sum, Math.max(0, run.nextVarint()));
            }
        } catch (ArithmeticException e) {
            throw ProfileFormatException.atOffset(OtlpFields.SOURCE, offset, "sample values overflow 64 bits");
        }
        return sum;
    }

    private static ValueType valueType(int offset, ProtoReader r, OtlpDictionary dictionary) throws ProfileFormatException {
        int type = 0;
        int unit = 0;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> type = OtlpFields.index(r);
                case 2 -> unit = OtlpFields.index(r);
                default -> r.skip();
            }
        }
        return new ValueType(dictionary.string(type, offset), dictionary.string(unit, offset));
    }

    /** {@code base} with the string attributes at {@code indices} added, those a series key can carry. */
    private static Map<String, String> labels(OtlpDictionary dictionary, List<Integer> indices, int offset,
            Map<String, String> base) throws ProfileFormatException {
        if (indices.isEmpty()) {
            return base;
        }
        Map<String, String> labels = new TreeMap<>(base);
        for (int index : indices) {
            Map.Entry<String, String> attribute = dictionary.stringAttribute(index, offset);
            if (attribute != null && AppKey.isLabelName(attribute.getKey())) {
                labels.put(attribute.getKey(), attribute.getValue());
            }
        }
        return labels;
    }
}
