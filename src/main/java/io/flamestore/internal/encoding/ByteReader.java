package io.flamestore.internal.encoding;

import io.flamestore.CorruptDataException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Reads a bounded region of bytes, checking every read against the region's end. Offsets in errors
 * are relative to the region's start. A region of a direct (mapped) buffer is copied to the heap
 * once: reading it byte by byte through the buffer costs several times more than the copy, and
 * the buffer's own position and limit are never moved, so one mapped buffer can be shared by
 * concurrent readers.
 */
public final class ByteReader {
    private final byte[] bytes;
    private final int base;
    private final int end;
    private final String source;
    private int position;

    public ByteReader(ByteBuffer buffer, int offset, int length, String source) {
        if (offset < 0 || length < 0 || offset > buffer.limit() - length) {
            throw new IllegalArgumentException(
                    "region [" + offset + ", +" + length + ") outside buffer limit " + buffer.limit());
        }
        if (buffer.hasArray()) {
            this.bytes = buffer.array();
            this.base = buffer.arrayOffset() + offset;
        } else {
            this.bytes = new byte[length];
            buffer.get(offset, bytes, 0, length);
            this.base = 0;
        }
        this.end = base + length;
        this.source = source;
        this.position = base;
    }

    public ByteReader(byte[] bytes, int offset, int length, String source) {
        this(ByteBuffer.wrap(bytes), offset, length, source);
    }

    private ByteReader(byte[] bytes, int base, int end, int position, String source) {
        this.bytes = bytes;
        this.base = base;
        this.end = end;
        this.position = position;
        this.source = source;
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
        return bytes[position++] & 0xFF;
    }

    public void readBytes(byte[] dst, int from, int count) throws CorruptDataException {
        if (count > remaining()) {
            throw corrupt("needs " + count + " bytes but only " + remaining() + " remain");
        }
        System.arraycopy(bytes, position, dst, from, count);
        position += count;
    }

    /** The bytes up to the next zero byte, which is consumed but not returned. */
    public byte[] readUntilZero(String what) throws CorruptDataException {
        int start = position;
        while (position < end && bytes[position] != 0) {
            position++;
        }
        if (position == end) {
            throw corruptAt(start - base, what + " has no terminating zero byte");
        }
        byte[] found = Arrays.copyOfRange(bytes, start, position);
        position++;
        return found;
    }

    /** An unsigned LEB128 varint of at most {@code max}. */
    public long readVarLong(long max, String what) throws CorruptDataException {
        if (position < end && bytes[position] >= 0 && bytes[position] <= max) {
            return bytes[position++]; // one byte: most counts, deltas and shapes
        }
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
        crc.update(bytes, base, length - 4);
        int stored = new ByteReader(bytes, end - 4, end, end - 4, source).readIntLE();
        if (stored != (int) crc.getValue()) {
            throw corruptAt(length - 4, String.format("checksum mismatch: stored %08x, computed %08x",
                    stored, (int) crc.getValue()));
        }
        return new ByteReader(bytes, base, end - 4, position, source);
    }

    /** Fails unless every byte of the region has been read. */
    public void expectEnd(String what) throws CorruptDataException {
        if (position != end) {
            throw corrupt(remaining() + " unexpected bytes after the " + what);
        }
    }
}
