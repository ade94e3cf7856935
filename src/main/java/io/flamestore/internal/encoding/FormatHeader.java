package io.flamestore.internal.encoding;

import io.flamestore.CorruptDataException;
import java.nio.charset.StandardCharsets;

/**
 * The five bytes every Flamestore encoding starts with: four ASCII magic bytes naming the kind of
 * data, then one format-version byte. Readers accept a range of versions, writers write one.
 */
public final class FormatHeader {
    public static final int LENGTH = 5;

    private FormatHeader() {
    }

    public static void write(ByteWriter out, String magic, int version) {
        byte[] m = magic.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(m, 0, m.length).writeByte(version);
    }

    /** Reads and checks the header, returning the version found. */
    public static int read(ByteReader in, String magic, int oldestReadable, int newestReadable)
            throws CorruptDataException {
        byte[] m = new byte[4];
        in.readBytes(m, 0, 4);
        String found = new String(m, StandardCharsets.ISO_8859_1);
        if (!found.equals(magic)) {
            throw in.corruptAt(0, "bad magic '" + printable(found) + "', expected '" + magic + "'");
        }
        int version = in.readByte();
        if (version < oldestReadable || version > newestReadable) {
            throw in.corruptAt(4, magic + " format version " + version + " is not readable here (reads "
                    + oldestReadable + " to " + newestReadable + ")");
        }
        return version;
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return b.toString();
    }
}
