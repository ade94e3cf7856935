package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged recordings fail with a {@link ProfileFormatException} that names the source, from a file
 * and from a stream, and leave no temporary file behind.
 */
class JfrCorruptionTest {
    private static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));

    @TempDir
    Path dir;
    private List<Path> spoolsBefore;

    @BeforeEach
    void listSpools() throws IOException {
        spoolsBefore = spools();
    }

    @AfterEach
    void noSpoolLeft() throws IOException {
        assertEquals(spoolsBefore, spools(), "temporary copies left in " + TMP);
    }

    @Test
    void truncatedGzip() throws IOException {
        byte[] gz = Files.readAllBytes(TestData.directory().resolve("jfr/jfr-parser-wall.jfr.gz"));
        assertFails(Arrays.copyOf(gz, gz.length / 2), "gzip");
    }

    @Test
    void truncatedRecording() throws IOException {
        byte[] jfr = jfrBytes();
        for (int length : new int[] {0, 3, 64, jfr.length / 3, jfr.length - 1}) {
            assertFails(Arrays.copyOf(jfr, length), "JFR");
            assertFails(gzip(Arrays.copyOf(jfr, length)), "JFR");
        }
    }

    @Test
    void randomBytes() throws IOException {
        SplittableRandom random = new SplittableRandom(20_240_611);
        for (int i = 0; i < 20; i++) {
            byte[] bytes = new byte[1 + random.nextInt(5_000)];
            random.nextBytes(bytes);
            assertFails(bytes, "");
        }
    }

    /** A real header followed by noise: the parser gets past the magic and must still fail cleanly. */
    @Test
    void noiseAfterAHeader() throws IOException {
        byte[] jfr = jfrBytes();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20; i++) {
            byte[] damaged = jfr.clone();
            int from = 68 + random.nextInt(jfr.length - 68); // after the chunk header
            for (int j = from; j < Math.min(jfr.length, from + 64); j++) {
                damaged[j] = (byte) random.nextInt(256);
            }
            try {
                JfrProfile.read(new ByteArrayInputStream(damaged), "noise-" + i);
            } catch (ProfileFormatException e) {
                assertTrue(e.getMessage().startsWith("noise-" + i + ": "), e.getMessage());
            }
        }
    }

    private void assertFails(byte[] bytes, String problem) throws IOException {
        Path file = dir.resolve("damaged.jfr");
        Files.write(file, bytes);
        ProfileFormatException fromFile = assertThrows(ProfileFormatException.class, () -> JfrProfile.read(file));
        assertTrue(fromFile.getMessage().startsWith(file + ": ") && fromFile.getMessage().contains(problem),
                fromFile.getMessage());
        ProfileFormatException fromStream = assertThrows(ProfileFormatException.class,
                () -> JfrProfile.read(new ByteArrayInputStream(bytes), "upload"));
        assertTrue(fromStream.getMessage().startsWith("upload: "), fromStream.getMessage());
        assertEquals(0, fromStream.line());
    }

    private static byte[] jfrBytes() throws IOException {
        try (InputStream in = TestData.gunzip(TestData.directory().resolve("jfr/jfr-parser-wall.jfr.gz"))) {
            return in.readAllBytes();
        }
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private static List<Path> spools() throws IOException {
        try (Stream<Path> files = Files.list(TMP)) {
            return files.filter(p -> p.getFileName().toString().matches("flamestore-.*\\.jfr")).sorted()
                    .collect(Collectors.toList());
        }
    }
}
