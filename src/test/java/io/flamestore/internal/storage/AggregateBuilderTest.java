package io.flamestore.internal.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flamestore.SegmentTree.Node;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The background builder's backlog is bounded: what overflows its queue, the writer builds. */
class AggregateBuilderTest {
    private static final String NAME = "aggregate-builder-test";

    @Test
    void aWriterBuildsWhatOverflowsTheQueueBeforeItsPutReturns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> builtByWriter = Collections.synchronizedList(new ArrayList<>());
        List<String> builtInBackground = Collections.synchronizedList(new ArrayList<>());
        AggregateBuilder builder = new AggregateBuilder((series, node) -> {
            if (Thread.currentThread().getName().equals(NAME)) {
                try {
                    release.await(30, TimeUnit.SECONDS); // holds the background thread on its first job
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                builtInBackground.add(series + " " + node);
            } else {
                builtByWriter.add(series + " " + node);
            }
        }, NAME);
        int series = 1_500;
        try {
            for (int s = 0; s < series; s++) {
                builder.afterPut(s, new Node(0, 0));
                builder.afterPut(s, new Node(0, 10)); // completes the 100 s node 0: one job
            }
            // One job is in the stuck background thread at most, the queue holds 1,024.
            assertTrue(builtByWriter.size() >= series - 1_024 - 1, builtByWriter.size() + " built by the writer");
            assertTrue(builtByWriter.contains((series - 1) + " " + new Node(1, 0)), "the last overflow was built at once");
        } finally {
            release.countDown();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (builtByWriter.size() + builtInBackground.size() < series && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        builder.close();
        assertEquals(series, builtByWriter.size() + builtInBackground.size(), "every completed node built once");
    }
}
