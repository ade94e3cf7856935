package io.flamestore.cli;

import io.flamestore.Aggregation;
import io.flamestore.AppMetadata;
import io.flamestore.FlameGraphHtml;
import io.flamestore.Flamebearer;
import io.flamestore.FoldedParser;
import io.flamestore.FunctionStats;
import io.flamestore.Query;
import io.flamestore.QueryResult;
import io.flamestore.Storage;
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
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * What {@code flamestore demo} does: parses every real profile of the test data, shows what each
 * costs as folded text, gzipped, and in Flamestore's encoding; then stores the four CPU profiles of
 * one Kafka broker as an hour of 10 s profiles, queries them back, prints the hottest functions and
 * writes the hour as folded text and as an SVG flame graph.
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
        List<Tree> kafka = new ArrayList<>();
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
                kafka.add(tree);
            }
        }
        if (kafka.isEmpty()) {
            out.println("\nno kafka_cpu_*.folded.gz profiles found; nothing to store");
            return;
        }
        storeAndQuery(kafka);
    }

    /**
     * Stores the Kafka profiles as one hour of 10 s profiles of one broker (taking them in turn),
     * then asks the store what a profiling UI would: the hour, a ten-minute window, the timeline.
     */
    private void storeAndQuery(List<Tree> profiles) throws IOException {
        Path storeDir = outDir.resolve("store");
        deleteRecursively(storeDir);
        long start = 1_700_000_000L;
        long end = start + 3600;
        long began = System.nanoTime();
        try (Storage storage = Storage.open(storeDir)) {
            storage.setMetadata("kafka.cpu", new AppMetadata("nanoseconds", Aggregation.SUM, 100, "async-profiler"));
            for (long t = start, i = 0; t < end; t += 10, i++) {
                storage.put("kafka.cpu{broker=0,cluster=demo}", t, t + 10, profiles.get((int) (i % profiles.size())));
            }
            out.printf(Locale.ROOT, "%nStored 360 profiles (one hour, 10 s each) of kafka.cpu{broker=0} in %s in %.1f s%n",
                    storeDir.toAbsolutePath().normalize(), (System.nanoTime() - began) / 1e9);
            QueryResult hour = storage.get(Query.parse("kafka.cpu{broker=\"0\"}", start, end));
            QueryResult window = storage.get(Query.parse("kafka.cpu", start + 600, start + 1200));
            out.printf(Locale.ROOT, "Query over the hour: %,d ns of CPU from %d stored trees (%d series); timeline of %d points every %d s%n",
                    hour.tree().total(), hour.stats().treesMerged(), hour.stats().seriesMatched(),
                    hour.timeline().size(), hour.timeline().stepSeconds());
            out.printf(Locale.ROOT, "Query over minutes 10-20: %,d ns of CPU from %d stored trees%n",
                    window.tree().total(), window.stats().treesMerged());
            Tree merged = hour.tree();
            List<FunctionStats> functions = merged.functions();
            printTop("by self (time spent in the function itself)", functions, merged.total());
            List<FunctionStats> byTotal = new ArrayList<>(functions);
            byTotal.sort((a, b) -> Long.compare(b.total(), a.total()));
            printTop("by total (time with the function anywhere on the stack)", byTotal, merged.total());
            Path foldedOut = outDir.resolve("kafka-hour.folded");
            Path svgOut = outDir.resolve("kafka-hour.svg");
            Path htmlOut = outDir.resolve("kafka-hour.html");
            Files.writeString(foldedOut, merged.toFolded());
            Files.writeString(svgOut, FlameGraphSvg.render(merged, "kafka.cpu{broker=0}, one hour"));
            Files.writeString(htmlOut, FlameGraphHtml.render(Flamebearer.of(hour).withName("kafka.cpu{broker=0}")));
            out.printf(Locale.ROOT, "%nWrote %s (collapsed stacks), %s (static flame graph) and %s (interactive, with"
                    + " timeline); open the last two in a browser%n", foldedOut.toAbsolutePath().normalize(),
                    svgOut.toAbsolutePath().normalize(), htmlOut.toAbsolutePath().normalize());
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
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
