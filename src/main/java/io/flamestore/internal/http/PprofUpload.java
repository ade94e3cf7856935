package io.flamestore.internal.http;

import io.flamestore.AppKey;
import io.flamestore.AppMetadata;
import io.flamestore.PprofProfile;
import io.flamestore.Tree;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A pprof upload: the raw body, or multipart part {@code profile} (Go's client also sends
 * {@code prev_profile}). Each sample type becomes the series {@code name + suffix} with {@code name}'s
 * labels ({@code app.cpu}, {@code app.inuse_space}, ... as {@link PprofProfile#seriesSuffix} names
 * them), with units, aggregation and sample rate from the profile itself: the Node.js client sends a
 * wrong {@code sampleRate}, and its wall and heap uploads for one name differ only in their sample
 * types. Only {@code spyName} is taken from the parameters. The samples' string labels (Go's pprof
 * labels, the Node.js client's {@code wrapWithLabels}) become series labels too, as the Pyroscope
 * server made them; a label whose name a key cannot carry is left out.
 */
final class PprofUpload {
    /** Sample types Go's runtime reports as running totals since start: a {@code prev_profile} is subtracted. */
    private static final Set<String> CUMULATIVE = Set.of("alloc_objects", "alloc_space", "contentions", "delay");

    private PprofUpload() {
    }

    static Upload parse(Upload.Source source) throws IOException {
        String part = source.payloadPart("profile");
        PprofProfile profile = PprofProfile.read(source.inflated(part));
        byte[] prevBytes = source.inflated("prev_profile");
        PprofProfile previous = prevBytes == null ? null : PprofProfile.read(prevBytes);
        AppKey key = source.key();
        Map<String, Tree> trees = new LinkedHashMap<>();
        Map<String, AppMetadata> metadata = new LinkedHashMap<>();
        String spyName = source.params().get("spyName", null);
        Set<String> sampleLabels = new TreeSet<>(profile.labelNames());
        sampleLabels.removeIf(label -> !AppKey.isLabelName(label));
        for (int i = 0; i < profile.sampleTypes().size(); i++) {
            String name = key.name() + profile.seriesSuffix(i);
            int prevIndex = previous == null ? -1 : previous.sampleTypes().indexOf(profile.sampleTypes().get(i));
            Map<Map<String, String>, Tree> before = prevIndex >= 0 && CUMULATIVE.contains(profile.sampleTypes().get(i).type())
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
                trees.put(AppKey.of(name, labels).toString(), tree);
            }
            AppMetadata m = profile.metadata(i);
            metadata.put(name, spyName == null ? m : m.withSpyName(spyName));
        }
        return storage -> {
            for (Map.Entry<String, AppMetadata> m : metadata.entrySet()) {
                storage.setMetadata(m.getKey(), m.getValue());
            }
            storage.put(trees, source.from(), source.until());
        };
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
