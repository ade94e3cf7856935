package io.flamestore;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The child process of {@link CrashRecoveryTest}, run as {@code java ... io.flamestore.CrashWriter MODE DIR [FIRST_SEQ]}:
 * <ul>
 *   <li>{@code write DIR FIRST_SEQ} opens the store, prints {@code OPEN}, then puts
 *       {@link CrashWorkload#put} number FIRST_SEQ, FIRST_SEQ+1, ... and prints {@code ACK <seq>} after
 *       each put has returned, until it is killed.</li>
 *   <li>{@code hold DIR} opens the store, reads it, prints {@code READY} and waits to be killed.</li>
 * </ul>
 * Either mode exits by itself when its standard input closes, so a test JVM that dies leaves no
 * writer behind.
 */
public final class CrashWriter {
    private CrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        Thread watchdog = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent never writes; EOF means it is gone
                }
            } catch (IOException e) {
                // treated as EOF
            }
            Runtime.getRuntime().halt(3);
        }, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        String mode = args[0];
        Path dir = Path.of(args[1]);
        Storage storage = Storage.open(dir);
        switch (mode) {
            case "write" -> write(storage, Long.parseLong(args[2]), out);
            case "hold" -> {
                // Reads first, so that the holder has the partition and rollup indexes open too.
                storage.get(Query.parse("crash.cpu", CrashWorkload.T0, CrashWorkload.T0 + 1_000_000));
                out.println("READY");
                out.flush();
                Thread.sleep(Long.MAX_VALUE);
            }
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
    }

    private static void write(Storage storage, long firstSeq, PrintStream out) throws IOException {
        storage.setMetadata("crash.cpu", new AppMetadata("samples", Aggregation.SUM, 100, "crashspy"));
        out.println("OPEN");
        out.flush();
        for (long seq = firstSeq; ; seq++) {
            CrashWorkload.Put put = CrashWorkload.put(seq);
            storage.put(put.series(), put.start(), put.end(), put.tree());
            out.println("ACK " + seq);
            out.flush();
            if (put.queryAfter()) {
                // Rebuilds (and stores) the stale aggregates above everything written so far.
                long until = CrashWorkload.T0 + (seq + 2) * CrashWorkload.STEP;
                storage.get(Query.parse(CrashWorkload.appOf(put.series()), CrashWorkload.T0, until));
            }
        }
    }
}
