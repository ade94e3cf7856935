package io.flamestore;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Parses collapsed stacks, one {@code frame;frame;frame count} per line, as written by
 * async-profiler, {@code stackcollapse-*} and Pyroscope. A line is split on its <em>last</em> space
 * or tab, since real frame names contain spaces. CRLF endings, surrounding white space and blank lines
 * are accepted; the same stack on several lines adds up. Input is streamed through a fixed buffer,
 * so files of any size parse in bounded memory beyond the tree itself.
 *
 * <p>A strict parser stops at the first malformed line with a {@link ProfileFormatException} naming
 * source, line number and content; a lenient one skips such lines and counts them.
 */
public final class FoldedParser {
    /** The parsed tree and what was seen on the way. */
    public record Result(Tree tree, long lines, long skippedLines, String firstProblem) {
    }

    /** A line longer than this is refused rather than buffered without bound. */
    static final int MAX_LINE_CHARS = 64 << 20;

    private final boolean lenient;
    private final String source;

    private FoldedParser(boolean lenient, String source) {
        this.lenient = lenient;
        this.source = source;
    }

    public static FoldedParser strict() {
        return new FoldedParser(false, "folded input");
    }

    public static FoldedParser lenient() {
        return new FoldedParser(true, "folded input");
    }

    /** A parser naming {@code name} (a file name, say) in its errors. */
    public FoldedParser source(String name) {
        return new FoldedParser(lenient, Objects.requireNonNull(name, "name"));
    }

    public Result parse(String text) throws ProfileFormatException {
        try {
            return parse(new StringReader(text));
        } catch (ProfileFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string cannot fail", e);
        }
    }

    /**
     * Parses bytes: UTF-16 (either byte order) when they start with its byte-order mark, otherwise
     * UTF-8 (a UTF-8 byte-order mark is skipped). Bytes that are not valid in that encoding are an error.
     */
    public Result parse(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        buffered.mark(3);
        int b0 = buffered.read();
        int b1 = buffered.read();
        int b2 = buffered.read();
        buffered.reset();
        Charset charset = StandardCharsets.UTF_8;
        long skip = 0;
        if (b0 == 0xFE && b1 == 0xFF) {
            charset = StandardCharsets.UTF_16BE;
            skip = 2;
        } else if (b0 == 0xFF && b1 == 0xFE) {
            charset = StandardCharsets.UTF_16LE;
            skip = 2;
        } else if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
            skip = 3;
        }
        buffered.skipNBytes(skip);
        return parse(new StrictTextReader(buffered, charset));
    }

    public Result parse(Reader reader) throws IOException {
        return new Run(reader).parse();
    }

    /** One pass over one input. */
    private final class Run {
        private final Reader reader;
        private final Tree tree = new Tree();
        private final FrameSplit frames = new FrameSplit();
        private char[] buf = new char[1 << 16];
        private long lineNumber;
        private long skipped;
        private String firstProblem;

        Run(Reader reader) {
            this.reader = reader;
        }

        Result parse() throws IOException {
            int length = 0;
            int scanned = 0;
            while (true) {
                int n = read(length);
                if (n < 0) {
                    if (length > 0) {
                        line(0, length);
                    }
                    return new Result(tree, lineNumber, skipped, firstProblem);
                }
                length += n;
                int lineStart = 0;
                for (int i = scanned; i < length; i++) {
                    if (buf[i] == '\n') {
                        line(lineStart, i);
                        lineStart = i + 1;
                    }
                }
                length -= lineStart;
                System.arraycopy(buf, lineStart, buf, 0, length);
                scanned = length;
                if (length == buf.length) {
                    if (buf.length >= MAX_LINE_CHARS) {
                        throw new ProfileFormatException(source, lineNumber + 1,
                                "line longer than " + MAX_LINE_CHARS + " characters");
                    }
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
            }
        }

        private int read(int offset) throws IOException {
            try {
                return reader.read(buf, offset, buf.length - offset);
            } catch (CharacterCodingException e) {
                throw new ProfileFormatException(source, lineNumber + 1,
                        "bytes that are not valid text in the input's encoding (" + e + ")");
            }
        }

        private void line(int from, int to) throws ProfileFormatException {
            lineNumber++;
            int start = from;
            int end = to;
            while (start < end && isBlank(buf[start])) {
                start++;
            }
            while (end > start && isBlank(buf[end - 1])) {
                end--;
            }
            if (start == end) {
                return;
            }
            int space = end - 1;
            while (space >= start && buf[space] != ' ' && buf[space] != '\t') {
                space--;
            }
            if (space < start) {
                malformed(from, to, "no sample count after the stack");
                return;
            }
            long value = parseCount(space + 1, end);
            int stackEnd = space;
            while (stackEnd > start && isBlank(buf[stackEnd - 1])) {
                stackEnd--;
            }
            int problem = frames.split(buf, start, stackEnd);
            if (value < 0) {
                malformed(from, to, "sample count \"" + new String(buf, space + 1, end - space - 1)
                        + "\" is not a whole number from 0 to " + Long.MAX_VALUE);
            } else if (problem == FrameSplit.EMPTY_FRAME) {
                malformed(from, to, "empty frame name at column " + (frames.problemAt() - from + 1));
            } else if (problem == FrameSplit.NUL) {
                malformed(from, to, "NUL character in a frame name (UTF-16 text without a byte-order mark?)");
            } else if (!tree.fits(value)) {
                malformed(from, to, "sample counts overflow the 64-bit total");
            } else {
                tree.insertSplit(buf, start, frames, value);
            }
        }

        /** The count in {@code buf[from, to)}, or -1 if it is not a non-negative long. */
        private long parseCount(int from, int to) {
            long value = 0;
            for (int i = from; i < to; i++) {
                int digit = buf[i] - '0';
                if (digit < 0 || digit > 9 || value > (Long.MAX_VALUE - digit) / 10) {
                    return -1;
                }
                value = value * 10 + digit;
            }
            return value;
        }

        private void malformed(int from, int to, String problem) throws ProfileFormatException {
            int shown = Math.min(to - from, 200);
            String content = new String(buf, from, shown) + (shown < to - from ? "..." : "");
            String message = problem + ": \"" + content.replace("\r", "") + "\"";
            if (!lenient) {
                throw new ProfileFormatException(source, lineNumber, message);
            }
            skipped++;
            if (firstProblem == null) {
                firstProblem = source + ":" + lineNumber + ": " + message;
            }
        }
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\uFEFF';
    }
}
