package io.flamestore;

import io.flamestore.internal.pprof.PprofConventions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * A pprof profile ({@code profile.proto}, as written by Go's {@code runtime/pprof}, pprof, Parca and
 * many agents) decoded into call trees, one per sample type. Frames are function names, root first;
 * a location with inlined functions gives one frame per function; a location without function names
 * is named by its address ({@code 0x4a3f10}) or else its mapping's file name. A sample without
 * locations counts under the frame {@code [no stack]}.
 *
 * <pre>{@code
 * PprofProfile profile = PprofProfile.read(Files.newInputStream(Path.of("cpu.pb.gz")));
 * for (int i = 0; i < profile.sampleTypes().size(); i++) {
 *     storage.setMetadata("app" + profile.seriesSuffix(i), profile.metadata(i));
 *     storage.put("app" + profile.seriesSuffix(i), from, until, profile.tree(i));
 * }
 * byte[] pb = PprofProfile.export(result.tree(), new PprofProfile.ValueType("samples", "count"));
 * }</pre>
 *
 * <p>Trees hold non-negative values, so negative sample values (found in delta and diff profiles) are
 * left out and counted by {@link #negativeValues(int)}. Numeric labels are ignored.
 */
public final class PprofProfile {
    /** What a sample value or the sampling period counts, and in which unit: {@code cpu/nanoseconds}. */
    public record ValueType(String type, String unit) {
        public ValueType {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(unit, "unit");
        }

        /** The sample type of values in an application's {@code units}: {@code samples/count}, {@code bytes/bytes}, ... */
        public static ValueType ofUnits(String units) {
            return new ValueType(units, units.equals("samples") ? "count" : units);
        }
    }

    private static final String SOURCE = "pprof profile";

    private final List<ValueType> sampleTypes;
    private final int defaultSampleType;
    private final PprofSamples samples;
    private final ValueType periodType;
    private final long period;
    private final long timeNanos;
    private final long durationNanos;
    private final List<String> suffixes;

    PprofProfile(List<ValueType> sampleTypes, int defaultSampleType, PprofSamples samples, ValueType periodType,
            long period, long timeNanos, long durationNanos) {
        this.sampleTypes = List.copyOf(sampleTypes);
        this.defaultSampleType = defaultSampleType;
        this.samples = samples;
        this.periodType = periodType;
        this.period = period;
        this.timeNanos = timeNanos;
        this.durationNanos = durationNanos;
        this.suffixes = PprofConventions.suffixes(this.sampleTypes);
    }

    /** Reads a whole profile, gzipped (recognised by its magic bytes 1f 8b) or raw. */
    public static PprofProfile read(InputStream in) throws IOException {
        return read(in.readAllBytes());
    }

    /** Decodes a profile held in memory, gzipped (recognised by its magic bytes 1f 8b) or raw. */
    public static PprofProfile read(byte[] bytes) throws ProfileFormatException {
        boolean gzipped = bytes.length >= 2 && (bytes[0] & 0xFF) == 0x1F && (bytes[1] & 0xFF) == 0x8B;
        return PprofDecoder.decode(gzipped ? gunzip(bytes) : bytes, SOURCE);
    }

    /**
     * {@code tree} as a gzipped pprof profile with one sample type: one function and one location per
     * distinct frame name, one sample per stack with a positive self value. {@link #read} gives back
     * an equal tree.
     */
    public static byte[] export(Tree tree, ValueType sampleType) {
        return PprofExport.export(Objects.requireNonNull(tree, "tree"), Objects.requireNonNull(sampleType, "sampleType"));
    }

    /** The sample types, in the order of each sample's values; one {@code samples/count} if the profile names none. */
    public List<ValueType> sampleTypes() {
        return sampleTypes;
    }

    /** The index of the type the profile names as its default ({@code default_sample_type}), else 0. */
    public int defaultSampleType() {
        return defaultSampleType;
    }

    /** The tree of every sample's value of sample type {@code index}. */
    public Tree tree(int index) {
        return samples.tree(checkIndex(index));
    }

    /**
     * One tree of sample type {@code index} per set of values of the string labels in
     * {@code labelNames}: samples are grouped by their values of those labels (a label a sample lacks
     * is absent from its key, so samples without any share the empty map). Suits turning pprof labels
     * such as {@code thread_name} into series tags.
     */
    public Map<Map<String, String>, Tree> treesByLabels(int index, Set<String> labelNames) {
        return samples.treesByLabels(checkIndex(index), Set.copyOf(labelNames));
    }

    /** The names of the string labels the profile's samples carry (Go's pprof labels, say), sorted. */
    public SortedSet<String> labelNames() {
        return Collections.unmodifiableSortedSet(samples.labelNames());
    }

    /** How many values of sample type {@code index} were negative and left out of its trees. */
    public long negativeValues(int index) {
        return samples.negatives(checkIndex(index));
    }

    /** The number of samples in the profile. */
    public int sampleCount() {
        return samples.count();
    }

    /** When the profile was collected, in nanoseconds since the Unix epoch; 0 if not recorded. */
    public long timeNanos() {
        return timeNanos;
    }

    /** How long the profile covers, in nanoseconds; 0 if not recorded. */
    public long durationNanos() {
        return durationNanos;
    }

    /**
     * Stores every sample type as the series {@code app.name() + seriesSuffix(i)}, with its metadata,
     * over {@code [fromEpochSeconds, untilEpochSeconds)}: the labels of {@code app} plus, one series
     * per set of values, the samples' string labels named in {@code sampleLabels} (a sample's value
     * wins over {@code app}'s). Each series is stored as one unit, as {@link Storage#put} stores it.
     */
    public void putInto(Storage storage, AppKey app, Set<String> sampleLabels, long fromEpochSeconds,
            long untilEpochSeconds) throws IOException {
        Map<String, Tree> trees = new LinkedHashMap<>();
        for (int i = 0; i < sampleTypes().size(); i++) {
            String name = app.name() + seriesSuffix(i);
            storage.setMetadata(name, metadata(i));
            for (Map.Entry<Map<String, String>, Tree> part : treesByLabels(i, sampleLabels).entrySet()) {
                Map<String, String> labels = new TreeMap<>(app.labels());
                labels.putAll(part.getKey());
                trees.put(AppKey.of(name, labels).toString(), part.getValue());
            }
        }
        storage.put(trees, fromEpochSeconds, untilEpochSeconds);
    }

    /** The Unix second the profile starts in ({@link #timeNanos()} rounded down); 0 if not recorded. */
    public long startEpochSeconds() {
        return Math.floorDiv(timeNanos, 1_000_000_000L);
    }

    /**
     * The end of the profile's time: {@link #startEpochSeconds()} plus its duration rounded up to
     * whole seconds, and at least one 10 s slot, since an agent profile without a duration still
     * covers its upload interval.
     */
    public long endEpochSeconds() {
        return startEpochSeconds() + Math.max(10, (durationNanos + 999_999_999L) / 1_000_000_000L);
    }

    /** What {@link #period()} counts, such as {@code cpu/nanoseconds}; empty if not recorded. */
    public Optional<ValueType> periodType() {
        return Optional.ofNullable(periodType);
    }

    /** The sampling interval, in the unit of {@link #periodType()}; 0 if not recorded. */
    public long period() {
        return period;
    }

    /**
     * The suffix to append to an application name for the series of sample type {@code index},
     * following Pyroscope's names:
     *
     * <table>
     * <caption>Sample types to series</caption>
     * <tr><th>sample type</th><th>suffix</th><th>units</th><th>aggregation</th></tr>
     * <tr><td>{@code samples}, or none named</td><td>{@code .cpu}</td><td>{@code samples}</td><td>sum</td></tr>
     * <tr><td>{@code alloc_objects} / {@code alloc_space}</td><td>same</td><td>{@code objects} / {@code bytes}</td><td>sum</td></tr>
     * <tr><td>{@code inuse_objects} / {@code inuse_space}</td><td>same</td><td>{@code objects} / {@code bytes}</td><td>average</td></tr>
     * <tr><td>{@code contentions}</td><td>{@code .lock_count}</td><td>{@code lock_samples}</td><td>sum</td></tr>
     * <tr><td>{@code delay}</td><td>{@code .lock_duration}</td><td>{@code lock_nanoseconds}</td><td>sum</td></tr>
     * <tr><td>{@code goroutine}</td><td>{@code .goroutines}</td><td>{@code goroutines}</td><td>average</td></tr>
     * <tr><td>any other, e.g. {@code cpu}</td><td>{@code .}type</td><td>its unit ({@code count}: {@code samples})</td><td>sum</td></tr>
     * </table>
     *
     * Characters outside {@code [A-Za-z0-9_]} become {@code _}. When two types of one profile would get
     * the same suffix, the later one has {@code _}unit appended: Go CPU profiles carry
     * {@code samples/count} and {@code cpu/nanoseconds}, which become {@code .cpu} and
     * {@code .cpu_nanoseconds}; a profile with only {@code cpu/nanoseconds} gives {@code .cpu}.
     */
    public String seriesSuffix(int index) {
        return suffixes.get(checkIndex(index));
    }

    /**
     * Metadata for the series of sample type {@code index}: units and aggregation as in
     * {@link #seriesSuffix}, the sample rate in Hz from a period in nanoseconds (else 100), spy name
     * {@code unknown}.
     */
    public AppMetadata metadata(int index) {
        return PprofConventions.metadata(sampleTypes.get(checkIndex(index)), periodType, period);
    }

    @Override
    public String toString() {
        return "PprofProfile[sampleTypes=" + sampleTypes + ", samples=" + sampleCount() + ", timeNanos=" + timeNanos + "]";
    }

    private int checkIndex(int index) {
        if (index < 0 || index >= sampleTypes.size()) {
            throw new IllegalArgumentException("sample type index " + index + " is not in [0, " + sampleTypes.size() + ")");
        }
        return index;
    }

    private static byte[] gunzip(byte[] gzipped) throws ProfileFormatException {
        ByteArrayInputStream compressed = new ByteArrayInputStream(gzipped);
        try (InputStream in = new GZIPInputStream(compressed)) {
            return in.readAllBytes();
        } catch (IOException e) {
            // The inflater reads ahead, so the offset is where reading had got to, not the exact bad byte.
            throw ProfileFormatException.atOffset(SOURCE + " (gzipped)", gzipped.length - compressed.available(),
                    "gzip data is corrupt or truncated: " + e.getMessage());
        }
    }
}
