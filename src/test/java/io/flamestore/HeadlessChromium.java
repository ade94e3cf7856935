package io.flamestore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Loads a page in headless Chromium and returns the DOM after its scripts ran ({@code --dump-dom}).
 * The binary is {@code -Dflamestore.chromium=PATH} or the first of {@code chromium},
 * {@code chromium-browser}, {@code google-chrome} on the PATH; tests are skipped without one.
 */
final class HeadlessChromium {
    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");

    private HeadlessChromium() {
    }

    /** The binary, or a skipped test. */
    static Path binary() {
        String configured = System.getProperty("flamestore.chromium");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String path = System.getenv().getOrDefault("PATH", "");
        Path found = Stream.of(path.split(java.io.File.pathSeparator))
                .flatMap(dir -> NAMES.stream().map(name -> Path.of(dir, name)))
                .filter(Files::isExecutable).findFirst().orElse(null);
        Assumptions.assumeTrue(found != null, "no Chromium on the PATH (" + NAMES + "); install it to run this test");
        return found;
    }

    /** The DOM of {@code page} opened at {@code fragment} (e.g. {@code #selftest}), scripts run. */
    static String dumpDom(Path page, String fragment, Path work) throws IOException, InterruptedException {
        Path profile = Files.createDirectories(work.resolve("chromium-profile"));
        Path stderr = work.resolve("chromium.stderr");
        Process process = new ProcessBuilder(binary().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--user-data-dir=" + profile, "--window-size=1280,900",
                "--virtual-time-budget=5000", "--dump-dom", page.toUri() + fragment)
                .redirectError(stderr.toFile())
                .start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Chromium did not finish within 120 s");
        }
        String dom = new String(out, StandardCharsets.UTF_8);
        if (process.exitValue() != 0 || dom.isBlank()) {
            throw new AssertionError("Chromium exited with " + process.exitValue() + ": " + Files.readString(stderr));
        }
        return dom;
    }

    /** The text of the element with {@code id} in a dumped DOM, entities decoded; null if absent. */
    static String text(String dom, String id) {
        Matcher m = Pattern.compile("<(\\w+) id=\"" + Pattern.quote(id) + "\"[^>]*>(.*?)</\\1>", Pattern.DOTALL)
                .matcher(dom);
        if (!m.find()) {
            return null;
        }
        String text = m.group(2);
        for (Map.Entry<String, String> entity : Map.of("&lt;", "<", "&gt;", ">", "&nbsp;", "\u00a0").entrySet()) {
            text = text.replace(entity.getKey(), entity.getValue());
        }
        return text.replace("&amp;", "&");
    }
}
