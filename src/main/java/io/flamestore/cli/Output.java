package io.flamestore.cli;

import io.flamestore.FlameGraphHtml;
import io.flamestore.Flamebearer;
import io.flamestore.PprofProfile;
import io.flamestore.QueryResult;
import io.flamestore.TreeDiff;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The {@code --format}, {@code --out} and {@code --max-nodes} options of the reading commands. */
final class Output {
    private static final List<String> FORMATS = List.of("top", "collapsed", "json", "html", "pprof");

    private final String format;
    private final Path file;
    private final int maxNodes;

    private Output(String format, Path file, int maxNodes) {
        this.format = format;
        this.file = file;
        this.maxNodes = maxNodes;
    }

    static Output of(Options options) {
        String format = options.string("format", "top");
        if (!FORMATS.contains(format)) {
            throw new UsageException("--format " + format + " is not one of " + String.join(", ", FORMATS));
        }
        if (format.equals("pprof") && !options.has("out")) {
            throw new UsageException("--format pprof is binary: give --out FILE");
        }
        return new Output(format, options.path("out", null), options.integer("max-nodes", Flamebearer.DEFAULT_MAX_NODES, 1, Integer.MAX_VALUE));
    }

    boolean isTable() {
        return format.equals("top");
    }

    /** Writes one query's result in the chosen format to the file, or else to {@code out}. */
    void write(String title, QueryResult result, PrintStream out) throws IOException {
        byte[] bytes = switch (format) {
            case "collapsed" -> result.tree().toFolded().getBytes(StandardCharsets.UTF_8);
            case "json" -> Flamebearer.of(result).withName(title).withMaxNodes(maxNodes).toJson().getBytes(StandardCharsets.UTF_8);
            case "html" -> FlameGraphHtml.render(Flamebearer.of(result).withName(title).withMaxNodes(maxNodes))
                    .getBytes(StandardCharsets.UTF_8);
            case "pprof" -> PprofProfile.export(result.tree(), PprofProfile.ValueType.ofUnits(result.metadata().units()));
            default -> throw new IllegalStateException("format " + format);
        };
        emit(bytes, out);
    }

    /** Writes a comparison of two query results as flamebearer JSON or an HTML page. */
    void writeDiff(String title, QueryResult left, QueryResult right, PrintStream out) throws IOException {
        Flamebearer diff = diff(title, left, right).withMaxNodes(maxNodes);
        byte[] bytes = switch (format) {
            case "json" -> diff.toJson().getBytes(StandardCharsets.UTF_8);
            case "html" -> FlameGraphHtml.render(diff).getBytes(StandardCharsets.UTF_8);
            default -> throw new UsageException("diff writes --format top, json or html, not " + format);
        };
        emit(bytes, out);
    }

    /** The aligned diff of two results, with the left side's metadata (both sides share the units). */
    static Flamebearer diff(String title, QueryResult left, QueryResult right) {
        return Flamebearer.of(TreeDiff.of(left.tree(), right.tree())).withName(title).withMetadata(left.metadata());
    }

    private void emit(byte[] bytes, PrintStream out) throws IOException {
        if (file == null) {
            out.write(bytes);
            out.flush();
            return;
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream stream = Files.newOutputStream(file)) {
            stream.write(bytes);
        }
        out.println("wrote " + file.toAbsolutePath().normalize());
    }
}
