package io.flamestore;

import java.io.IOException;

/**
 * Stored or encoded data that cannot be what Flamestore wrote: a bad magic number, an unsupported
 * version, a checksum mismatch, a length that runs past the end, a structure that breaks an invariant.
 * The message names the source (a file, or what was being decoded) and the byte offset of the problem.
 */
public class CorruptDataException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long offset;
    private final String problem;

    public CorruptDataException(String source, long offset, String problem) {
        super(source + " at offset " + offset + ": " + problem);
        this.source = source;
        this.offset = offset;
        this.problem = problem;
    }

    /** What was being read: a file path, or a description such as "encoded tree". */
    public String source() {
        return source;
    }

    /** Byte offset of the problem within {@link #source()}. */
    public long offset() {
        return offset;
    }

    /** The problem alone, without source and offset. */
    public String problem() {
        return problem;
    }

    /**
     * The same problem seen from a container: {@code source} holds the decoded bytes at
     * {@code baseOffset}, so the offset is shifted by it.
     */
    public CorruptDataException within(String source, long baseOffset) {
        CorruptDataException moved = new CorruptDataException(source, baseOffset + offset, problem);
        moved.initCause(this);
        return moved;
    }
}
