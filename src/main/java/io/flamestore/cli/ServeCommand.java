package io.flamestore.cli;

import io.flamestore.PyroscopeApi;
import io.flamestore.Storage;
import io.flamestore.internal.http.JdkServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code flamestore serve}: Pyroscope's HTTP API ({@link PyroscopeApi}) on the JDK's built-in HTTP
 * server, bound to loopback unless told otherwise. On SIGTERM or Ctrl-C it answers new requests with
 * 503 (agents resend them later), lets the requests in progress finish, then closes the store, so
 * that no acknowledged upload is lost.
 */
final class ServeCommand {
    static final String USAGE = "serve [--port 4040] [--bind 127.0.0.1] [--store DIR] [--max-body-bytes N]\n"
            + "        [--max-concurrent N] [--token TOKEN]   (Pyroscope's HTTP API: /ingest, /render, ...)";
    private static final Set<String> OPTIONS = Set.of("port", "bind", "max-body-bytes", "max-concurrent", "token",
            StoreDir.OPTION);
    /** How long a stop waits for requests in progress. */
    private static final int GRACE_SECONDS = 30;

    private ServeCommand() {
    }

    static void run(List<String> args, PrintStream out) throws IOException {
        Options options = Options.parse(args, OPTIONS);
        int port = options.integer("port", 4040, 0, 65_535);
        int concurrent = options.integer("max-concurrent", 16, 1, 10_000);
        Storage storage = StoreDir.create(options);
        PyroscopeApi.Builder builder = PyroscopeApi.builder().storage(storage).maxConcurrentRequests(concurrent)
                .maxBodyBytes(options.integer("max-body-bytes", 16 << 20, 1, Integer.MAX_VALUE));
        if (options.has("token")) {
            builder.bearerToken(options.required("token"));
        }
        PyroscopeApi api = builder.build();
        JdkServer server = JdkServer.start(api, new InetSocketAddress(options.string("bind", "127.0.0.1"), port), concurrent + 4);
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(GRACE_SECONDS);
            try {
                api.close();
                storage.close();
            } catch (IOException e) {
                System.err.println("flamestore: closing the store failed: " + e.getMessage());
            }
            closed.countDown();
        }, "flamestore-shutdown"));
        out.println("flamestore serving " + storage + " on http://" + server.address().getHostString() + ":"
                + server.address().getPort() + " (Ctrl-C stops)");
        out.flush();
        try {
            closed.await(); // the shutdown hook ends the process once the store is closed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
