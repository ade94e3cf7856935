package io.flamestore.internal.pprof;

import io.flamestore.Aggregation;
import io.flamestore.AppMetadata;
import io.flamestore.PprofProfile;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps pprof sample types to Pyroscope's series names and metadata. The table is documented on
 * {@link PprofProfile#seriesSuffix(int)}; it follows what Pyroscope's Go integration stores. Internal
 * rather than beside {@link PprofProfile} because OTLP uploads, which carry pprof-like sample types,
 * are named by the same rule.
 */
public final class PprofConventions {
    /** Stands in for the frames of a sample that has no locations, whose value would otherwise be lost. */
    public static final String NO_STACK = "[no stack]";

    private PprofConventions() {
    }

    /** The suffix of each sample type; a clash (Go's samples/count and cpu/nanoseconds) is told apart by unit. */
    public static List<String> suffixes(List<PprofProfile.ValueType> types) {
        List<String> suffixes = new ArrayList<>();
        for (PprofProfile.ValueType type : types) {
            String suffix = "." + name(type.type());
            if (suffixes.contains(suffix)) {
                suffix += "_" + (type.unit().isEmpty() ? String.valueOf(suffixes.size()) : sanitize(type.unit()));
            }
            while (suffixes.contains(suffix)) {
                suffix += "_" + suffixes.size(); // the same type and unit twice: keep the names distinct anyway
            }
            suffixes.add(suffix);
        }
        return suffixes;
    }

    public static AppMetadata metadata(PprofProfile.ValueType type, PprofProfile.ValueType periodType, long period) {
        AppMetadata metadata = AppMetadata.DEFAULT.withUnits(units(type));
        if (type.type().startsWith("inuse_") || type.type().startsWith("goroutine")) {
            metadata = metadata.withAggregation(Aggregation.AVERAGE); // gauges: a snapshot, not events
        }
        if (periodType != null && periodType.unit().equals("nanoseconds") && period > 0) {
            metadata = metadata.withSampleRate(Math.max(1, Math.round(1e9 / period)));
        }
        return metadata;
    }

    private static String name(String type) {
        return switch (type) {
            case "samples" -> "cpu";
            case "contentions" -> "lock_count";
            case "delay" -> "lock_duration";
            case "goroutine" -> "goroutines";
            case "" -> "cpu"; // an unnamed type (no sample_type in the profile) is taken to be samples
            default -> sanitize(type);
        };
    }

    private static String units(PprofProfile.ValueType type) {
        String unit = sanitize(type.unit());
        boolean counted = unit.isEmpty() || unit.equals("count");
        return switch (type.type()) {
            case "alloc_objects", "inuse_objects" -> counted ? "objects" : unit;
            case "contentions" -> counted ? "lock_samples" : unit;
            case "delay" -> "lock_" + (unit.isEmpty() ? "nanoseconds" : unit);
            case "goroutine", "goroutines" -> counted ? "goroutines" : unit;
            default -> counted ? "samples" : unit;
        };
    }

    /** Characters that a series name may hold ({@code [A-Za-z0-9_]}); others become {@code _}. */
    private static String sanitize(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean plain = c < 128 && (Character.isLetterOrDigit(c) || c == '_');
            out.append(plain ? c : '_');
        }
        return out.toString();
    }
}
