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

/**
 * A pprof upload: the raw body, or multipart part {@code profile} (Go's client also sends
 * {@code prev_profile}). Each sample type becomes the series {@code name + suffix} with {@code name}'s
 * labels ({@code app.cpu}, {@code app.inuse_space}, ... as {@link PprofProfile#seriesSuffix} names
 * them), with units, aggregation and sample rate from the profile itself: the Node.js client sends a
 * wrong {@code sampleRate}, and its wall and heap uploads for one name differ only in their sample
 * types. Only {@code spyName} is taken from the parameters.
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
        for (int i = 0; i < profile.sampleTypes().size(); i++) {
            String name = key.name() + profile.seriesSuffix(i);
            Tree tree = profile.tree(i);
            int prevIndex = previous == null ? -1 : previous.sampleTypes().indexOf(profile.sampleTypes().get(i));
            if (prevIndex >= 0 && CUMULATIVE.contains(profile.sampleTypes().get(i).type())) {
                tree = minus(tree, previous.tree(prevIndex));
            }
            trees.put(AppKey.of(name, key.labels()).toString(), tree);
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
