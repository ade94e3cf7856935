package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flamestore.cli.Main;
import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flamestore serve} in its own JVM, stopped with SIGTERM as a service manager stops it: the
 * upload it accepted is in the store, and the store was closed cleanly (Chronicle Map's own exit
 * hook once closed the indexes under the command's feet, and the close failed with a stack trace).
 */
class ServeShutdownTest {
    private static final Pattern LISTENING = Pattern.compile("on http://127\\.0\\.0\\.1:(\\d+) ");

    @Test
    void sigtermClosesTheStoreCleanlyKeepingWhatWasAccepted(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("store");
        String stderr;
        try (ChildJvm serve = ChildJvm.start(dir, Main.class, "serve", "--port", "0", "--store", store.toString())) {
            Optional<String> line = serve.nextLine(System.nanoTime() + TimeUnit.SECONDS.toNanos(60));
            Matcher listening = LISTENING.matcher(line.orElse(""));
            assertTrue(listening.find(), "expected the serving line, got " + line + serve.diagnostics());
            int port = Integer.parseInt(listening.group(1));
            HttpURLConnection upload = (HttpURLConnection) URI.create("http://127.0.0.1:" + port
                    + "/ingest?name=app.cpu&from=1700000000&until=1700000010").toURL().openConnection();
            upload.setRequestMethod("POST");
            upload.setDoOutput(true);
            try (OutputStream out = upload.getOutputStream()) {
                out.write("main;work 7\nmain;idle 3\n".getBytes(StandardCharsets.UTF_8));
            }
            assertEquals(200, upload.getResponseCode());
            stderr = serve.terminate();
        }
        assertFalse(stderr.contains("Exception") || stderr.contains("\tat "), "stderr:\n" + stderr);
        try (Storage storage = Storage.open(store)) {
            assertEquals(10, storage.get(Query.parse("app.cpu", 1_700_000_000L, 1_700_000_010L)).tree().total());
        }
    }
}
