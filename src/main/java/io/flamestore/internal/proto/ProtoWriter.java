package io.flamestore.internal.proto;

import io.flamestore.internal.encoding.ByteWriter;
import java.nio.charset.StandardCharsets;

/** Writes the fields of one protobuf message; embedded messages are built in writers of their own. */
public final class ProtoWriter {
    private final ByteWriter out = new ByteWriter(64);

    /** A varint field; negative values take ten bytes, as protobuf encodes int64. */
    public ProtoWriter varint(int field, long value) {
        tag(field, ProtoReader.VARINT);
        return rawVarint(value);
    }

    public ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    public ProtoWriter message(int field, ProtoWriter message) {
        return bytes(field, message.toByteArray());
    }

    /** A packed repeated varint field holding {@code values[0, count)}; nothing if {@code count} is 0. */
    public ProtoWriter packedVarints(int field, long[] values, int count) {
        if (count == 0) {
            return this;
        }
        ProtoWriter run = new ProtoWriter();
        for (int i = 0; i < count; i++) {
            run.rawVarint(values[i]);
        }
        return bytes(field, run.toByteArray());
    }

    /** A length-delimited field holding {@code value}. */
    public ProtoWriter bytes(int field, byte[] value) {
        tag(field, ProtoReader.LENGTH_DELIMITED);
        out.writeVarLong(value.length);
        out.writeBytes(value, 0, value.length);
        return this;
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    private void tag(int field, int wireType) {
        out.writeVarLong((long) field << 3 | wireType);
    }

    private ProtoWriter rawVarint(long value) {
        if (value >= 0) {
            out.writeVarLong(value);
            return this;
        }
        for (int i = 0; i < 9; i++) {
            out.writeByte((int) (value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.writeByte((int) value);
        return this;
    }
}
