package io.flamestore;

import io.flamestore.internal.pprof.PprofConventions;
import io.flamestore.internal.proto.ProtoReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes pprof {@code Sample} messages into {@link PprofSamples}: location ids become frames (pprof
 * lists them leaf first; stacks here are root first), values are checked against the number of sample
 * types and for 64-bit overflow of their sums, and string labels become label sets.
 */
final class PprofSampleDecoder {
    private final String source;
    private final PprofIds locationIds;
    private final int[][] locationFrames;
    private final List<String> frameNames;
    private final List<String> strings;
    private final Map<Map<String, String>, Integer> labelSetIds = new HashMap<>();
    private int typeCount;
    private long[] totals;
    private long[] negatives;
    private int[] stackStart = new int[64];
    private int[] frames = new int[1024];
    private int frameCount;
    private long[] values = new long[64];
    private int[] labelSetOf = new int[64];
    private int sampleCount;
    private long[] sampleValues = new long[8];
    private int noStackFrame = -1;

    /**
     * {@code typeCount} is the number of sample types, or 0 to take it from the first sample (a profile
     * without sample types); {@code frameNames} may grow by {@link PprofConventions#NO_STACK}.
     */
    PprofSampleDecoder(String source, int typeCount, PprofIds locationIds, int[][] locationFrames,
            List<String> frameNames, List<String> strings) {
        this.source = source;
        this.locationIds = locationIds;
        this.locationFrames = locationFrames;
        this.frameNames = frameNames;
        this.strings = strings;
        this.labelSetIds.put(Map.of(), 0);
        setTypeCount(typeCount);
    }

    void add(ProtoReader r, int offset) throws ProfileFormatException {
        int valueCount = 0;
        Map<String, String> labels = Map.of();
        stackStart = grow(stackStart, sampleCount + 2);
        stackStart[sampleCount] = frameCount;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> {
                    ProtoReader ids = r.varints();
                    while (ids.hasRemaining()) {
                        appendLocation(ids.nextVarint(), offset);
                    }
                }
                case 2 -> {
                    ProtoReader run = r.varints();
                    while (run.hasRemaining()) {
                        sampleValues = valueCount < sampleValues.length ? sampleValues
                                : Arrays.copyOf(sampleValues, valueCount * 2);
                        sampleValues[valueCount++] = run.nextVarint();
                    }
                }
                case 3 -> labels = label(r.message(), labels);
                default -> r.skip();
            }
        }
        if (frameCount == stackStart[sampleCount]) {
            if (noStackFrame < 0) {
                frameNames.add(PprofConventions.NO_STACK);
                noStackFrame = frameNames.size() - 1;
            }
            appendFrame(noStackFrame);
        }
        reverse(frames, stackStart[sampleCount], frameCount);
        addValues(valueCount, offset);
        labelSetOf = grow(labelSetOf, sampleCount + 1);
        labelSetOf[sampleCount] = labelSetIds.computeIfAbsent(labels, l -> labelSetIds.size());
        sampleCount++;
        stackStart[sampleCount] = frameCount;
    }

    /** The number of sample types: as given, or as the first sample had values (at least one). */
    int typeCount() {
        return Math.max(typeCount, 1);
    }

    PprofSamples samples() {
        setTypeCount(typeCount());
        return new PprofSamples(frameNames.toArray(new String[0]), Arrays.copyOf(stackStart, sampleCount + 1),
                Arrays.copyOf(frames, frameCount), Arrays.copyOf(values, sampleCount * typeCount), typeCount,
                Arrays.copyOf(labelSetOf, sampleCount), labelSetsById(), negatives);
    }

    private void setTypeCount(int count) {
        if (totals == null || totals.length != count) {
            typeCount = count;
            totals = new long[count];
            negatives = new long[count];
        }
    }

    private void appendLocation(long id, int sampleOffset) throws ProfileFormatException {
        int location = locationIds.find(id);
        if (location < 0) {
            throw ProfileFormatException.atOffset(source, sampleOffset,
                    "sample refers to location id " + Long.toUnsignedString(id) + ", which does not exist");
        }
        for (int frame : locationFrames[location]) {
            appendFrame(frame);
        }
    }

    private void appendFrame(int frame) {
        frames = grow(frames, frameCount + 1);
        frames[frameCount++] = frame;
    }

    private void addValues(int valueCount, int offset) throws ProfileFormatException {
        if (typeCount == 0) {
            setTypeCount(Math.max(valueCount, 1));
        }
        if (valueCount != typeCount) {
            throw ProfileFormatException.atOffset(source, offset,
                    "sample has " + valueCount + " values but the profile has " + typeCount + " sample types");
        }
        values = grow(values, (sampleCount + 1) * typeCount);
        for (int t = 0; t < typeCount; t++) {
            long value = sampleValues[t];
            if (value < 0) {
                negatives[t]++;
            } else if (value > Long.MAX_VALUE - totals[t]) {
                throw ProfileFormatException.atOffset(source, offset,
                        "values of sample type " + t + " add up to more than 64 bits hold");
            }
            totals[t] += Math.max(value, 0);
            values[sampleCount * typeCount + t] = value;
        }
    }

    /** {@code labels} plus the label in {@code r} if it is a string label; the first value of a key wins. */
    private Map<String, String> label(ProtoReader r, Map<String, String> labels) throws ProfileFormatException {
        String name = "";
        String text = "";
        while (r.next()) {
            switch (r.field()) {
                case 1 -> name = PprofDecoder.string(strings, r.varint(), r.fieldOffset(), source);
                case 2 -> text = PprofDecoder.string(strings, r.varint(), r.fieldOffset(), source);
                default -> r.skip(); // numeric labels: no tag value to make of them
            }
        }
        if (name.isEmpty() || text.isEmpty() || labels.containsKey(name)) {
            return labels;
        }
        Map<String, String> more = new HashMap<>(labels);
        more.put(name, text);
        return more;
    }

    private List<Map<String, String>> labelSetsById() {
        List<Map<String, String>> byId = new ArrayList<>(Collections.nCopies(labelSetIds.size(), Map.of()));
        labelSetIds.forEach((labels, id) -> byId.set(id, Map.copyOf(labels)));
        return List.copyOf(byId);
    }

    private static int[] grow(int[] array, int needed) {
        return needed <= array.length ? array : Arrays.copyOf(array, Math.max(needed, array.length * 2));
    }

    private static long[] grow(long[] array, int needed) {
        return needed <= array.length ? array : Arrays.copyOf(array, Math.max(needed, array.length * 2));
    }

    private static void reverse(int[] array, int from, int to) {
        for (int i = from, j = to - 1; i < j; i++, j--) {
            int swap = array[i];
            array[i] = array[j];
            array[j] = swap;
        }
    }
}
