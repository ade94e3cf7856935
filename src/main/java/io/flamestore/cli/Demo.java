package io.flamestore.cli;

import io.flamestore.FoldedParser;
import io.flamestore.FunctionStats;
import io.flamestore.SymbolTrie;
import io.flamestore.Tree;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * What {@code flamestore demo} does: parses every real profile of the test data, shows what each
 * costs as folded text, gzipped, and in Flamestore's encoding, then merges the four CPU profiles of
 * one Kafka broker into one tree, prints its hottest functions and writes it as folded text and as an
 * SVG flame graph.
 */
final class Demo {
    private static final int TOP = 10;

    private final Path testdata;
    private final Path outDir;
    private final PrintStream out;

    Demo(Path testdata, Path outDir, PrintStream out) {
        this.testdata = testdata;
        this.outDir = outDir;
        this.out = out;
    }

    void run() throws IOException {
        Path folded = testdata.resolve("folded");
        if (!Files.isDirectory(folded)) {
            throw new UsageException("no profiles at " + folded.toAbsolutePath().normalize()
                    + " (give the test data folder with --testdata DIR)");
        }
        List<Path> files = foldedFiles(folded);
        out.printf(Locale.ROOT, "Flamestore demo: %d real profiles from %s%n%n", files.size(), folded.normalize());
        out.printf(Locale.ROOT, "%-48s %9s %9s %11s %10s %10s %12s%n",
                "profile", "stacks", "nodes", "folded B", "gzip-6 B", "stored B", "stored/gzip");
        Tree kafka = new Tree();
        int kafkaProfiles = 0;
        for (Path file : files) {
            byte[] text = gunzip(file);
            FoldedParser.Result parsed = FoldedParser.strict().source(file.toString()).parse(new ByteArrayInputStream(text));
            Tree tree = parsed.tree();
            SymbolTrie symbols = new SymbolTrie();
            long stored = tree.encode(symbols).length + (long) symbols.encode().length;
            long gzipped = gzip(text);
            out.printf(Locale.ROOT, "%-48s %9d %9d %11d %10d %10d %11.2fx%n", file.getFileName(), parsed.lines(),
                    tree.nodeCount(), text.length, gzipped, stored, (double) stored / gzipped);
            if (file.getFileName().toString().startsWith("kafka_cpu_")) {
                kafka.merge(tree);
                kafkaProfiles++;
            }
        }
        if (kafkaProfiles == 0) {
            out.println("\nno kafka_cpu_*.folded.gz profiles found; nothing to merge");
            return;
        }
        out.printf(Locale.ROOT, "%nMerged %d CPU profiles of one Kafka broker: %,d nodes, %,d ns of CPU%n",
                kafkaProfiles, kafka.nodeCount(), kafka.total());
        List<FunctionStats> functions = kafka.functions();
        printTop("by self (time spent in the function itself)", functions, kafka.total());
        List<FunctionStats> byTotal = new ArrayList<>(functions);
        byTotal.sort((a, b) -> Long.compare(b.total(), a.total()));
        printTop("by total (time with the function anywhere on the stack)", byTotal, kafka.total());
        Files.createDirectories(outDir);
        Path foldedOut = outDir.resolve("kafka-merged.folded");
        Path svgOut = outDir.resolve("kafka-merged.svg");
        Files.writeString(foldedOut, kafka.toFolded());
        Files.writeString(svgOut, FlameGraphSvg.render(kafka, "Kafka broker CPU, " + kafkaProfiles + " profiles merged"));
        out.printf(Locale.ROOT, "%nWrote %s (collapsed stacks) and %s (flame graph; open it in a browser)%n",
                foldedOut.toAbsolutePath().normalize(), svgOut.toAbsolutePath().normalize());
    }

    private void printTop(String heading, List<FunctionStats> functions, long total) {
        out.printf(Locale.ROOT, "%nTop %d functions %s:%n", TOP, heading);
        out.printf(Locale.ROOT, "  %7s %7s  %s%n", "self%", "total%", "function");
        for (FunctionStats f : functions.subList(0, Math.min(TOP, functions.size()))) {
            out.printf(Locale.ROOT, "  %6.2f%% %6.2f%%  %s%n", 100.0 * f.self() / total, 100.0 * f.total() / total, f.name());
        }
    }

    private static List<Path> foldedFiles(Path folded) throws IOException {
        try (Stream<Path> listing = Files.list(folded)) {
            return listing.filter(p -> p.getFileName().toString().endsWith(".folded.gz")).sorted().toList();
        }
    }

    private static byte[] gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }

    private static long gzip(byte[] text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(text);
        }
        return bytes.size();
    }
}
