package io.flamestore.internal.proto;

import io.flamestore.ProfileFormatException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the fields of one protobuf message from a region of a byte array, checking every length
 * against the region's end, so that corrupt input fails with a {@link ProfileFormatException} naming
 * the byte offset, never with an index error or a huge allocation. Offsets in errors are absolute in
 * the array, so they point into the whole input even for nested messages.
 *
 * <p>Usage: {@code while (r.next()) switch (r.field()) { case 1 -> r.varint(); default -> r.skip(); }}.
 * Every field returned by {@link #next()} must be consumed by exactly one read or {@link #skip()}.
 */
public final class ProtoReader {
    public static final int VARINT = 0;
    public static final int FIXED64 = 1;
    public static final int LENGTH_DELIMITED = 2;
    public static final int FIXED32 = 5;

    private final byte[] bytes;
    private final int end;
    private final String source;
    private int position;
    private int fieldStart;
    private int field;
    private int wireType;

    /** A reader of the message filling all of {@code bytes}; {@code source} names it in errors. */
    public ProtoReader(byte[] bytes, String source) {
        this(bytes, 0, bytes.length, source);
    }

    private ProtoReader(byte[] bytes, int from, int to, String source) {
        this.bytes = bytes;
        this.position = from;
        this.end = to;
        this.source = source;
    }

    /** Moves to the next field; false at the end of the message. */
    public boolean next() throws ProfileFormatException {
        if (position >= end) {
            return false;
        }
        fieldStart = position;
        long tag = rawVarint();
        field = (int) (tag >>> 3);
        wireType = (int) (tag & 7);
        if (field == 0 || tag >>> 3 > 0x1FFF_FFFF) {
            throw error(fieldStart, "invalid field number " + Long.toUnsignedString(tag >>> 3));
        }
        return true;
    }

    /** Number of the current field. */
    public int field() {
        return field;
    }

    /** Offset of the current field's tag: where to point errors about its value. */
    public int fieldOffset() {
        return fieldStart;
    }

    /** The current field's value as an unsigned varint (int64 and uint64 fields alike). */
    public long varint() throws ProfileFormatException {
        expect(VARINT);
        return rawVarint();
    }

    public long fixed64() throws ProfileFormatException {
        expect(FIXED64);
        return littleEndian(8);
    }

    public int fixed32() throws ProfileFormatException {
        expect(FIXED32);
        return (int) littleEndian(4);
    }

    /** The current field's bytes as UTF-8 text (malformed sequences become U+FFFD, as protobuf-go does not check). */
    public String string() throws ProfileFormatException {
        int length = length();
        String text = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return text;
    }

    /** A reader of the embedded message in the current field; this reader moves past it. */
    public ProtoReader message() throws ProfileFormatException {
        int length = length();
        ProtoReader inner = new ProtoReader(bytes, position, position + length, source);
        position += length;
        return inner;
    }

    /**
     * The values of a repeated varint field, to read with {@link #hasRemaining()} and
     * {@link #nextVarint()}: the whole run if the field is packed, its one value if it is not (writers
     * may mix both forms in one message). This reader moves past the field.
     */
    public ProtoReader varints() throws ProfileFormatException {
        if (wireType == VARINT) {
            int start = position;
            rawVarint();
            return new ProtoReader(bytes, start, position, source);
        }
        return message();
    }

    /** Whether a run from {@link #varints()} holds more values. */
    public boolean hasRemaining() {
        return position < end;
    }

    /** The next value of a run from {@link #varints()}. */
    public long nextVarint() throws ProfileFormatException {
        return rawVarint();
    }

    /** Steps over the current field, whatever its type. */
    public void skip() throws ProfileFormatException {
        switch (wireType) {
            case VARINT -> rawVarint();
            case FIXED64 -> littleEndian(8);
            case LENGTH_DELIMITED -> {
                int length = length(); // before "position +=", which would read position too early
                position += length;
            }
            case FIXED32 -> littleEndian(4);
            default -> throw error(fieldStart, "field " + field + " has unsupported wire type " + wireType);
        }
    }

    /**
     * Reads the rest of this message for varint field {@code number}: its value (the last, as a
     * parser merges a repeated scalar), or 0 when absent, the proto3 default. Other fields are skipped.
     */
    public long varintField(int number) throws ProfileFormatException {
        long value = 0;
        while (next()) {
            if (field == number) {
                value = varint();
            } else {
                skip();
            }
        }
        return value;
    }

    /** An error about the current field. */
    public ProfileFormatException fieldError(String problem) {
        return error(fieldStart, "field " + field + ": " + problem);
    }

    private ProfileFormatException error(int offset, String problem) {
        return ProfileFormatException.atOffset(source, offset, problem);
    }

    private void expect(int wanted) throws ProfileFormatException {
        if (wireType != wanted) {
            throw fieldError("wire type " + wireType + " where " + wanted + " was expected");
        }
    }

    private int length() throws ProfileFormatException {
        expect(LENGTH_DELIMITED);
        int lengthAt = position;
        long length = rawVarint();
        if (length < 0 || length > end - position) {
            throw error(lengthAt, "field " + field + ": length " + Long.toUnsignedString(length)
                    + " exceeds the " + (end - position) + " bytes left in the message");
        }
        return (int) length;
    }

    /** A varint of at most ten bytes. */
    private long rawVarint() throws ProfileFormatException {
        int start = position;
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (position >= end) {
                throw error(start, "varint cut off by the end of its message or packed field");
            }
            byte b = bytes[position++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw error(start, "varint longer than ten bytes");
    }

    private long littleEndian(int size) throws ProfileFormatException {
        if (end - position < size) {
            throw error(position, "field " + field + ": " + size + "-byte value runs past the end of the message");
        }
        long value = 0;
        for (int i = 0; i < size; i++) {
            value |= (long) (bytes[position++] & 0xFF) << (8 * i);
        }
        return value;
    }
}
