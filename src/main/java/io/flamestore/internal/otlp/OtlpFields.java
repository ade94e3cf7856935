package io.flamestore.internal.otlp;

import io.flamestore.ProfileFormatException;
import io.flamestore.internal.proto.ProtoReader;
import java.util.ArrayList;
import java.util.List;

/** Field shapes that recur across the OTLP profile messages: table indices and attribute values. */
final class OtlpFields {
    /** Names the input in errors. */
    static final String SOURCE = "OTLP profiles request";

    private OtlpFields() {
    }

    /** The current field as an {@code int32} index; a value outside int32 cannot index anything. */
    static int index(ProtoReader r) throws ProfileFormatException {
        long value = r.varint();
        if (value != (int) value) {
            throw r.fieldError("index " + value + " is not an int32");
        }
        return (int) value;
    }

    /**
     * The values of the repeated {@code int32} field {@code field} of message {@code r}, packed or not;
     * other fields are skipped.
     */
    static int[] indices(ProtoReader r, int field) throws ProfileFormatException {
        List<Integer> values = new ArrayList<>();
        while (r.next()) {
            if (r.field() == field) {
                addIndices(r, values);
            } else {
                r.skip();
            }
        }
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Adds the values of the current repeated {@code int32} field, packed or not, to {@code values}. */
    static void addIndices(ProtoReader r, List<Integer> values) throws ProfileFormatException {
        int offset = r.fieldOffset();
        ProtoReader run = r.varints();
        while (run.hasRemaining()) {
            long value = run.nextVarint();
            if (value != (int) value) {
                throw ProfileFormatException.atOffset(SOURCE, offset, "index " + value + " is not an int32");
            }
            values.add((int) value);
        }
    }

    /** The string of an {@code AnyValue}, or null if it holds another type (bool, number, array, ...). */
    static String stringValue(ProtoReader r) throws ProfileFormatException {
        String value = null;
        while (r.next()) {
            if (r.field() == 1) {
                value = r.string();
            } else {
                r.skip();
                value = null; // a oneof: the last field written is the value
            }
        }
        return value;
    }
}
