package io.flamestore.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of a long ingest on standard error: one line per file when it is stored, and while a
 * large file is read, a line every few seconds saying how much of it has been read.
 */
final class Progress {
    private final PrintStream err;
    private final int files;
    private final long started = System.nanoTime();
    private int done;

    Progress(PrintStream err, int files) {
        this.err = err;
        this.files = files;
    }

    private static final long REPORT_NANOS = 3_000_000_000L;

    /** {@code in}, counting what is read from it and reporting every few seconds; {@code size} is -1 if unknown. */
    InputStream reading(String file, InputStream in, long size) {
        return new FilterInputStream(in) {
            private long read;
            private long lastReport = System.nanoTime();

            @Override
            public int read() throws IOException {
                int b = super.read();
                count(b < 0 ? 0 : 1);
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                count(Math.max(0, n));
                return n;
            }

            private void count(int n) {
                read += n;
                long now = System.nanoTime();
                if (now - lastReport >= REPORT_NANOS) {
                    lastReport = now;
                    err.printf(Locale.ROOT, "[%d/%d, %.1f s] %s: %,.1f MB read%s%n", done + 1, files, (now - started) / 1e9, file,
                            read / 1e6, size > 0 ? String.format(Locale.ROOT, " of %,.1f", size / 1e6) : "");
                }
            }
        };
    }

    void fileDone(String file, String details) {
        done++;
        err.printf(Locale.ROOT, "[%d/%d, %.1f s] %s: %s%n", done, files, (System.nanoTime() - started) / 1e9, file, details);
    }
}
