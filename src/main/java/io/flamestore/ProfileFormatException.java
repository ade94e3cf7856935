package io.flamestore;

import java.io.IOException;

/** A profile in a text or wire format that cannot be parsed; the message names source and line. */
public class ProfileFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;

    public ProfileFormatException(String source, long line, String problem) {
        super(source + ":" + line + ": " + problem);
        this.source = source;
        this.line = line;
    }

    /** The file or stream being parsed. */
    public String source() {
        return source;
    }

    /** The 1-based line number of the problem. */
    public long line() {
        return line;
    }
}
