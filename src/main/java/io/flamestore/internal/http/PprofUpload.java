package io.flamestore.internal.http;

import io.flamestore.AppKey;
import io.flamestore.AppMetadata;
import io.flamestore.PprofProfile;
import io.flamestore.Tree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A pprof upload: the raw body, or multipart part {@code profile} (Go's client also sends
 * {@code prev_profile} and {@code sample_type_config}). Each sample type becomes the series
 * {@code name + suffix} with {@code name}'s labels ({@code app.cpu}, {@code app.inuse_space}, ... as
 * {@link PprofProfile#seriesSuffix} names them), with units, aggregation and sample rate from the
 * profile itself: the Node.js client sends a wrong {@code sampleRate}, and its wall and heap uploads
 * for one name differ only in their sample types. Only {@code spyName} is taken from the parameters.
 * The samples' string labels (Go's pprof labels, the Node.js client's {@code wrapWithLabels})
 * become series labels too, as the Pyroscope server made them; a label whose name a key cannot
 * carry is left out. A {@code sample_type_config} overrides names, units, aggregation and which
 * types are running totals (see {@link SampleTypeConfig}).
 */
final class PprofUpload {
    /** Sample types Go's runtime reports as running totals since start, unless a config says otherwise. */
    private static final Set<String> CUMULATIVE = Set.of("alloc_objects", "alloc_space", "contentions", "delay");

    private final AppKey key;
    private final String spyName;
    private final Set<String> sampleLabels;
    private final Map<String, Tree> trees = new LinkedHashMap<>();
    private final Map<String, AppMetadata> metadata = new LinkedHashMap<>();

    private PprofUpload(AppKey key, String spyName, PprofProfile profile) {
        this.key = key;
        this.spyName = spyName;
        this.sampleLabels = new TreeSet<>(profile.labelNames());
        sampleLabels.removeIf(label -> !AppKey.isLabelName(label));
    }

    static Upload parse(Upload.Source source) throws IOException {
        PprofProfile profile = PprofProfile.read(source.inflated(source.payloadPart("profile")));
        byte[] prevBytes = source.inflated("prev_profile");
        PprofProfile previous = prevBytes == null ? null : PprofProfile.read(prevBytes);
        byte[] configBytes = source.inflated("sample_type_config");
        Map<String, SampleTypeConfig> configs = configBytes == null ? null
                : SampleTypeConfig.parse(new String(configBytes, StandardCharsets.UTF_8));
        PprofUpload upload = new PprofUpload(source.key(), source.params().get("spyName", null), profile);
        for (int i = 0; i < profile.sampleTypes().size(); i++) {
            String type = profile.sampleTypes().get(i).type();
            if (configs == null || configs.containsKey(type)) {
                upload.add(profile, i, previous, configs == null ? null : configs.get(type));
            }
        }
        return storage -> {
            for (Map.Entry<String, AppMetadata> m : upload.metadata.entrySet()) {
                storage.setMetadata(m.getKey(), m.getValue());
            }
            storage.put(upload.trees, source.from(), source.until());
        };
    }

    /** The series of sample type {@code i}, one per set of sample labels, a running total made a delta. */
    private void add(PprofProfile profile, int i, PprofProfile previous, SampleTypeConfig config) {
        PprofProfile.ValueType type = profile.sampleTypes().get(i);
        String name = key.name() + (config != null && config.displayName() != null ? "." + config.displayName()
                : profile.seriesSuffix(i));
        int prevIndex = previous == null ? -1 : previous.sampleTypes().indexOf(type);
        boolean cumulative = config != null ? config.cumulative() : CUMULATIVE.contains(type.type());
        Map<Map<String, String>, Tree> before = prevIndex >= 0 && cumulative
                ? previous.treesByLabels(prevIndex, sampleLabels) : Map.of();
        Map<Map<String, String>, Tree> parts = profile.treesByLabels(i, sampleLabels);
        if (parts.isEmpty()) {
            parts = Map.of(Map.of(), new Tree()); // a type without samples still says the series exists
        }
        for (Map.Entry<Map<String, String>, Tree> labelled : parts.entrySet()) {
            Map<String, String> labels = new TreeMap<>(key.labels());
            labels.putAll(labelled.getKey()); // a sample's own label wins over the upload's
            Tree previousPart = before.get(labelled.getKey());
            Tree tree = previousPart == null ? labelled.getValue() : minus(labelled.getValue(), previousPart);
            try {
                trees.put(AppKey.of(name, labels).toString(), tree);
            } catch (IllegalArgumentException e) {
                throw HttpError.badRequest("sample type " + type.type() + ": " + e.getMessage()); // a bad display-name
            }
        }
        AppMetadata m = profile.metadata(i);
        if (config != null && config.units() != null) {
            m = m.withUnits(config.units());
        }
        if (config != null && config.aggregation() != null) {
            m = m.withAggregation(config.aggregation());
        }
        metadata.put(name, spyName == null ? m : m.withSpyName(spyName));
    }

    /** Per stack, what {@code current} has beyond {@code previous}; stacks that shrank count 0. */
    private static Tree minus(Tree current, Tree previous) {
        Map<List<String>, Long> before = new HashMap<>();
        previous.forEachStack(before::put);
        Tree delta = new Tree();
        current.forEachStack((frames, self) -> delta.insert(frames, Math.max(0, self - before.getOrDefault(frames, 0L))));
        return delta;
    }
}
