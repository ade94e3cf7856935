package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every pprof file of the shared test data parses, and its trees hold what a deliberately naive walk
 * of the raw protobuf bytes counts; two profiles also match collapsed stacks that an independent tool
 * derived from them.
 */
class PprofRealFilesTest {
    static Stream<Path> pprofFiles() throws IOException {
        try (Stream<Path> files = Files.walk(TestData.directory().resolve("pprof"))) {
            List<Path> found = files.filter(p -> p.toString().endsWith(".pb.gz")).sorted().collect(Collectors.toList());
            assertTrue(found.size() >= 20, "pprof files: " + found);
            return found.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("pprofFiles")
    void treeTotalsEqualANaiveCountOfTheSampleValues(Path file) throws IOException {
        PprofProfile profile = PprofProfile.read(Files.readAllBytes(file));
        NaiveCount naive = new NaiveCount(TestData.gunzip(file).readAllBytes());
        assertEquals(naive.samples, profile.sampleCount(), file + ": samples");
        assertEquals(naive.positive.size(), profile.sampleTypes().size(), file + ": sample types");
        for (int t = 0; t < profile.sampleTypes().size(); t++) {
            Tree tree = profile.tree(t);
            assertEquals(naive.positive.get(t), tree.total(), file + ": total of " + profile.sampleTypes().get(t));
            assertEquals(naive.negatives.get(t), profile.negativeValues(t), file + ": negatives");
            assertFalse(profile.seriesSuffix(t).isEmpty());
            Tree regrouped = TreeAssertions.merge(profile.treesByLabels(t, naive.labelKeys).values());
            TreeAssertions.assertTreeEquals(tree, regrouped, file + ": label groups merged");
        }
    }

    @Test
    void largeGoCpuProfileMatchesTheIndependentlyFoldedStacks() throws IOException {
        assertMatchesFolded("google-pprof-large.cpu.pb.gz", 0, "google-pprof-large.cpu.samples.folded.gz");
    }

    @Test
    void parcaAllocSpaceMatchesTheIndependentlyFoldedStacks() throws IOException {
        assertMatchesFolded("parca-alloc_objects.pb.gz", 1, "parca-alloc_objects.alloc_space.folded.gz");
    }

    private static void assertMatchesFolded(String pprof, int sampleType, String folded) throws IOException {
        PprofProfile profile = read(pprof);
        Tree expected = TestData.parseGzipped(TestData.directory().resolve("folded").resolve(folded));
        assertTrue(expected.nodeCount() > 100, folded + " nodes: " + expected.nodeCount());
        TreeAssertions.assertTreeEquals(expected, profile.tree(sampleType), pprof + "[" + sampleType + "]");
    }

    @Test
    void goCpuProfileGetsPyroscopeNamesAndItsSampleRate() throws IOException {
        PprofProfile profile = read("google-pprof-large.cpu.pb.gz");
        assertEquals(List.of(new PprofProfile.ValueType("samples", "count"), new PprofProfile.ValueType("cpu", "nanoseconds")),
                profile.sampleTypes());
        assertEquals(".cpu", profile.seriesSuffix(0));
        assertEquals(".cpu_nanoseconds", profile.seriesSuffix(1));
        assertEquals(new AppMetadata("samples", Aggregation.SUM, 100, "unknown"), profile.metadata(0));
        assertEquals("nanoseconds", profile.metadata(1).units());
        assertEquals(Map.of("cpu", "nanoseconds"), Map.of(profile.periodType().orElseThrow().type(),
                profile.periodType().orElseThrow().unit()));
        assertEquals(10_000_000, profile.period());
        assertTrue(profile.timeNanos() > 0 && profile.durationNanos() > 0, profile.toString());
        assertEquals(profile.tree(0).total() * profile.period(), profile.tree(1).total(), "ns = samples x period");
    }

    @Test
    void heapProfileAveragesInUseTypes() throws IOException {
        PprofProfile profile = read("parca-alloc_objects.pb.gz");
        List<String> suffixes = new ArrayList<>();
        List<AppMetadata> metadata = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            suffixes.add(profile.seriesSuffix(t));
            metadata.add(profile.metadata(t));
        }
        assertEquals(List.of(".alloc_objects", ".alloc_space", ".inuse_objects", ".inuse_space"), suffixes);
        assertEquals(List.of("objects", "bytes", "objects", "bytes"),
                metadata.stream().map(AppMetadata::units).collect(Collectors.toList()));
        assertEquals(List.of(Aggregation.SUM, Aggregation.SUM, Aggregation.AVERAGE, Aggregation.AVERAGE),
                metadata.stream().map(AppMetadata::aggregation).collect(Collectors.toList()));
    }

    @Test
    void threadLabelsSplitTheTreeIntoOnePerThread() throws IOException {
        PprofProfile profile = read("parca-profile-with-labels.pb.gz");
        Map<Map<String, String>, Tree> byThread = profile.treesByLabels(0, Set.of("thread_id", "thread_name"));
        assertTrue(byThread.size() > 1, "groups: " + byThread.keySet());
        assertTrue(byThread.keySet().stream().allMatch(k -> k.keySet().equals(Set.of("thread_id", "thread_name"))),
                byThread.keySet().toString());
        assertEquals(Set.of(Map.of()), profile.treesByLabels(0, Set.of("no such label")).keySet());
    }

    @Test
    void seriesProfilesCarryTheTimeInTheirFileNames() throws IOException {
        try (Stream<Path> files = Files.list(TestData.directory().resolve("pprof/series"))) {
            for (Path file : files.collect(Collectors.toList())) {
                String name = file.getFileName().toString();
                long time = Long.parseLong(name.substring(0, name.indexOf('.')));
                assertEquals(time, PprofProfile.read(Files.newInputStream(file)).timeNanos(), name);
            }
        }
    }

    private static PprofProfile read(String name) throws IOException {
        try (InputStream in = Files.newInputStream(TestData.directory().resolve("pprof").resolve(name))) {
            return PprofProfile.read(in);
        }
    }

    /**
     * Sums sample values straight from the protobuf bytes, one field at a time from a stream, with no
     * knowledge of locations or functions: what any tree built from the profile must add up to.
     */
    private static final class NaiveCount {
        final List<Long> positive = new ArrayList<>();
        final List<Long> negatives = new ArrayList<>();
        final Set<String> labelKeys = new HashSet<>();
        int samples;

        NaiveCount(byte[] profile) {
            List<Long> labelKeyIndexes = new ArrayList<>();
            List<String> strings = new ArrayList<>();
            int sampleTypes = 0;
            ByteArrayInputStream in = new ByteArrayInputStream(profile);
            while (in.available() > 0) {
                long tag = varint(in);
                byte[] body = (tag & 7) == 2 ? bytes(in) : null;
                if ((tag & 7) == 0) {
                    varint(in);
                }
                if (tag >>> 3 == 1) {
                    sampleTypes++;
                } else if (tag >>> 3 == 2) {
                    sample(body, labelKeyIndexes);
                } else if (tag >>> 3 == 6) {
                    strings.add(new String(body, StandardCharsets.UTF_8));
                }
            }
            while (positive.size() < Math.max(sampleTypes, 1)) {
                positive.add(0L);
                negatives.add(0L);
            }
            labelKeyIndexes.forEach(k -> labelKeys.add(strings.get(k.intValue())));
        }

        private void sample(byte[] body, List<Long> labelKeyIndexes) {
            samples++;
            int column = 0;
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            while (in.available() > 0) {
                long tag = varint(in);
                if (tag == (2 << 3 | 2)) {
                    ByteArrayInputStream packed = new ByteArrayInputStream(bytes(in));
                    while (packed.available() > 0) {
                        count(column++, varint(packed));
                    }
                } else if (tag == (2 << 3)) {
                    count(column++, varint(in));
                } else if (tag == (3 << 3 | 2)) {
                    ByteArrayInputStream label = new ByteArrayInputStream(bytes(in));
                    if (varint(label) == (1 << 3)) {
                        labelKeyIndexes.add(varint(label));
                    }
                } else if ((tag & 7) == 2) {
                    bytes(in);
                } else {
                    varint(in);
                }
            }
        }

        private void count(int column, long value) {
            while (positive.size() <= column) {
                positive.add(0L);
                negatives.add(0L);
            }
            if (value < 0) {
                negatives.set(column, negatives.get(column) + 1);
            } else {
                positive.set(column, positive.get(column) + value);
            }
        }

        private static byte[] bytes(ByteArrayInputStream in) {
            byte[] body = new byte[(int) varint(in)];
            in.read(body, 0, body.length);
            return body;
        }

        private static long varint(ByteArrayInputStream in) {
            long value = 0;
            int shift = 0;
            int b;
            do {
                b = in.read();
                value |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            return value;
        }
    }
}
