package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * What the Pyroscope Java agent's uploads hold, counted apart from the code under test: JFR events
 * through {@code jdk.jfr.consumer}, their dynamic labels through a naive walk of the {@code labels}
 * part ({@link NaiveProtobuf}); and the check that a store holds exactly those counts.
 */
final class JfrUploadCounts {
    private JfrUploadCounts() {
    }

    /**
     * Profile type (series suffix) to dynamic labels to the events' total, over the distinct uploads
     * of {@code requests} (an agent resends an upload after a 5xx; the copies count once).
     */
    static Map<String, Map<Map<String, String>, Long>> count(List<CapturedRequest> requests, Path tmp) throws IOException {
        Map<String, Map<Map<String, String>, Long>> totals = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        for (CapturedRequest request : requests) {
            Map<String, byte[]> parts = request.parts();
            if (seen.add(request.query() + Arrays.hashCode(parts.get("jfr")) + Arrays.hashCode(parts.get("labels")))) {
                countEvents(parts, tmp, totals);
            }
        }
        return totals;
    }

    /**
     * Checks that {@code storage} holds, for each type of {@code expected}, the events' total of
     * series {@code app.type}, and for each label set the total of the series selected by it.
     */
    static void assertStored(Storage storage, String app, Map<String, Map<Map<String, String>, Long>> expected, String what)
            throws IOException {
        for (Map.Entry<String, Map<Map<String, String>, Long>> type : expected.entrySet()) {
            long all = type.getValue().values().stream().mapToLong(Long::longValue).sum();
            assertEquals(all, IngestReplayTest.total(storage, app + "." + type.getKey()), what + " " + type.getKey());
            for (Map<String, String> labels : type.getValue().keySet()) {
                if (labels.isEmpty()) {
                    continue;
                }
                StringBuilder selector = new StringBuilder(app + "." + type.getKey() + "{");
                labels.forEach((k, v) -> selector.append(k).append("=\"").append(v).append("\","));
                selector.setCharAt(selector.length() - 1, '}');
                long withThese = type.getValue().entrySet().stream()
                        .filter(e -> e.getKey().entrySet().containsAll(labels.entrySet()))
                        .mapToLong(Map.Entry::getValue).sum();
                assertEquals(withThese, IngestReplayTest.total(storage, selector.toString()), what + " " + selector);
            }
        }
    }

    /** Adds the events of one upload's recording to {@code totals}, under their context's dynamic labels. */
    private static void countEvents(Map<String, byte[]> parts, Path tmp, Map<String, Map<Map<String, String>, Long>> totals)
            throws IOException {
        Map<Long, Map<String, String>> contexts = parts.containsKey("labels")
                ? NaiveProtobuf.labelsSnapshot(gunzipIfNeeded(parts.get("labels"))) : Map.of();
        Path jfr = Files.createTempFile(tmp, "upload", ".jfr");
        Files.write(jfr, gunzipIfNeeded(parts.get("jfr")));
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (e.getStackTrace() == null || e.getStackTrace().getFrames().isEmpty()) {
                continue;
            }
            long context = e.hasField("contextId") ? e.getLong("contextId") : 0;
            Map<String, String> labels = contexts.getOrDefault(context, Map.of());
            switch (e.getEventType().getName()) {
                case "jdk.ExecutionSample" -> add(totals, "cpu", labels, 1);
                case "jdk.ObjectAllocationInNewTLAB" -> add(totals, "alloc_in_new_tlab_bytes", labels, e.getLong("tlabSize"));
                case "jdk.JavaMonitorEnter", "jdk.ThreadPark" -> add(totals, "lock_count", labels, 1);
                default -> { }
            }
        }
    }

    private static void add(Map<String, Map<Map<String, String>, Long>> totals, String type, Map<String, String> labels, long v) {
        totals.computeIfAbsent(type, t -> new HashMap<>()).merge(labels, v, Long::sum);
    }

    static byte[] gunzipIfNeeded(byte[] bytes) throws IOException {
        if (bytes.length < 2 || (bytes[0] & 0xFF) != 0x1F || (bytes[1] & 0xFF) != 0x8B) {
            return bytes;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }
}
