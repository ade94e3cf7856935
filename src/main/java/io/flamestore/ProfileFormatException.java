package io.flamestore;

import java.io.IOException;

/**
 * A profile in a text or binary format that cannot be parsed; the message names the source and, for
 * text, the line.
 */
public class ProfileFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;

    public ProfileFormatException(String source, long line, String problem) {
        super(source + ":" + line + ": " + problem);
        this.source = source;
        this.line = line;
    }

    /** A problem in a binary format (a JFR recording, say), where there are no lines: {@link #line()} is 0. */
    public ProfileFormatException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
        this.line = 0;
    }

    /** The file or stream being parsed. */
    public String source() {
        return source;
    }

    /** The 1-based line number of the problem, or 0 for a binary format. */
    public long line() {
        return line;
    }
}
