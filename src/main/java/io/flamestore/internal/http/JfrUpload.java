package io.flamestore.internal.http;

import io.flamestore.AppKey;
import io.flamestore.JfrProfile;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * A JFR upload of the Pyroscope Java agent: multipart part {@code jfr} (or the raw body), gzipped or
 * not, and optional part {@code labels}, the {@link LabelsSnapshot} that maps each event's context id
 * to dynamic labels. Every profile type in the recording becomes the series
 * {@code name.type{static labels + dynamic labels}} (a dynamic label overrides a static one of the
 * same name), each event in the 10 s slot of its own time: the recording carries its times, so
 * {@code from} and {@code until} do not place it.
 */
final class JfrUpload {
    private JfrUpload() {
    }

    static Upload parse(Upload.Source source) throws IOException {
        String part = source.payloadPart("jfr");
        JfrProfile profile;
        try (InputStream in = Bodies.open(source.parts().get(part), source.maxInflatedBytes(), Upload.Source.describe(part))) {
            profile = JfrProfile.read(in, Upload.Source.describe(part));
        }
        byte[] labelsPart = source.inflated("labels");
        Map<Long, Map<String, String>> dynamic = labelsPart == null ? Map.of() : LabelsSnapshot.decode(labelsPart);
        AppKey key = source.key();
        Map<Long, Map<String, String>> labelsOfContext = new HashMap<>();
        return storage -> profile.putInto(storage, key.name(), contextId -> labelsOfContext.computeIfAbsent(contextId, id -> {
            Map<String, String> labels = new HashMap<>(key.labels());
            labels.putAll(dynamic.getOrDefault(id, Map.of()));
            return labels;
        }));
    }
}
