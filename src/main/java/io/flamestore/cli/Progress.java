package io.flamestore.cli;

import java.io.PrintStream;
import java.util.Locale;

/** Progress of a long ingest on standard error: one line per file, with how far along it is. */
final class Progress {
    private final PrintStream err;
    private final int files;
    private final long started = System.nanoTime();
    private int done;

    Progress(PrintStream err, int files) {
        this.err = err;
        this.files = files;
    }

    void fileDone(String file, String details) {
        done++;
        err.printf(Locale.ROOT, "[%d/%d, %.1f s] %s: %s%n", done, files, (System.nanoTime() - started) / 1e9, file, details);
    }
}
