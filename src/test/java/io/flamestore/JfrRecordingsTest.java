package io.flamestore;

import static io.flamestore.TreeAssertions.assertTreeBetween;
import static io.flamestore.TreeAssertions.assertTreeEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every recording of {@code testdata/jfr} against a naive count of its events, and two of them
 * against the collapsed stacks async-profiler's converter made of them.
 */
class JfrRecordingsTest {
    static List<Path> recordings() throws IOException {
        try (Stream<Path> files = Files.list(TestData.directory().resolve("jfr"))) {
            List<Path> found = files.filter(p -> p.getFileName().toString().endsWith(".jfr.gz")).sorted()
                    .collect(Collectors.toList());
            assertFalse(found.isEmpty(), "no *.jfr.gz in testdata/jfr");
            return found;
        }
    }

    @ParameterizedTest
    @MethodSource("recordings")
    void totalsPerTypeAndSlotMatchANaiveCount(Path gz, @TempDir Path tmp) throws IOException {
        JfrProfile profile = JfrProfile.read(gz);
        Map<String, SortedMap<Long, Long>> expected = naiveTotals(gunzip(gz, tmp));
        assertEquals(expected.keySet(), profile.types(), gz + ": types");
        for (String type : profile.types()) {
            SortedMap<Long, Long> actual = new TreeMap<>();
            profile.slots(type).forEach((start, tree) -> actual.put(start, tree.total()));
            assertEquals(expected.get(type), actual, gz + ": " + type + " totals per slot");

            // Splitting by slot and context id conserves samples: the parts merge to the whole.
            Tree parts = new Tree();
            for (long context : profile.contextIds(type)) {
                profile.slots(type, context).values().forEach(parts::merge);
            }
            assertTreeEquals(profile.tree(type), parts, gz + ": " + type + " parts");
        }
    }

    /**
     * The converter counts the JDK's {@code jdk.NativeMethodSample} (threads waiting in native code)
     * as CPU too; Flamestore, like Pyroscope, does not. So every CPU stack must be in the converter's
     * output with at most its value, and the difference must be those native samples.
     */
    @Test
    void hotmethodsCpuMatchesAsyncProfilersConversion(@TempDir Path tmp) throws IOException {
        Path dir = TestData.directory();
        Tree converted = convertedByAsyncProfiler(dir.resolve("folded/jmc-hotmethods.cpu.folded.gz"), false);
        Path recording = dir.resolve("jfr/jmc-hotmethods.jfr.gz");
        Tree cpu = JfrProfile.read(recording).tree("cpu");
        assertTreeBetween(new Tree(), converted, cpu, "jmc-hotmethods cpu");
        long nativeSamples = RecordingFile.readAllEvents(gunzip(recording, tmp)).stream()
                .filter(e -> e.getEventType().getName().equals("jdk.NativeMethodSample")).count();
        assertEquals(24_526, cpu.total());
        assertEquals(converted.total() - nativeSamples, cpu.total(), "converter total minus native samples");
    }

    /**
     * The converter ran with {@code --threads}: its root frames are thread names, dropped here. Stacks
     * are compared as text because a native frame here is a library path with a {@code ;} in it,
     * which the collapsed format cannot tell from two frames.
     */
    @Test
    void asyncProfilerRecordingEqualsItsConversion() throws IOException {
        Path dir = TestData.directory();
        Tree expected = convertedByAsyncProfiler(dir.resolve("folded/jfr-parser-async-profiler.wall.threads.folded.gz"), true);
        Tree cpu = JfrProfile.read(dir.resolve("jfr/jfr-parser-async-profiler.jfr.gz")).tree("cpu");
        assertEquals(199_661, cpu.total());
        assertEquals(TreeAssertions.stacks(expected), TreeAssertions.stacks(cpu), "jfr-parser-async-profiler cpu");
    }

    @Test
    void contextIdsOfThePyroscopeAgentAreKept() throws IOException {
        JfrProfile profile = JfrProfile.read(TestData.directory().resolve("jfr/jfr-parser-example.jfr.gz"));
        assertTrue(profile.contextIds("cpu").size() > 1, "context ids " + profile.contextIds("cpu"));
        assertEquals(List.of(0L), List.copyOf(JfrProfile.read(TestData.directory().resolve("jfr/jmc-hotmethods.jfr.gz"))
                .contextIds("cpu")), "recordings without the field have context id 0 only");
    }

    @Test
    void aGzippedStreamReadsLikeTheFile() throws IOException {
        Path gz = TestData.directory().resolve("jfr/jfr-parser-wall.jfr.gz");
        JfrProfile fromFile = JfrProfile.read(gz);
        JfrProfile fromStream;
        try (InputStream in = Files.newInputStream(gz)) {
            fromStream = JfrProfile.read(in, "wall upload");
        }
        assertEquals(List.of("wall"), List.copyOf(fromFile.types()));
        assertEquals(fromFile.slots("wall"), fromStream.slots("wall"));
    }

    /** Type → slot start → total, counted event by event with the mapping written out once more. */
    private static Map<String, SortedMap<Long, Long>> naiveTotals(Path jfr) throws IOException {
        Map<String, SortedMap<Long, Long>> totals = new TreeMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (e.getStackTrace() == null || e.getStackTrace().getFrames().isEmpty()) {
                continue;
            }
            long slot = e.getStartTime().getEpochSecond() / 10 * 10;
            switch (e.getEventType().getName()) {
                case "jdk.ExecutionSample" -> add(totals, "cpu", slot, 1);
                case "profiler.WallClockSample" -> add(totals, "wall", slot, e.getInt("samples"));
                case "jdk.ObjectAllocationInNewTLAB" -> {
                    add(totals, "alloc_in_new_tlab_objects", slot, 1);
                    add(totals, "alloc_in_new_tlab_bytes", slot, e.getLong("tlabSize"));
                }
                case "jdk.ObjectAllocationOutsideTLAB" -> {
                    add(totals, "alloc_outside_tlab_objects", slot, 1);
                    add(totals, "alloc_outside_tlab_bytes", slot, e.getLong("allocationSize"));
                }
                case "jdk.ObjectAllocationSample" -> {
                    add(totals, "alloc_sample_objects", slot, 1);
                    add(totals, "alloc_sample_bytes", slot, e.getLong("weight"));
                }
                case "jdk.JavaMonitorEnter", "jdk.ThreadPark" -> {
                    add(totals, "lock_count", slot, 1);
                    add(totals, "lock_duration", slot, e.getDuration().toNanos());
                }
                default -> { }
            }
        }
        return totals;
    }

    private static void add(Map<String, SortedMap<Long, Long>> totals, String type, long slot, long value) {
        if (value > 0) {
            totals.computeIfAbsent(type, t -> new TreeMap<>()).merge(slot, value, Long::sum);
        }
    }

    private static Path gunzip(Path gz, Path dir) throws IOException {
        Path jfr = dir.resolve(gz.getFileName().toString().replaceFirst("\\.gz$", ""));
        try (InputStream in = TestData.gunzip(gz)) {
            Files.copy(in, jfr);
        }
        return jfr;
    }

    /**
     * The converter's collapsed output without its frame-type suffixes ({@code _[j]} JIT-compiled,
     * {@code _[0]} interpreted, ...), which Flamestore leaves out of names, and optionally without
     * the root frame.
     */
    private static Tree convertedByAsyncProfiler(Path gz, boolean dropRoot) throws IOException {
        Tree tree = new Tree();
        TreeAssertions.loadFolded(gz).forEachStack((frames, self) -> {
            List<String> names = frames.stream().map(f -> f.replaceFirst("_\\[[0-9a-z]]$", ""))
                    .collect(Collectors.toList());
            tree.insert(dropRoot ? names.subList(1, names.size()) : names, self);
        });
        return tree;
    }
}
