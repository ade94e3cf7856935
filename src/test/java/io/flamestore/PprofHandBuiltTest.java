package io.flamestore;

import static io.flamestore.PprofFixtures.function;
import static io.flamestore.PprofFixtures.location;
import static io.flamestore.PprofFixtures.sample;
import static io.flamestore.PprofFixtures.strings;
import static io.flamestore.PprofFixtures.valueType;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flamestore.internal.proto.ProtoWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Profiles built field by field, one pprof feature each, decoded into exactly the expected trees. */
class PprofHandBuiltTest {
    private static final PprofProfile.ValueType SAMPLES = new PprofProfile.ValueType("samples", "count");

    @Test
    void inlinedFramesExpandAndStacksComeOutRootFirst() throws IOException {
        ProtoWriter p = new ProtoWriter().message(1, valueType(1, 2))
                .message(5, function(1, 3)).message(5, function(2, 4)).message(5, function(3, 5))
                .message(4, location(1, 2, 1)) // "inlined" was inlined into "main"
                .message(4, location(2, 3))
                .message(2, sample(new long[] {2, 1}, 5));
        Tree tree = read(strings(p, "", "samples", "count", "main", "inlined", "leaf"));
        assertEquals(Map.of("main;inlined;leaf", 5L), TreeAssertions.stacks(tree));
    }

    @Test
    void entriesWithoutIdsAreFoundByTheirPosition() throws IOException {
        ProtoWriter p = new ProtoWriter()
                .message(5, new ProtoWriter().varint(2, 1)).message(5, new ProtoWriter().varint(2, 2))
                .message(4, location(0, 1)).message(4, location(0, 2))
                .message(2, sample(new long[] {2, 1}, 3));
        PprofProfile profile = PprofProfile.read(strings(p, "", "a", "b").toByteArray());
        assertEquals(List.of(SAMPLES), profile.sampleTypes());
        assertEquals(Map.of("a;b", 3L), TreeAssertions.stacks(profile.tree(0)));
    }

    @Test
    void sparseIdsAreLookedUp() throws IOException {
        ProtoWriter p = new ProtoWriter().message(1, valueType(1, 2))
                .message(5, function(70, 3)).message(5, function(9, 4))
                .message(4, location(1000, 9)).message(4, location(5, 70))
                .message(2, sample(new long[] {1000, 5}, 4));
        assertEquals(Map.of("outer;inner", 4L), TreeAssertions.stacks(read(strings(p, "", "samples", "count", "outer", "inner"))));
    }

    @Test
    void locationsWithoutFunctionsAreNamedByAddressThenMapping() throws IOException {
        ProtoWriter p = new ProtoWriter()
                .message(3, new ProtoWriter().varint(1, 7).varint(5, 1))
                .message(4, new ProtoWriter().varint(1, 1).varint(3, 0x4a3f10))
                .message(4, new ProtoWriter().varint(1, 2).varint(2, 7))
                .message(4, new ProtoWriter().varint(1, 3))
                .message(2, sample(new long[] {1, 2}, 2))
                .message(2, sample(new long[] {3}, 1));
        Tree tree = read(strings(p, "", "libc.so.6"));
        assertEquals(Map.of("libc.so.6;0x4a3f10", 2L, "[unknown]", 1L), TreeAssertions.stacks(tree));
    }

    @Test
    void unpackedFieldsAndMissingSampleTypesWork() throws IOException {
        ProtoWriter sample = new ProtoWriter().varint(1, 1).varint(1, 2).varint(2, 6);
        ProtoWriter p = new ProtoWriter().message(5, function(1, 1)).message(5, function(2, 2))
                .message(4, location(1, 1)).message(4, location(2, 2)).message(2, sample);
        PprofProfile profile = PprofProfile.read(strings(p, "", "leaf", "root").toByteArray());
        assertEquals(List.of(SAMPLES), profile.sampleTypes());
        assertEquals(".cpu", profile.seriesSuffix(0));
        assertEquals(AppMetadata.DEFAULT, profile.metadata(0));
        assertEquals(Map.of("root;leaf", 6L), TreeAssertions.stacks(profile.tree(0)));
    }

    @Test
    void samplesWithoutLocationsAndNegativeValues() throws IOException {
        ProtoWriter p = new ProtoWriter().message(1, valueType(1, 2))
                .message(2, sample(new long[0], 4)).message(2, sample(new long[0], -3));
        PprofProfile profile = PprofProfile.read(strings(p, "", "alloc_space", "bytes").toByteArray());
        assertEquals(Map.of(io.flamestore.internal.pprof.PprofConventions.NO_STACK, 4L), TreeAssertions.stacks(profile.tree(0)));
        assertEquals(1, profile.negativeValues(0));
    }

    @Test
    void stringLabelsGroupSamplesAndNumericOnesAreIgnored() throws IOException {
        ProtoWriter threadA = new ProtoWriter().varint(1, 2).varint(2, 3);
        ProtoWriter threadB = new ProtoWriter().varint(1, 2).varint(2, 4);
        ProtoWriter bytes = new ProtoWriter().varint(1, 5).varint(3, 512);
        ProtoWriter p = new ProtoWriter().message(5, function(1, 1)).message(4, location(1, 1))
                .message(2, sample(new long[] {1}, 1).message(3, threadA).message(3, bytes))
                .message(2, sample(new long[] {1}, 2).message(3, threadB))
                .message(2, sample(new long[] {1}, 4).message(3, threadA))
                .message(2, sample(new long[] {1}, 8));
        PprofProfile profile = PprofProfile.read(strings(p, "", "f", "thread", "a", "b", "bytes").toByteArray());
        Map<Map<String, String>, Tree> groups = profile.treesByLabels(0, Set.of("thread", "bytes"));
        assertEquals(Set.of(Map.of("thread", "a"), Map.of("thread", "b"), Map.of()), groups.keySet());
        assertEquals(5, groups.get(Map.of("thread", "a")).total());
        assertEquals(2, groups.get(Map.of("thread", "b")).total());
        assertEquals(8, groups.get(Map.of()).total());
    }

    @Test
    void defaultTypePeriodAndTimesAreExposed() throws IOException {
        ProtoWriter p = new ProtoWriter().message(1, valueType(1, 2)).message(1, valueType(3, 4))
                .varint(9, 1_700_000_000_000_000_000L).varint(10, 10_000_000_000L)
                .message(11, valueType(3, 4)).varint(12, 1_000_000).varint(14, 3);
        PprofProfile profile = PprofProfile.read(strings(p, "", "samples", "count", "cpu", "nanoseconds").toByteArray());
        assertEquals(1, profile.defaultSampleType());
        assertEquals(new PprofProfile.ValueType("cpu", "nanoseconds"), profile.periodType().orElseThrow());
        assertEquals(1_000_000, profile.period());
        assertEquals(1_700_000_000_000_000_000L, profile.timeNanos());
        assertEquals(10_000_000_000L, profile.durationNanos());
        assertEquals(1000, profile.metadata(0).sampleRate());
    }

    @Test
    void lockAndGoroutineTypesGetPyroscopeNames() throws IOException {
        ProtoWriter p = new ProtoWriter().message(1, valueType(1, 2)).message(1, valueType(3, 4))
                .message(1, valueType(5, 2)).message(1, valueType(6, 7));
        PprofProfile profile = PprofProfile.read(
                strings(p, "", "contentions", "count", "delay", "nanoseconds", "goroutine", "wall time", "ms").toByteArray());
        assertEquals(List.of(".lock_count", ".lock_duration", ".goroutines", ".wall_time"),
                List.of(profile.seriesSuffix(0), profile.seriesSuffix(1), profile.seriesSuffix(2), profile.seriesSuffix(3)));
        assertEquals(new AppMetadata("lock_nanoseconds", Aggregation.SUM, 100, "unknown"), profile.metadata(1));
        assertEquals(new AppMetadata("goroutines", Aggregation.AVERAGE, 100, "unknown"), profile.metadata(2));
        assertEquals("ms", profile.metadata(3).units());
    }

    private static Tree read(ProtoWriter profile) throws IOException {
        byte[] raw = profile.toByteArray();
        Tree fromRaw = PprofProfile.read(raw).tree(0);
        Tree fromStream = PprofProfile.read(new ByteArrayInputStream(raw)).tree(0);
        TreeAssertions.assertTreeEquals(fromRaw, fromStream, "raw bytes and stream");
        return fromRaw;
    }
}
