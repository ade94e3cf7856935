package io.flamestore.cli;

import io.flamestore.AppKey;
import io.flamestore.Storage;
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
 * {@code flamestore ingest}: stores profile files (gzipped or not; {@code -} reads standard input).
 * Collapsed stacks go to the series {@code --app} over {@code [--from, --until)}; pprof and JFR
 * files carry their own times and profile types, which become series named after {@code --app}'s
 * name ({@code app.cpu}, {@code app.alloc_space}, ...) with its labels. Each file is parsed whole
 * before anything of it is stored, so a bad file stores nothing.
 */
final class IngestCommand {
    static final String USAGE = "ingest --app KEY [--from TIME] [--until TIME] [--format auto|folded|pprof|jfr]\n"
            + "        [--sample-labels NAME,...] [--lenient true] [--store DIR] FILE...   (- for standard input)";
    private static final Set<String> OPTIONS = Set.of("app", "from", "until", "format", "lenient", "sample-labels",
            StoreDir.OPTION);
    private static final List<String> FORMATS = List.of("auto", "folded", "pprof", "jfr");

    private IngestCommand() {
    }

    /** What one ingest needs to know besides the file: the key, the times if given, the options. */
    record Target(Storage storage, AppKey key, Long from, Long until, Options options, Progress progress) {
        /** The file (or standard input), gunzipped when it starts with gzip's magic bytes, its reading reported. */
        InputStream open(String file) throws IOException {
            InputStream raw;
            long size = -1;
            try {
                if (file.equals("-")) {
                    raw = System.in;
                } else {
                    raw = Files.newInputStream(Path.of(file));
                    size = Files.size(Path.of(file));
                }
            } catch (NoSuchFileException e) {
                throw new UsageException("no such file: " + file);
            }
            BufferedInputStream in = new BufferedInputStream(progress.reading(file, raw, size), 1 << 16);
            in.mark(2);
            boolean gzipped = in.read() == 0x1f && in.read() == 0x8b;
            in.reset();
            return gzipped ? new GZIPInputStream(in, 1 << 16) : in;
        }
    }

    static void run(List<String> args, long now, PrintStream out, PrintStream err) throws IOException {
        Options options = Options.parse(args, OPTIONS, true);
        List<String> files = options.positional();
        if (files.isEmpty()) {
            throw new UsageException("ingest needs at least one file (or - for standard input)");
        }
        AppKey key = appKey(options.required("app"));
        Long from = options.has("from") ? options.time("from", "now", now) : null;
        Long until = options.has("until") ? options.time("until", "now", now) : null;
        String format = options.string("format", "auto");
        if (!FORMATS.contains(format)) {
            throw new UsageException("--format " + format + " is not one of " + String.join(", ", FORMATS));
        }
        Progress progress = new Progress(err, files.size());
        try (Storage storage = StoreDir.create(options)) {
            Target target = new Target(storage, key, from, until, options, progress);
            for (String file : files) {
                String kind = format.equals("auto") ? detect(file) : format;
                String stored = switch (kind) {
                    case "pprof" -> PprofIngest.store(target, file);
                    case "jfr" -> JfrIngest.store(target, file);
                    default -> FoldedIngest.store(target, file);
                };
                progress.fileDone(file, stored);
            }
        }
        out.printf(Locale.ROOT, "stored %d file(s) under %s%n", files.size(), key.name());
    }

    /** The format a file name suggests (gzipped or not): {@code .pb} and {@code .pprof} are pprof, {@code .jfr} JFR. */
    static String detect(String file) {
        String name = file.toLowerCase(Locale.ROOT).replaceAll("\\.gz$", "");
        if (name.endsWith(".jfr")) {
            return "jfr";
        }
        return name.endsWith(".pb") || name.endsWith(".pprof") ? "pprof" : "folded";
    }

    private static AppKey appKey(String text) {
        try {
            return AppKey.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--app: " + e.getMessage());
        }
    }

    /** A put whose argument mistakes (bad key, bad times) are the user's, reported as such. */
    static void put(Storage storage, String key, long from, long until, io.flamestore.Tree tree) throws IOException {
        try {
            storage.put(key, from, until, tree);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
