package io.flamestore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongFunction;

/**
 * The profiles in a JDK Flight Recorder recording, as written by the JDK or by async-profiler (the
 * profiler inside Pyroscope's Java agent), read through the JDK's own {@code jdk.jfr.consumer}.
 *
 * <p>Events become trees of these profile types, Pyroscope's suffixes to an application name:
 * <table>
 * <caption>Profile types and the events they come from</caption>
 * <tr><th>type</th><th>from</th><th>value per event (units)</th></tr>
 * <tr><td>{@code cpu}</td><td>{@code jdk.ExecutionSample}</td><td>1 (samples)</td></tr>
 * <tr><td>{@code wall}</td><td>{@code profiler.WallClockSample}</td><td>its {@code samples} (samples)</td></tr>
 * <tr><td>{@code alloc_in_new_tlab_objects}, {@code _bytes}</td><td>{@code jdk.ObjectAllocationInNewTLAB}</td>
 *     <td>1 (objects), {@code tlabSize} (bytes)</td></tr>
 * <tr><td>{@code alloc_outside_tlab_objects}, {@code _bytes}</td><td>{@code jdk.ObjectAllocationOutsideTLAB}</td>
 *     <td>1 (objects), {@code allocationSize} (bytes)</td></tr>
 * <tr><td>{@code alloc_sample_objects}, {@code _bytes}</td><td>{@code jdk.ObjectAllocationSample}</td>
 *     <td>1 (objects), {@code weight} (bytes)</td></tr>
 * <tr><td>{@code lock_count}, {@code lock_duration}</td><td>{@code jdk.JavaMonitorEnter}, {@code jdk.ThreadPark}</td>
 *     <td>1 (lock_samples), duration (lock_nanoseconds)</td></tr>
 * </table>
 * All are summed. Frames are named as async-profiler's collapsed output names them, without frame-type
 * suffixes: {@code java/lang/Thread.run}, native symbols bare. Events without a stack trace are
 * counted ({@link #eventsWithoutStack()}) but not kept.
 *
 * <p>Each event lands in the 10 s slot of its start time, aligned to the Unix epoch, and under its
 * context id: the {@code contextId} field with which the Pyroscope agent ties an event to a set of
 * dynamic labels (0 for events without one).
 *
 * <pre>{@code
 * JfrProfile profile = JfrProfile.read(Path.of("recording.jfr.gz"));
 * profile.putInto(storage, "ride-sharing-app", Map.of("region", "us-west-1"));
 * }</pre>
 *
 * <p>The trees a profile hands out are its own: copy one before changing it.
 */
public final class JfrProfile {
    private final SortedMap<String, SortedMap<Long, SortedMap<Long, Tree>>> trees;
    private final long eventsWithoutStack;

    JfrProfile(SortedMap<String, SortedMap<Long, SortedMap<Long, Tree>>> trees, long eventsWithoutStack) {
        this.trees = trees;
        this.eventsWithoutStack = eventsWithoutStack;
    }

    /**
     * Reads a recording, gzipped or not.
     *
     * @throws ProfileFormatException naming the file if it is no readable recording
     */
    public static JfrProfile read(Path recording) throws IOException {
        Objects.requireNonNull(recording, "recording");
        try (JfrFile file = JfrFile.of(recording)) {
            return JfrLoader.load(file.path(), recording.toString());
        }
    }

    /**
     * Reads a recording, gzipped or not, from a stream that is read to its end but not closed. The
     * JDK reads recordings only from files, so it is copied to a temporary file first.
     *
     * @param source what errors call the stream, e.g. a file name or upload
     * @throws ProfileFormatException naming {@code source} if it is no readable recording
     */
    public static JfrProfile read(InputStream in, String source) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(source, "source");
        try (JfrFile file = JfrFile.of(in, source)) {
            return JfrLoader.load(file.path(), source);
        }
    }

    /** The profile types this recording has samples of, sorted, e.g. {@code [alloc_in_new_tlab_bytes, ..., cpu]}. */
    public SortedSet<String> types() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(trees.keySet()));
    }

    /** The metadata (units, {@link Aggregation#SUM}, spy {@code javaspy}) of a profile type. */
    public AppMetadata metadata(String type) {
        return JfrEventKind.METADATA.get(checkType(type));
    }

    /** The context ids under which {@code type} has samples, sorted; 0 stands for events without one. */
    public SortedSet<Long> contextIds(String type) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(contexts(type).keySet()));
    }

    /** The trees of {@code type} and one context id, by slot start (Unix seconds, a multiple of 10). */
    public SortedMap<Long, Tree> slots(String type, long contextId) {
        return Collections.unmodifiableSortedMap(contexts(type).getOrDefault(contextId, Collections.emptySortedMap()));
    }

    /** The trees of {@code type}, every context id merged, by slot start; new trees, free to change. */
    public SortedMap<Long, Tree> slots(String type) {
        SortedMap<Long, Tree> merged = new TreeMap<>();
        contexts(type).values().forEach(slots ->
                slots.forEach((start, tree) -> merged.computeIfAbsent(start, s -> new Tree()).merge(tree)));
        return merged;
    }

    /** Every sample of {@code type} in one new tree. */
    public Tree tree(String type) {
        Tree all = new Tree();
        contexts(type).values().forEach(slots -> slots.values().forEach(all::merge));
        return all;
    }

    /** Events of a profile type that had no stack trace (recorded with stack traces off, say). */
    public long eventsWithoutStack() {
        return eventsWithoutStack;
    }

    /**
     * Stores every profile type as the series {@code appName.type{labels}}, one put per 10 s slot
     * [s, s + 10), and sets each application's metadata.
     */
    public void putInto(Storage storage, String appName, Map<String, String> labels) throws IOException {
        Objects.requireNonNull(labels, "labels");
        putInto(storage, appName, contextId -> labels);
    }

    /**
     * Like {@link #putInto(Storage, String, Map)} with labels per context id, such as the dynamic labels
     * the Pyroscope agent sends beside a recording. Context ids given equal labels are merged. Every key
     * is checked before anything is stored.
     */
    public void putInto(Storage storage, String appName, LongFunction<Map<String, String>> labelsOfContext)
            throws IOException {
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(appName, "appName");
        Objects.requireNonNull(labelsOfContext, "labelsOfContext");
        SortedMap<Long, Map<String, List<Tree>>> bySlot = new TreeMap<>();
        for (Map.Entry<String, SortedMap<Long, SortedMap<Long, Tree>>> type : trees.entrySet()) {
            for (Map.Entry<Long, SortedMap<Long, Tree>> context : type.getValue().entrySet()) {
                Map<String, String> labels = Objects.requireNonNull(labelsOfContext.apply(context.getKey()),
                        () -> "labels of context id " + context.getKey());
                String key = AppKey.of(appName + "." + type.getKey(), labels).toString();
                context.getValue().forEach((start, tree) -> bySlot.computeIfAbsent(start, s -> new LinkedHashMap<>())
                        .computeIfAbsent(key, k -> new ArrayList<>()).add(tree));
            }
        }
        for (String type : trees.keySet()) {
            storage.setMetadata(appName + "." + type, metadata(type));
        }
        for (Map.Entry<Long, Map<String, List<Tree>>> slot : bySlot.entrySet()) {
            Map<String, Tree> batch = new LinkedHashMap<>();
            slot.getValue().forEach((key, parts) -> batch.put(key, parts.size() == 1 ? parts.get(0) : merged(parts)));
            storage.put(batch, slot.getKey(), slot.getKey() + SegmentTree.SLOT_SECONDS);
        }
    }

    @Override
    public String toString() {
        Map<String, Long> totals = new TreeMap<>();
        trees.keySet().forEach(type -> totals.put(type, tree(type).total()));
        return "JfrProfile" + totals;
    }

    private static Tree merged(List<Tree> parts) {
        Tree all = new Tree();
        parts.forEach(all::merge);
        return all;
    }

    private SortedMap<Long, SortedMap<Long, Tree>> contexts(String type) {
        return trees.getOrDefault(checkType(type), Collections.emptySortedMap());
    }

    private static String checkType(String type) {
        if (!JfrEventKind.METADATA.containsKey(type)) {
            throw new IllegalArgumentException("unknown JFR profile type " + (type == null ? "null" : "\"" + type + "\"")
                    + "; known are " + JfrEventKind.METADATA.keySet());
        }
        return type;
    }
}
