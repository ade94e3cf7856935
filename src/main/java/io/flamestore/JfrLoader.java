package io.flamestore;

import io.flamestore.JfrEventKind.Output;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import jdk.jfr.EventType;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/** Reads the profile events of one recording into trees by profile type, context id and 10 s slot. */
final class JfrLoader {
    /**
     * What the events of one JFR event type feed, and which fields they have: asking an event instead
     * ({@code getStackTrace()} does) costs two scans of its fields and a list, per event.
     */
    private record Handler(List<Output> outputs, boolean hasStack, boolean hasContextId) {
        static Handler of(EventType type) {
            return new Handler(JfrEventKind.of(type.getName()).map(JfrEventKind::outputs).orElse(List.of()),
                    type.getField("stackTrace") != null, type.getField("contextId") != null);
        }
    }

    private final String source;
    private final JfrStacks stacks;
    private final Map<EventType, Handler> handlers = new IdentityHashMap<>();
    /**
     * Summed values per stack of each tree to be. Recordings repeat a few hundred stacks in hundreds
     * of thousands of events, and {@link JfrStacks} hands out one list per distinct stack, so counting
     * by list identity first and inserting each stack once at the end spares nearly all tree insertions.
     */
    private final Map<TreeKey, StackSums> sums = new HashMap<>();
    private long eventsWithoutStack;

    /** Which tree a sample goes to. */
    private record TreeKey(String type, long contextId, long slot) {
    }

    /** The values of one tree to be: per stack, and their total, which must stay within 64 bits. */
    private static final class StackSums {
        final Map<List<String>, long[]> byStack = new IdentityHashMap<>();
        long total;
    }

    private JfrLoader(String source, boolean asyncProfiler) {
        this.source = source;
        this.stacks = new JfrStacks(asyncProfiler);
    }

    /**
     * Reads the uncompressed recording {@code file}; errors name {@code source}. {@code RecordingFile}
     * rather than {@code EventStream}: the stream reads a truncated or foreign file as an empty one
     * without a word, and prints exceptions from its handlers instead of passing them on.
     */
    static JfrProfile load(Path file, String source) throws IOException {
        try (RecordingFile recording = new RecordingFile(file)) {
            JfrLoader loader = new JfrLoader(source, writtenByAsyncProfiler(recording));
            while (recording.hasMoreEvents()) {
                loader.add(recording.readEvent());
            }
            return new JfrProfile(loader.trees(), loader.eventsWithoutStack);
        } catch (ProfileFormatException e) {
            throw e;
        } catch (IOException | RuntimeException | InternalError e) {
            // jdk.jfr reports damage in many ways (EOFException without a message, IndexOutOfBounds,
            // InternalError, ...); callers get one checked exception that names the file.
            String message = e.getMessage() == null ? "" : ": " + e.getMessage();
            throw new ProfileFormatException(source,
                    "not a readable JFR recording (" + e.getClass().getSimpleName() + message + ")", e);
        }
    }

    /** async-profiler, the Pyroscope agent's profiler, declares event types of its own named {@code profiler.*}. */
    private static boolean writtenByAsyncProfiler(RecordingFile recording) throws IOException {
        return recording.readEventTypes().stream().anyMatch(type -> type.getName().startsWith("profiler."));
    }

    private void add(RecordedEvent event) throws ProfileFormatException {
        Handler handler = handlers.computeIfAbsent(event.getEventType(), Handler::of);
        if (handler.outputs().isEmpty()) {
            return;
        }
        List<String> frames = stacks.rootFirst(handler.hasStack() ? event.getValue("stackTrace") : null);
        if (frames.isEmpty()) {
            eventsWithoutStack++; // nothing to attribute them to: Pyroscope and async-profiler drop them too
            return;
        }
        long slot = slotStart(event);
        long contextId = handler.hasContextId() ? event.getLong("contextId") : 0;
        for (Output output : handler.outputs()) {
            long value = output.value().applyAsLong(event);
            if (value < 0) {
                throw problem(event, "has a negative " + output.type() + " value " + value);
            }
            if (value == 0) {
                continue; // adds nothing, and should not leave an empty tree behind
            }
            StackSums tree = sums.computeIfAbsent(new TreeKey(output.type(), contextId, slot), key -> new StackSums());
            if (value > Long.MAX_VALUE - tree.total) {
                throw problem(event, "overflows the 64-bit total of " + output.type() + " in slot " + slot);
            }
            tree.total += value;
            tree.byStack.computeIfAbsent(frames, f -> new long[1])[0] += value; // at most the total: no overflow
        }
    }

    /** Profile type → context id → slot start → tree. */
    private SortedMap<String, SortedMap<Long, SortedMap<Long, Tree>>> trees() {
        SortedMap<String, SortedMap<Long, SortedMap<Long, Tree>>> trees = new TreeMap<>();
        sums.forEach((key, values) -> {
            Tree tree = new Tree();
            values.byStack.forEach((frames, sum) -> tree.insert(frames, sum[0]));
            trees.computeIfAbsent(key.type(), type -> new TreeMap<>())
                    .computeIfAbsent(key.contextId(), id -> new TreeMap<>())
                    .put(key.slot(), tree);
        });
        return trees;
    }

    private long slotStart(RecordedEvent event) throws ProfileFormatException {
        long second = event.getStartTime().getEpochSecond();
        if (second < 0 || second >= SegmentTree.MAX_EPOCH_SECONDS) {
            throw problem(event, "has a start time outside [0, " + SegmentTree.MAX_EPOCH_SECONDS + ") Unix seconds");
        }
        return second / SegmentTree.SLOT_SECONDS * SegmentTree.SLOT_SECONDS;
    }

    private ProfileFormatException problem(RecordedEvent event, String what) {
        return new ProfileFormatException(source, event.getEventType().getName() + " event at "
                + event.getStartTime() + " " + what, null);
    }
}
