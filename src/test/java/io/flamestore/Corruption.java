package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;
import java.util.zip.Deflater;

/** Helpers for corruption tests: decoders under test, byte builders, and the expected failure. */
final class Corruption {
    /** Decodes bytes; corrupt input must surface as the checked exception and nothing else. */
    @FunctionalInterface
    interface Decoder {
        Object decode(byte[] bytes) throws CorruptDataException;
    }

    private Corruption() {
    }

    /** A small tree of 13 nodes whose encoding (with a fresh trie) stays raw: under 64 body bytes. */
    static Tree smallTree() {
        try {
            return Tree.parseFolded("main;run;a 3\nmain;run;b 1\nmain;ab 2\nmain;ab;abc 5\nx;y 1\n"
                    + "x;z;w 300\nü;日本 7\nmain;run;a;a 1\n");
        } catch (ProfileFormatException e) {
            throw new AssertionError(e);
        }
    }

    /** A real profile large enough that tree and symbol table are stored deflated. */
    static Tree kafkaTree() throws IOException {
        Path file = TestData.directory().resolve("folded/kafka_cpu_0.folded.gz");
        try (InputStream in = TestData.gunzip(file)) {
            return Tree.parseFolded(in);
        }
    }

    /**
     * Decodes {@code bytes}, which must fail with a CorruptDataException whose offset lies within
     * the input; any other outcome fails the test, naming {@code what}.
     */
    static CorruptDataException assertCorrupt(Decoder decoder, byte[] bytes, String what) {
        Object decoded;
        try {
            decoded = decoder.decode(bytes);
        } catch (CorruptDataException e) {
            assertTrue(e.offset() >= 0 && e.offset() <= bytes.length,
                    what + ": offset " + e.offset() + " outside [0, " + bytes.length + "]: " + e.getMessage());
            assertTrue(e.getMessage().contains(e.problem()), e.getMessage());
            return e;
        } catch (RuntimeException | Error e) {
            throw new AssertionError(what + ": threw " + e + " instead of CorruptDataException", e);
        }
        return fail(what + ": decoded corrupt input without complaint: " + decoded);
    }

    static byte[] flip(byte[] bytes, int position, int mask) {
        byte[] copy = bytes.clone();
        copy[position] ^= (byte) mask;
        return copy;
    }

    /** Recomputes the CRC-32C trailer after the body was edited. */
    static byte[] reseal(byte[] withTrailer) {
        return seal(Arrays.copyOf(withTrailer, withTrailer.length - 4));
    }

    /** {@code content} followed by its CRC-32C, little-endian, as every encoding ends. */
    static byte[] seal(byte[] content) {
        CRC32C crc = new CRC32C();
        crc.update(content);
        int value = (int) crc.getValue();
        byte[] out = Arrays.copyOf(content, content.length + 4);
        for (int i = 0; i < 4; i++) {
            out[content.length + i] = (byte) (value >>> (8 * i));
        }
        return out;
    }

    /** Raw deflate (RFC 1951, no zlib header, no preset dictionary). */
    static byte[] deflate(byte[] raw) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            deflater.setInput(raw);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[4096];
            while (!deflater.finished()) {
                out.write(chunk, 0, deflater.deflate(chunk));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** A byte-by-byte builder for hand-made encodings. */
    static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes ascii(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        Bytes utf8(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        Bytes u8(int... values) {
            for (int v : values) {
                out.write(v);
            }
            return this;
        }

        /** Unsigned LEB128. */
        Bytes varint(long... values) {
            for (long v : values) {
                while ((v & ~0x7FL) != 0) {
                    out.write((int) (v & 0x7F) | 0x80);
                    v >>>= 7;
                }
                out.write((int) v);
            }
            return this;
        }

        Bytes raw(byte[] bytes) {
            out.writeBytes(bytes);
            return this;
        }

        byte[] toArray() {
            return out.toByteArray();
        }

        byte[] sealed() {
            return seal(toArray());
        }
    }
}
