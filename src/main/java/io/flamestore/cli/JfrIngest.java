package io.flamestore.cli;

import io.flamestore.JfrProfile;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A JFR recording into one series per profile type it holds ({@code app.cpu},
 * {@code app.alloc_in_new_tlab_bytes}, {@code app.lock_duration}, ...), each event in the 10 s slot
 * of its own time: a recording carries its times, so {@code --from} and {@code --until} do not apply.
 */
final class JfrIngest {
    private JfrIngest() {
    }

    static String store(IngestCommand.Target target, String file) throws IOException {
        if (target.from() != null || target.until() != null) {
            throw new UsageException("a JFR recording carries its own event times: drop --from and --until");
        }
        JfrProfile profile;
        try (InputStream in = target.open(file)) {
            profile = JfrProfile.read(in, file);
        }
        try {
            profile.putInto(target.storage(), target.key().name(), target.key().labels());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        List<String> stored = new ArrayList<>();
        for (String type : profile.types()) {
            var slots = profile.slots(type);
            if (!slots.isEmpty()) {
                stored.add(String.format(Locale.ROOT, "%s.%s %,d %s in %d slots", target.key().name(), type,
                        profile.tree(type).total(), profile.metadata(type).units(), slots.size()));
            }
        }
        return "JFR: " + (stored.isEmpty() ? "no events with stacks" : String.join(", ", stored));
    }
}
