package io.flamestore;

import io.flamestore.JfrEventKind.Output;
import java.io.IOException;
import java.nio.file.Path;
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
    /** What the events of one JFR event type feed, and whether they carry the Pyroscope agent's context id. */
    private record Handler(List<Output> outputs, boolean hasContextId) {
        static Handler of(EventType type) {
            return new Handler(JfrEventKind.of(type.getName()).map(JfrEventKind::outputs).orElse(List.of()),
                    type.getField("contextId") != null);
        }
    }

    private final String source;
    private final JfrStacks stacks;
    private final Map<EventType, Handler> handlers = new IdentityHashMap<>();
    /** Profile type → context id → slot start → tree. */
    private final SortedMap<String, SortedMap<Long, SortedMap<Long, Tree>>> trees = new TreeMap<>();
    private long eventsWithoutStack;

    private JfrLoader(String source, boolean asyncProfiler) {
        this.source = source;
        this.stacks = new JfrStacks(asyncProfiler);
    }

    /** Reads the uncompressed recording {@code file}; errors name {@code source}. */
    static JfrProfile load(Path file, String source) throws IOException {
        try (RecordingFile recording = new RecordingFile(file)) {
            JfrLoader loader = new JfrLoader(source, writtenByAsyncProfiler(recording));
            while (recording.hasMoreEvents()) {
                loader.add(recording.readEvent());
            }
            return new JfrProfile(loader.trees, loader.eventsWithoutStack);
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
        List<String> frames = stacks.rootFirst(event.getStackTrace());
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
            Tree tree = trees.computeIfAbsent(output.type(), type -> new TreeMap<>())
                    .computeIfAbsent(contextId, id -> new TreeMap<>())
                    .computeIfAbsent(slot, start -> new Tree());
            if (!tree.fits(value)) {
                throw problem(event, "overflows the 64-bit total of " + output.type() + " in slot " + slot);
            }
            tree.insert(frames, value);
        }
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
