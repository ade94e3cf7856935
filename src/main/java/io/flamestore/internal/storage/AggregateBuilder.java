package io.flamestore.internal.storage;

import io.flamestore.SegmentTree;
import io.flamestore.SegmentTree.Node;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Builds aggregates in the background once time has moved past them: when a series' puts move from
 * one 100 s (or 1000 s, ...) node into the next, the node left behind is complete and is built while
 * it is still in the page cache, so the first query over it finds it ready. Builds are one merge of
 * ten children each, so this costs about 0.11 merges per put in all. When the queue is full, the
 * writer builds the node itself: a writer that outpaces the builder is slowed to what building
 * costs, and the backlog (which reads would otherwise build) stays bounded.
 */
final class AggregateBuilder implements AutoCloseable {
    /** Builds one node of one series (a read of it does exactly that). */
    @FunctionalInterface
    interface Build {
        void build(int series, Node node) throws IOException;
    }

    private record Job(int series, Node node) {
    }

    private final BlockingQueue<Job> queue = new ArrayBlockingQueue<>(1024);
    private final Map<Integer, Long> lastSlot = new ConcurrentHashMap<>();
    private final Build build;
    private final Thread thread;
    private volatile boolean stopping;

    AggregateBuilder(Build build, String name) {
        this.build = build;
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Called after each put: schedules the nodes that the series' previous put completed. */
    void afterPut(int series, Node slot) {
        Long previous = lastSlot.put(series, slot.index());
        if (previous == null || previous >= slot.index()) {
            return;
        }
        Node before = new Node(0, previous);
        Node now = slot;
        for (int level = 1; level <= SegmentTree.MAX_LEVEL; level++) {
            before = before.parent();
            now = now.parent();
            if (before.equals(now)) {
                return;
            }
            if (!queue.offer(new Job(series, before))) {
                buildQuietly(series, before);
            }
        }
    }

    /**
     * Stops after the build in progress. No interrupt: interrupting a thread inside a file-channel
     * call would close that channel for every other user of the store.
     */
    @Override
    public void close() {
        stopping = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (!stopping) {
            try {
                Job job = queue.poll(50, TimeUnit.MILLISECONDS);
                if (job != null) {
                    buildQuietly(job.series(), job.node());
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Builds one node. A failure is left for the read that needs the node, which rebuilds it and
     * reports the error; a store closing meanwhile ends the build.
     */
    private void buildQuietly(int series, Node node) {
        try {
            build.build(series, node);
        } catch (IOException | IllegalStateException e) {
            // left for the read that needs the node, as said above
        }
    }
}
