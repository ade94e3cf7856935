package io.flamestore.internal.encoding;

import io.flamestore.CorruptDataException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Reads a bounded region of a buffer, checking every read against the region's end. Offsets in
 * errors are relative to the region's start. The buffer's own position and limit are never moved, so
 * one mapped buffer can be shared by concurrent readers.
 */
public final class ByteReader {
    private final ByteBuffer buffer;
    private final int base;
    private final int end;
    private final String source;
    private int position;

    public ByteReader(ByteBuffer buffer, int offset, int length, String source) {
        // Absolute gets check indexes against the limit, not the capacity: a region past the limit
        // would fail on the first read with an unchecked IndexOutOfBoundsException.
        if (offset < 0 || length < 0 || offset > buffer.limit() - length) {
            throw new IllegalArgumentException(
                    "region [" + offset + ", +" + length + ") outside buffer limit " + buffer.limit());
        }
        this.buffer = buffer;
        this.base = offset;
        this.end = offset + length;
        this.source = source;
        this.position = offset;
    }

    /** Offset of the next read, relative to the region's start. */
    public int position() {
        return position - base;
    }

    public int remaining() {
        return end - position;
    }

    public CorruptDataException corrupt(String problem) {
        return corruptAt(position(), problem);
    }

    public CorruptDataException corruptAt(int relativeOffset, String problem) {
        return new CorruptDataException(source, relativeOffset, problem);
    }

    public int readByte() throws CorruptDataException {
        if (position >= end) {
            throw corrupt("unexpected end of data");
        }
        return buffer.get(position++) & 0xFF;
    }

    public void readBytes(byte[] dst, int from, int count) throws CorruptDataException {
        if (count > remaining()) {
            throw corrupt("needs " + count + " bytes but only " + remaining() + " remain");
        }
        for (int i = 0; i < count; i++) {
            dst[from + i] = buffer.get(position++);
        }
    }

    /** The bytes up to the next zero byte, which is consumed but not returned. */
    public byte[] readUntilZero(String what) throws CorruptDataException {
        int start = position;
        while (position < end && buffer.get(position) != 0) {
            position++;
        }
        if (position == end) {
            throw corruptAt(start - base, what + " has no terminating zero byte");
        }
        byte[] bytes = new byte[position - start];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = buffer.get(start + i);
        }
        position++;
        return bytes;
    }

    /** An unsigned LEB128 varint of at most {@code max}. */
    public long readVarLong(long max, String what) throws CorruptDataException {
        int start = position();
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            int b = readByte();
            if (shift == 63 && b > 1) {
                throw corruptAt(start, what + ": varint longer than 64 bits");
            }
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        if (value < 0 || value > max) {
            throw corruptAt(start, what + " " + Long.toUnsignedString(value) + " exceeds limit " + max);
        }
        return value;
    }

    public int readVarInt(int max, String what) throws CorruptDataException {
        return (int) readVarLong(max, what);
    }

    public int readIntLE() throws CorruptDataException {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            value |= readByte() << (8 * i);
        }
        return value;
    }

    /**
     * Checks that the region is at least {@code minimum} bytes and that its last four bytes are the
     * CRC-32C of everything before them, then shrinks the region to exclude the checksum.
     */
    public ByteReader verifyChecksumTrailer(int minimum) throws CorruptDataException {
        int length = end - base;
        if (length < minimum) {
            throw corruptAt(0, "only " + length + " bytes, at least " + minimum + " needed");
        }
        CRC32C crc = new CRC32C();
        ByteBuffer view = buffer.duplicate();
        view.limit(end - 4).position(base);
        crc.update(view);
        ByteReader trailer = new ByteReader(buffer, end - 4, 4, source);
        int stored = trailer.readIntLE();
        if (stored != (int) crc.getValue()) {
            throw corruptAt(length - 4, String.format("checksum mismatch: stored %08x, computed %08x",
                    stored, (int) crc.getValue()));
        }
        ByteReader body = new ByteReader(buffer, base, length - 4, source);
        body.position = position;
        return body;
    }

    /** Fails unless every byte of the region has been read. */
    public void expectEnd(String what) throws CorruptDataException {
        if (position != end) {
            throw corrupt(remaining() + " unexpected bytes after the " + what);
        }
    }
}
