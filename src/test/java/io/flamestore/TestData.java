package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;

/** The shared real profiles (system property {@code flamestore.testdata}) and the copied edge files. */
final class TestData {
    private TestData() {
    }

    /** The test-data directory; aborts (skips) the calling test only if it is not there. */
    static Path directory() {
        String configured = System.getProperty("flamestore.testdata");
        Assumptions.assumeTrue(configured != null, "system property flamestore.testdata is not set");
        Path dir = Path.of(configured);
        Assumptions.assumeTrue(Files.isDirectory(dir), "test data directory " + dir + " is missing");
        return dir;
    }

    /** Whether the test-data directory is there (tests then call {@link #directory()} to skip). */
    static boolean isPresent() {
        String configured = System.getProperty("flamestore.testdata");
        return configured != null && Files.isDirectory(Path.of(configured));
    }

    /** Every {@code folded/*.folded.gz}, sorted by name; fails if the directory holds none. */
    static List<Path> foldedFiles() throws IOException {
        try (Stream<Path> files = Files.list(directory().resolve("folded"))) {
            List<Path> found = files.filter(p -> p.getFileName().toString().endsWith(".folded.gz"))
                    .sorted().collect(Collectors.toList());
            if (found.isEmpty()) {
                throw new AssertionError("no *.folded.gz files in " + directory().resolve("folded"));
            }
            return found;
        }
    }

    static InputStream gunzip(Path file) throws IOException {
        return new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file)), 1 << 16);
    }

    static Tree parseGzipped(Path file) throws IOException {
        try (InputStream in = gunzip(file)) {
            return FoldedParser.strict().source(file.getFileName().toString()).parse(in).tree();
        }
    }

    /** A file of {@code src/test/resources/folded-edge/}. */
    static InputStream edge(String name) {
        InputStream in = TestData.class.getResourceAsStream("/folded-edge/" + name);
        assertNotNull(in, "class-path resource /folded-edge/" + name);
        return in;
    }

    static byte[] edgeBytes(String name) throws IOException {
        try (InputStream in = edge(name)) {
            return in.readAllBytes();
        }
    }
}
