package io.flamestore.internal.encoding;

import io.flamestore.CorruptDataException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The body of an encoding, stored raw or deflated, whichever is smaller:
 * <pre>
 * body := 0x00 raw-bytes
 *       | 0x01 rawLength:varint deflate-stream     (RFC 1951, no zlib header)
 * </pre>
 * A format may fix a preset dictionary (RFC 1951 window contents before the first byte); the body
 * itself does not say which, the format that uses it does.
 * The body runs to the checksum trailer. Varint streams of symbol ids repeat a lot (the same
 * sub-stacks under many parents), which deflate removes; small bodies usually stay raw.
 */
public final class CompressedBody {
    public static final int RAW = 0;
    public static final int DEFLATED = 1;
    /** Deflate cannot expand data by more than this factor; a larger claimed length is corrupt. */
    private static final int MAX_DEFLATE_RATIO = 1032;
    /**
     * One deflater and inflater per thread, reset after each use: a new one allocates and clears
     * hundreds of kilobytes of native state, which cost more than compressing a small tree.
     */
    private static final ThreadLocal<Deflater[]> DEFLATERS = ThreadLocal.withInitial(() -> new Deflater[10]);
    private static final ThreadLocal<Inflater> INFLATER = ThreadLocal.withInitial(() -> new Inflater(true));

    private CompressedBody() {
    }

    /**
     * Writes {@code body}, deflated at {@code level} with {@code dictionary} (or none) if that is
     * smaller; raw at level 0 ({@code Deflater.NO_COMPRESSION}).
     */
    public static void write(ByteWriter out, byte[] body, int level, byte[] dictionary) {
        byte[] deflated = level == Deflater.NO_COMPRESSION ? null : deflate(body, level, dictionary);
        if (deflated != null) {
            out.writeByte(DEFLATED).writeVarLong(body.length).writeBytes(deflated, 0, deflated.length);
        } else {
            out.writeByte(RAW).writeBytes(body, 0, body.length);
        }
    }

    /** A reader over the body that starts at {@code in}'s position and runs to its end. */
    public static ByteReader read(ByteReader in, String source, byte[] dictionary) throws CorruptDataException {
        int flagAt = in.position();
        int flag = in.readByte();
        if (flag == RAW) {
            return in;
        }
        if (flag != DEFLATED) {
            throw in.corruptAt(flagAt, "unknown body encoding " + flag);
        }
        long limit = Math.min(Integer.MAX_VALUE - 8L, (long) in.remaining() * MAX_DEFLATE_RATIO + 64);
        int rawLength = (int) in.readVarLong(limit, "inflated body length");
        int start = in.position();
        byte[] compressed = new byte[in.remaining()];
        in.readBytes(compressed, 0, compressed.length);
        byte[] raw = new byte[rawLength];
        Inflater inflater = INFLATER.get();
        try {
            if (dictionary != null) {
                inflater.setDictionary(dictionary);
            }
            inflater.setInput(compressed);
            int produced = 0;
            for (int n = 1; produced < rawLength && n > 0; produced += n) {
                n = inflater.inflate(raw, produced, rawLength - produced);
            }
            // The end-of-stream marker may still be unread once the output is full.
            boolean overlong = !inflater.finished() && inflater.inflate(new byte[1]) > 0;
            if (produced != rawLength || overlong || !inflater.finished() || inflater.getRemaining() != 0) {
                throw in.corruptAt(start, "deflated body does not inflate to exactly " + rawLength + " bytes");
            }
        } catch (DataFormatException e) {
            throw in.corruptAt(start, "invalid deflate stream: " + e.getMessage());
        } finally {
            inflater.reset();
        }
        return new ByteReader(ByteBuffer.wrap(raw), 0, rawLength, source + " (inflated body)");
    }

    /** The deflated bytes, or null when deflating does not make the body smaller. */
    private static byte[] deflate(byte[] body, int level, byte[] dictionary) {
        if (body.length < 64) {
            return null;
        }
        Deflater[] deflaters = DEFLATERS.get();
        if (deflaters[level] == null) {
            deflaters[level] = new Deflater(level, true);
        }
        Deflater deflater = deflaters[level];
        try {
            if (dictionary != null) {
                deflater.setDictionary(dictionary);
            }
            deflater.setInput(body);
            deflater.finish();
            // Output as large as the input is enough: a larger result is not kept anyway.
            byte[] out = new byte[body.length];
            int length = 0;
            while (!deflater.finished() && length + 10 < body.length) {
                length += deflater.deflate(out, length, out.length - length);
            }
            return deflater.finished() && length + 10 < body.length ? Arrays.copyOf(out, length) : null;
        } finally {
            deflater.reset();
        }
    }
}
