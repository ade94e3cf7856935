package io.flamestore.internal.otlp;

import io.flamestore.PprofProfile.ValueType;
import io.flamestore.Tree;
import java.util.Map;

/**
 * One OTLP profile resolved against its request's dictionary: what its values count, its sampling
 * period, when it was taken, and its samples as trees by the string labels they carry.
 *
 * @param serviceName the resource's {@code service.name}, or null if it has none
 * @param periodType what {@code period} counts, or null if the profile does not say
 * @param timeNanos start in Unix nanoseconds; 0 if unset
 * @param treesByLabels one tree per set of labels (profile and sample attributes with a string value
 *     and a name a series key can carry); empty if the profile has no samples
 */
public record OtlpProfile(String serviceName, ValueType sampleType, ValueType periodType, long period, long timeNanos,
        long durationNanos, Map<Map<String, String>, Tree> treesByLabels) {
}
