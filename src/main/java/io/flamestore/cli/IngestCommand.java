package io.flamestore.cli;

import io.flamestore.FoldedParser;
import io.flamestore.Storage;
import io.flamestore.Tree;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * {@code flamestore ingest}: stores profile files (collapsed stacks, gzipped or not; {@code -} reads
 * standard input) in the series {@code --app}, over {@code [--from, --until)}. Each file is parsed
 * whole before anything of it is stored, so a bad file stores nothing.
 */
final class IngestCommand {
    static final String USAGE = "ingest --app KEY --from TIME [--until TIME] [--format folded] [--lenient true]\n"
            + "        [--store DIR] FILE...   (- for standard input)";
    private static final Set<String> OPTIONS = Set.of("app", "from", "until", "format", "lenient", StoreDir.OPTION);

    private IngestCommand() {
    }

    static void run(List<String> args, long now, PrintStream out, PrintStream err) throws IOException {
        Options options = Options.parse(args, OPTIONS, true);
        List<String> files = options.positional();
        if (files.isEmpty()) {
            throw new UsageException("ingest needs at least one file (or - for standard input)");
        }
        String app = options.required("app");
        long from = options.time("from", "now-10s", now);
        long until = options.has("until") ? options.time("until", "now", now) : from + 10;
        String format = options.string("format", "folded");
        if (!format.equals("folded")) {
            throw new UsageException("--format " + format + " is not one of folded");
        }
        FoldedParser parser = Boolean.parseBoolean(options.string("lenient", "false")) ? FoldedParser.lenient() : FoldedParser.strict();
        Progress progress = new Progress(err, files.size());
        try (Storage storage = StoreDir.create(options)) {
            for (String file : files) {
                FoldedParser.Result parsed;
                try (InputStream in = open(file)) {
                    parsed = parser.source(file).parse(in);
                }
                Tree tree = parsed.tree();
                putChecked(storage, app, from, until, tree);
                progress.fileDone(file, String.format(Locale.ROOT, "%,d lines, %,d samples, %,d nodes%s", parsed.lines(),
                        tree.total(), tree.nodeCount(),
                        parsed.skippedLines() > 0 ? ", " + parsed.skippedLines() + " lines skipped: " + parsed.firstProblem() : ""));
            }
        }
        out.printf(Locale.ROOT, "stored %d file(s) in %s over [%d, %d)%n", files.size(), app, from, until);
    }

    /** A put whose argument mistakes (bad key, bad times) are the user's, reported as such. */
    static void putChecked(Storage storage, String key, long from, long until, Tree tree) throws IOException {
        try {
            storage.put(key, from, until, tree);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The file (or standard input), gunzipped when it starts with gzip's magic bytes. */
    static InputStream open(String file) throws IOException {
        InputStream raw;
        try {
            raw = file.equals("-") ? System.in : Files.newInputStream(Path.of(file));
        } catch (NoSuchFileException e) {
            throw new UsageException("no such file: " + file);
        }
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        boolean gzipped = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        return gzipped ? new GZIPInputStream(in, 1 << 16) : in;
    }
}
