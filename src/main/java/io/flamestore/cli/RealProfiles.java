package io.flamestore.cli;

import io.flamestore.Aggregation;
import io.flamestore.AppMetadata;
import io.flamestore.FoldedParser;
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
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The demo's second part: the real profiles of the test data. Shows what each costs stored against
 * gzip, stores one Kafka broker's CPU profiles as an hour of 10 s profiles and queries it back.
 */
final class RealProfiles {
    private final Path testdata;
    private final PrintStream out;
    private final Pages pages;
    private final Report report;

    RealProfiles(Path testdata, PrintStream out, Pages pages) {
        this.testdata = testdata;
        this.out = out;
        this.pages = pages;
        this.report = new Report(out);
    }

    void storeAndShow(Storage storage) throws IOException {
        Path folded = testdata.resolve("folded");
        if (!Files.isDirectory(folded)) {
            throw new UsageException("no profiles at " + folded.toAbsolutePath().normalize()
                    + " (give the test data folder with --testdata DIR)");
        }
        List<Tree> kafka = sizes(folded);
        if (!kafka.isEmpty()) {
            storeKafkaHour(storage, kafka);
        }
    }

    /** Parses every folded profile, prints its size as text, gzipped and encoded; returns Kafka's. */
    private List<Tree> sizes(Path folded) throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(folded)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".folded.gz")).sorted().toList();
        }
        out.printf(Locale.ROOT, "%nReal profiles from %s: size as collapsed text, gzipped, and encoded by Flamestore%n",
                folded.toAbsolutePath().normalize());
        out.printf(Locale.ROOT, "  %-48s %9s %11s %10s %10s %8s%n", "profile", "nodes", "folded B", "gzip-6 B", "stored B", "/gzip");
        List<Tree> kafka = new ArrayList<>();
        for (Path file : files) {
            byte[] text = gunzip(file);
            Tree tree = FoldedParser.strict().source(file.toString()).parse(new ByteArrayInputStream(text)).tree();
            SymbolTrie symbols = new SymbolTrie();
            long stored = tree.encode(symbols).length + (long) symbols.encode().length;
            long gzipped = gzip(text);
            out.printf(Locale.ROOT, "  %-48s %9d %11d %10d %10d %7.2fx%n", file.getFileName(), tree.nodeCount(),
                    text.length, gzipped, stored, (double) stored / gzipped);
            if (file.getFileName().toString().startsWith("kafka_cpu_")) {
                kafka.add(tree);
            }
        }
        return kafka;
    }

    /** One broker's four CPU profiles in turn as an hour of 10 s profiles, ending an hour ago. */
    private void storeKafkaHour(Storage storage, List<Tree> profiles) throws IOException {
        long end = System.currentTimeMillis() / 1000 / 3600 * 3600;
        long start = end - 3600;
        storage.setMetadata("kafka.cpu", new AppMetadata("nanoseconds", Aggregation.SUM, 100, "async-profiler"));
        long began = System.nanoTime();
        int i = 0;
        for (long t = start; t < end; t += 10, i++) {
            storage.put("kafka.cpu{broker=0,cluster=demo}", t, t + 10, profiles.get(i % profiles.size()));
        }
        out.printf(Locale.ROOT, "%nStored %d Kafka CPU profiles (one hour, 10 s each, %,d nodes on average) in %.1f s%n", i,
                profiles.stream().mapToInt(Tree::nodeCount).sum() / profiles.size(), (System.nanoTime() - began) / 1e9);
        QueryResult hour = storage.get(Query.parse("kafka.cpu{broker=\"0\"}", start, end));
        report.summary("kafka.cpu{broker=\"0\"}", hour);
        report.top(hour.tree(), 5);
        pages.flameGraph("kafka-hour", "kafka.cpu{broker=0}, one hour", hour);
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
