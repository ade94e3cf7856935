package io.flamestore;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import jdk.jfr.consumer.RecordedEvent;

/**
 * The JFR events that become profiles, and the profile types (application-name suffixes) each one
 * feeds. Names and units follow what the Pyroscope server stored for JFR uploads: {@code cpu},
 * {@code wall}, {@code alloc_in_new_tlab_objects}/{@code _bytes}, {@code alloc_outside_tlab_objects}/
 * {@code _bytes}, {@code lock_count}, {@code lock_duration}, plus Grafana Pyroscope's
 * {@code alloc_sample_objects}/{@code _bytes} for the JDK's own sampled allocation event.
 */
enum JfrEventKind {
    CPU(List.of("jdk.ExecutionSample"),
            new Output("cpu", "samples", event -> 1)),
    /** async-profiler's wall-clock mode; one event may stand for several samples of an idle thread. */
    WALL(List.of("profiler.WallClockSample"),
            new Output("wall", "samples", event -> event.hasField("samples") ? event.getLong("samples") : 1)),
    /** A new TLAB: Pyroscope counts the TLAB's size, the allocation that JFR saw costing that much. */
    ALLOC_IN_NEW_TLAB(List.of("jdk.ObjectAllocationInNewTLAB"),
            new Output("alloc_in_new_tlab_objects", "objects", event -> 1),
            new Output("alloc_in_new_tlab_bytes", "bytes", event -> event.getLong("tlabSize"))),
    ALLOC_OUTSIDE_TLAB(List.of("jdk.ObjectAllocationOutsideTLAB"),
            new Output("alloc_outside_tlab_objects", "objects", event -> 1),
            new Output("alloc_outside_tlab_bytes", "bytes", event -> event.getLong("allocationSize"))),
    /** JDK 16+ throttled allocation sampling: the weight is the bytes the sample stands for. */
    ALLOC_SAMPLE(List.of("jdk.ObjectAllocationSample"),
            new Output("alloc_sample_objects", "objects", event -> 1),
            new Output("alloc_sample_bytes", "bytes", event -> event.getLong("weight"))),
    LOCK(List.of("jdk.JavaMonitorEnter", "jdk.ThreadPark"),
            new Output("lock_count", "lock_samples", event -> 1),
            new Output("lock_duration", "lock_nanoseconds", event -> event.getDuration().toNanos()));

    /** One profile type an event feeds: its name suffix, unit and the value an event adds to it. */
    record Output(String type, String units, ToLongFunction<RecordedEvent> value) {
    }

    /** Pyroscope's Java agent: async-profiler at its default 100 Hz (the rate is not in the recording). */
    private static final AppMetadata JAVA = AppMetadata.DEFAULT.withSpyName("javaspy");

    /** The metadata of every profile type, by name (after {@code JAVA}, which it uses). */
    static final SortedMap<String, AppMetadata> METADATA = metadata();

    private final List<String> eventNames;
    private final List<Output> outputs;

    JfrEventKind(List<String> eventNames, Output... outputs) {
        this.eventNames = eventNames;
        this.outputs = List.of(outputs);
    }

    List<Output> outputs() {
        return outputs;
    }

    /** The kind of events named {@code eventName}, or empty for events that are no profile. */
    static Optional<JfrEventKind> of(String eventName) {
        return Arrays.stream(values()).filter(kind -> kind.eventNames.contains(eventName)).findFirst();
    }

    private static SortedMap<String, AppMetadata> metadata() {
        SortedMap<String, AppMetadata> all = new TreeMap<>();
        for (JfrEventKind kind : values()) {
            for (Output output : kind.outputs) {
                all.put(output.type(), JAVA.withUnits(output.units()));
            }
        }
        return Collections.unmodifiableSortedMap(all);
    }
}
