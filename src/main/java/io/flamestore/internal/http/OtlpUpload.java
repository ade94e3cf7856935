package io.flamestore.internal.http;

import io.flamestore.AppKey;
import io.flamestore.AppMetadata;
import io.flamestore.PprofProfile.ValueType;
import io.flamestore.ProfileFormatException;
import io.flamestore.Storage;
import io.flamestore.Tree;
import io.flamestore.internal.otlp.OtlpProfile;
import io.flamestore.internal.otlp.OtlpRequest;
import io.flamestore.internal.pprof.PprofConventions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An OTLP profiles export ({@code POST /v1development/profiles}), decoded by {@link OtlpRequest}.
 * Each profile becomes the series {@code service.name + suffix}: the suffix, units, aggregation and
 * sample rate follow the pprof rules of {@link PprofConventions}, once the names async-profiler (in
 * the Pyroscope Java agent) gives its sample types are mapped to pprof's. String attributes of the
 * profile and its samples become series labels. Each profile lands in the slots of its own
 * {@code time_unix_nano} and {@code duration_nano}; profiles sharing a range are stored as one batch.
 */
final class OtlpUpload {
    /** The OpenTelemetry SDKs' name for a service that does not name itself. */
    static final String UNKNOWN_SERVICE = "unknown_service";

    private record Range(long from, long until) {
    }

    private OtlpUpload() {
    }

    static Upload parse(byte[] message, long nowSeconds) throws ProfileFormatException {
        Map<Range, Map<String, Tree>> batches = new LinkedHashMap<>();
        Map<String, AppMetadata> metadata = new LinkedHashMap<>();
        for (OtlpProfile profile : OtlpRequest.decode(message)) {
            ValueType type = pprofName(profile.sampleType());
            ValueType periodType = profile.periodType() == null ? null : pprofName(profile.periodType());
            String name = appName(profile.serviceName()) + PprofConventions.suffixes(List.of(type)).get(0);
            metadata.put(name, PprofConventions.metadata(type, periodType, profile.period()));
            Map<String, Tree> batch = batches.computeIfAbsent(range(profile, nowSeconds), r -> new LinkedHashMap<>());
            Map<Map<String, String>, Tree> parts = profile.treesByLabels().isEmpty()
                    ? Map.of(Map.of(), new Tree()) // a profile without samples still says the series exists
                    : profile.treesByLabels();
            parts.forEach((labels, tree) -> batch.merge(AppKey.of(name, labels).toString(), tree, Tree::merge));
        }
        return storage -> {
            for (Map.Entry<String, AppMetadata> m : metadata.entrySet()) {
                storage.setMetadata(m.getKey(), m.getValue());
            }
            for (Map.Entry<Range, Map<String, Tree>> batch : batches.entrySet()) {
                storage.put(batch.getValue(), batch.getKey().from(), batch.getKey().until());
            }
        };
    }

    /**
     * async-profiler names a CPU profile by the timer that sampled it ({@code itimer}, {@code ctimer};
     * {@code cpu} for perf events) and writes nanoseconds as {@code ns}: in pprof's words that is
     * {@code cpu/nanoseconds}, which names the series {@code .cpu} as for Go and Node.js.
     */
    private static ValueType pprofName(ValueType type) {
        String unit = type.unit().equals("ns") ? "nanoseconds" : type.unit();
        return switch (type.type()) {
            case "itimer", "ctimer" -> new ValueType("cpu", unit);
            default -> new ValueType(type.type(), unit);
        };
    }

    /**
     * The service name as an application name: characters a name cannot hold become {@code _}, so that
     * the SDKs' default {@code unknown_service:java} is kept rather than refused.
     */
    private static String appName(String serviceName) {
        if (serviceName == null || serviceName.isBlank()) {
            return UNKNOWN_SERVICE;
        }
        StringBuilder name = new StringBuilder(serviceName.length());
        for (char c : serviceName.toCharArray()) {
            name.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-') ? c : '_');
        }
        return name.toString();
    }

    /**
     * The profile's range in whole seconds, covering its start and end; a profile without a start is
     * taken to be the last 10 s, as an {@code /ingest} without {@code from} is.
     */
    private static Range range(OtlpProfile profile, long nowSeconds) {
        if (profile.timeNanos() == 0) {
            return new Range(nowSeconds - 10, nowSeconds);
        }
        long start = profile.timeNanos(); // fixed64 and uint64 on the wire: compared unsigned throughout
        long end = start + profile.durationNanos();
        long from = Long.divideUnsigned(start, 1_000_000_000L);
        long until = Long.divideUnsigned(end, 1_000_000_000L) + (Long.remainderUnsigned(end, 1_000_000_000L) > 0 ? 1 : 0);
        if (Long.compareUnsigned(end, start) < 0 || until - from > Storage.MAX_PROFILE_SECONDS) {
            throw HttpError.badRequest("profile time " + Long.toUnsignedString(start) + " ns plus duration "
                    + Long.toUnsignedString(profile.durationNanos()) + " ns is not a range of at most "
                    + Storage.MAX_PROFILE_SECONDS + " s");
        }
        return new Range(from, Math.max(until, from + 1)); // a sub-second profile still took place
    }
}
