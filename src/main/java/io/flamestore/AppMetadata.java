package io.flamestore;

import java.util.Objects;

/**
 * What the values of an application's profiles mean: their unit ({@code samples}, {@code objects},
 * {@code bytes}, {@code nanoseconds}, ...), how puts combine, the sampling rate in Hz and the
 * profiler ("spy") that produced them. Kept per application name, e.g. {@code ride-sharing-app.cpu}.
 */
public record AppMetadata(String units, Aggregation aggregation, long sampleRate, String spyName) {
    /** What an application has until told otherwise: CPU samples at 100 Hz, summed. */
    public static final AppMetadata DEFAULT = new AppMetadata("samples", Aggregation.SUM, 100, "unknown");

    public AppMetadata {
        Objects.requireNonNull(aggregation, "aggregation");
        units = requireText(units, "units");
        spyName = requireText(spyName, "spyName");
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
    }

    public AppMetadata withUnits(String units) {
        return new AppMetadata(units, aggregation, sampleRate, spyName);
    }

    public AppMetadata withAggregation(Aggregation aggregation) {
        return new AppMetadata(units, aggregation, sampleRate, spyName);
    }

    public AppMetadata withSampleRate(long sampleRate) {
        return new AppMetadata(units, aggregation, sampleRate, spyName);
    }

    public AppMetadata withSpyName(String spyName) {
        return new AppMetadata(units, aggregation, sampleRate, spyName);
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank() || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " must be non-blank text, got " + (value == null ? "null" : "\"" + value + "\""));
        }
        return value;
    }
}
