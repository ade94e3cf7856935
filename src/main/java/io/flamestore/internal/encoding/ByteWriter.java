package io.flamestore.internal.encoding;

import java.util.Arrays;
import java.util.zip.CRC32C;

/** A growable byte array with the little-endian and LEB128 varint writes the formats use. */
public final class ByteWriter {
    private byte[] bytes;
    private int length;

    public ByteWriter(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    public int length() {
        return length;
    }

    public ByteWriter writeByte(int b) {
        ensure(1);
        bytes[length++] = (byte) b;
        return this;
    }

    public ByteWriter writeBytes(byte[] src, int from, int count) {
        ensure(count);
        System.arraycopy(src, from, bytes, length, count);
        length += count;
        return this;
    }

    /** Unsigned LEB128: 7 bits a byte, low bits first, high bit set on all but the last byte. */
    public ByteWriter writeVarLong(long value) {
        if ((value & ~0x7FL) == 0 && length < bytes.length) {
            bytes[length++] = (byte) value; // most counts, deltas and shapes fit in one byte
            return this;
        }
        if (value < 0) {
            throw new IllegalArgumentException("negative varint " + value);
        }
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            bytes[length++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        bytes[length++] = (byte) value;
        return this;
    }

    public ByteWriter writeIntLE(int value) {
        ensure(4);
        for (int i = 0; i < 4; i++) {
            bytes[length++] = (byte) (value >>> (8 * i));
        }
        return this;
    }

    /** Appends the CRC-32C of everything written so far, little-endian. */
    public ByteWriter writeChecksum() {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return writeIntLE((int) crc.getValue());
    }

    /** A copy of the bytes written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    /** Empties the writer, keeping its array, to write another encoding. */
    public ByteWriter reset() {
        length = 0;
        return this;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            long wanted = Math.max((long) bytes.length * 2, (long) length + more);
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("encoding larger than 2 GB");
            }
            bytes = Arrays.copyOf(bytes, (int) wanted);
        }
    }
}
