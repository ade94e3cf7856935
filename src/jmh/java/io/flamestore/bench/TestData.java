package io.flamestore.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The real profiles of {@code shared/testdata}, found through the system property
 * {@value #PROPERTY} (default {@code ../shared/testdata}, relative to the working directory).
 */
final class TestData {
    static final String PROPERTY = "flamestore.testdata";
    static final String DEFAULT = "../shared/testdata";
    static final String FOLDED_SUFFIX = ".folded.gz";

    private TestData() {
    }

    /** The test-data directory; fails with a message saying where it looked and how to point elsewhere. */
    static Path dir() {
        String configured = System.getProperty(PROPERTY);
        Path dir = Paths.get(configured == null ? DEFAULT : configured).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir.resolve("folded"))) {
            throw new IllegalStateException("Flamestore test data not found: " + dir + " has no folded/ directory ("
                    + (configured == null
                            ? "default " + DEFAULT + " relative to the working directory " + Paths.get("").toAbsolutePath()
                            : "from -D" + PROPERTY + "=" + configured)
                    + "). Run from the project directory next to shared/, or pass -D" + PROPERTY + "=/path/to/testdata.");
        }
        return dir;
    }

    /** The names (without {@value #FOLDED_SUFFIX}) of every gzipped folded profile in {@code folded/}, sorted. */
    static List<String> foldedNames() {
        try (Stream<Path> files = Files.list(dir().resolve("folded"))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(FOLDED_SUFFIX))
                    .map(n -> n.substring(0, n.length() - FOLDED_SUFFIX.length()))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The decompressed bytes of {@code folded/<name>.folded.gz}. */
    static byte[] foldedBytes(String name) {
        return gunzip(dir().resolve("folded").resolve(name + FOLDED_SUFFIX));
    }

    /** The decompressed protobuf bytes of {@code pprof/<name>.pb.gz}. */
    static byte[] pprofBytes(String name) {
        return gunzip(dir().resolve("pprof").resolve(name + ".pb.gz"));
    }

    private static byte[] gunzip(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("test profile missing: " + file);
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The decompressed text of {@code folded/<name>.folded.gz}, which must be valid UTF-8. */
    static String foldedText(String name) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(foldedBytes(name)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException(name + " is not valid UTF-8", e);
        }
    }

    /**
     * Fails unless this JVM was started with every flag of {@code flamestore.jvmFlags}, as forks
     * launched by {@link BenchmarkMain} are.
     */
    static void checkForkFlags() {
        List<String> running = ManagementFactory.getRuntimeMXBean().getInputArguments();
        List<String> missing = new ArrayList<>(BenchmarkMain.jvmFlags());
        missing.removeAll(running);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("this benchmark JVM lacks the flags " + missing
                    + "; run the benchmarks through io.flamestore.bench.BenchmarkMain (java -jar target/benchmarks.jar),"
                    + " which appends them to every fork");
        }
    }

    static double megabytes(long bytes) {
        return bytes / 1e6;
    }
}
