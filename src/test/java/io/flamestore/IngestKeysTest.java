package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every app key the real Pyroscope agents sent in the captured ingest requests parses. */
class IngestKeysTest {
    private static final Pattern QUERY = Pattern.compile("\"query\": \"([^\"]*)\"");

    static List<String> capturedKeys() throws IOException {
        try (InputStream in = IngestKeysTest.class.getResourceAsStream("ingest-app-keys.txt")) {
            assertNotNull(in, "ingest-app-keys.txt on the test class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .toList();
        }
    }

    @Test
    void everyCapturedKeyParses() throws IOException {
        List<String> keys = capturedKeys();
        assertEquals(5, keys.size());
        for (String text : keys) {
            AppKey key = AppKey.parse(text);
            assertEquals("demo.app", key.name(), text);
            assertEquals("test", key.label("env"), text);
            assertEquals(key, AppKey.parse(key.toString()), text);
            assertFalse(key.toString().contains("\""), "real values need no quotes: " + key);
        }
        AppKey java = AppKey.parse(keys.get(0));
        assertEquals("OpenJDK Runtime Environment", java.label("process.runtime.name"));
        assertEquals("17.0.15+6-Debian-1deb12u1", java.label("process.runtime.version"));
        assertEquals("com.grafana.pyroscope/java", java.label("otel.scope.name"));
        assertEquals("perf", java.label("team"));
    }

    @Test
    void nodeClientKeysAreEqualWhicheverWayTheLabelsCame() throws IOException {
        List<String> keys = capturedKeys();
        // The same labels, once in one brace group and once in two.
        assertEquals(AppKey.parse(keys.get(3)), AppKey.parse(keys.get(4)));
        assertEquals("com.grafana.pyroscope/nodejs", AppKey.parse(keys.get(3)).label("otel.scope.name"));
    }

    /** Keeps the resource list in step with the captures when ../shared/testdata is present. */
    @Test
    void resourceListMatchesTheCaptures() throws IOException {
        Path ingest = Path.of(System.getProperty("flamestore.testdata", "../shared/testdata"), "ingest");
        assumeTrue(Files.isDirectory(ingest), "no captures at " + ingest);
        Set<String> names = new TreeSet<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(ingest)) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path file : files) {
            Matcher m = QUERY.matcher(Files.readString(file));
            assertTrue(m.find(), "query in " + file);
            for (String param : m.group(1).split("&")) {
                if (param.startsWith("name=")) {
                    String name = URLDecoder.decode(param.substring(5), StandardCharsets.UTF_8);
                    AppKey.parse(name);
                    names.add(name);
                }
            }
        }
        assertFalse(names.isEmpty(), "no name parameters under " + ingest);
        assertEquals(names, new TreeSet<>(capturedKeys()));
    }
}
