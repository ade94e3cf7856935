package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fills a small RAM file system until puts fail: every failed put must be an exception (never a JVM
 * crash from a memory-mapped write), and everything acknowledged before must still be there, before
 * and after reopening. Needs permission to mount tmpfs (root, as in CI); skipped elsewhere.
 */
class DiskFullTest {
    private static final long T0 = 1_700_000_000L;

    @TempDir
    Path parent;
    private Path mount;

    @BeforeEach
    void mountSmallFileSystem() throws Exception {
        mount = parent.resolve("small");
        Files.createDirectories(mount);
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=10m", "tmpfs", mount.toString()),
                "cannot mount a tmpfs here (needs root); disk-full test skipped");
    }

    @AfterEach
    void unmount() throws Exception {
        if (mount != null) {
            run("umount", "-l", mount.toString());
        }
    }

    @Test
    void putsFailCleanlyAndNothingAcknowledgedIsLost() throws Exception {
        StorageOptions options = StorageOptions.builder().indexEntriesPerPartition(4096).minFreeDiskBytes(2 << 20).build();
        Path dir = mount.resolve("store");
        Tree expected = new Tree();
        SplittableRandom random = new SplittableRandom(PropertyRunner.seed("DiskFullTest"));
        IOException failure = null;
        try (Storage storage = Storage.open(dir, options)) {
            for (int i = 0; i < 200_000 && failure == null; i++) {
                Tree tree = new Tree();
                for (int s = 0; s < 50; s++) {
                    tree.insert("main;handler" + random.nextInt(1000) + ";frame-" + random.nextLong(), 1 + random.nextInt(100));
                }
                try {
                    storage.put("app.cpu{host=h" + (i % 7) + "}", T0 + i * 10L, T0 + i * 10L + 10, tree);
                    expected.merge(tree);
                } catch (IOException e) {
                    failure = e;
                }
            }
            assertNotNull(failure, "the 10 MiB file system never filled up");
            assertTrue(failure.getMessage().contains("free") || failure.getMessage().contains("disk"), failure.getMessage());
            assertEquals(expected, storage.get(Query.parse("app.cpu", T0, T0 + 2_000_000)).tree());
        }
        try (Storage storage = Storage.open(dir, options)) {
            assertEquals(expected, storage.get(Query.parse("app.cpu", T0, T0 + 2_000_000)).tree());
        }
    }

    private static boolean run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    }
}
