package io.flamestore;

import io.flamestore.internal.proto.ProtoWriter;

/** Builds small profile.proto messages field by field, for tests that need exact control of the wire. */
final class PprofFixtures {
    private PprofFixtures() {
    }

    static ProtoWriter valueType(long type, long unit) {
        return new ProtoWriter().varint(1, type).varint(2, unit);
    }

    static ProtoWriter function(long id, long name) {
        return new ProtoWriter().varint(1, id).varint(2, name);
    }

    /** A location with one line per function id, innermost inlined function first. */
    static ProtoWriter location(long id, long... functionIds) {
        ProtoWriter location = new ProtoWriter().varint(1, id);
        for (long functionId : functionIds) {
            location.message(4, new ProtoWriter().varint(1, functionId));
        }
        return location;
    }

    /** A sample with packed location ids (leaf first) and values. */
    static ProtoWriter sample(long[] locationIds, long... values) {
        return new ProtoWriter().packedVarints(1, locationIds, locationIds.length).packedVarints(2, values, values.length);
    }

    static ProtoWriter strings(ProtoWriter profile, String... strings) {
        for (String string : strings) {
            profile.string(6, string);
        }
        return profile;
    }
}
