package io.flamestore;

import java.io.IOException;

/**
 * A profile in a text or binary format that cannot be parsed. The message names the source and where:
 * the line for text formats, the byte offset for binary ones such as pprof where it is known.
 */
public class ProfileFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;
    private final long offset;

    public ProfileFormatException(String source, long line, String problem) {
        this(source + ":" + line + ": " + problem, source, line, -1);
    }

    private ProfileFormatException(String message, String source, long line, long offset) {
        super(message);
        this.source = source;
        this.line = line;
        this.offset = offset;
    }

    /** A problem in binary input at byte {@code offset} of {@code source} (of its decompressed bytes, if gzipped). */
    public static ProfileFormatException atOffset(String source, long offset, String problem) {
        return new ProfileFormatException(source + " at offset " + offset + ": " + problem, source, 0, offset);
    }

    /**
     * A problem in a binary format (a JFR recording, say) at no known offset: {@link #line()} is 0,
     * {@link #offset()} -1.
     */
    public ProfileFormatException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
        this.line = 0;
        this.offset = -1;
    }

    /** The file or stream being parsed. */
    public String source() {
        return source;
    }

    /** The 1-based line number of the problem; 0 for binary input. */
    public long line() {
        return line;
    }

    /** The byte offset of the problem in binary input; -1 for text or when unknown. */
    public long offset() {
        return offset;
    }
}
