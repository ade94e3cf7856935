package io.flamestore.cli;

import io.flamestore.PprofProfile;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A pprof profile into one series per sample type ({@code app.cpu}, {@code app.alloc_space}, ...),
 * each with the type's units and aggregation, over the profile's own time unless {@code --from}
 * is given. {@code --sample-labels} names sample labels (such as {@code thread}) to turn into series
 * labels.
 */
final class PprofIngest {
    private PprofIngest() {
    }

    static String store(IngestCommand.Target target, String file) throws IOException {
        PprofProfile profile;
        try (InputStream in = target.open(file)) {
            profile = PprofProfile.read(in);
        }
        long[] range = range(target, profile);
        Set<String> sampleLabels = new LinkedHashSet<>(Arrays.asList(target.options().string("sample-labels", "").split(",")));
        sampleLabels.remove("");
        try {
            profile.putInto(target.storage(), target.key(), sampleLabels, range[0], range[1]);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        List<String> stored = new ArrayList<>();
        for (int i = 0; i < profile.sampleTypes().size(); i++) {
            stored.add(String.format(Locale.ROOT, "%s%s %,d %s", target.key().name(), profile.seriesSuffix(i),
                    profile.tree(i).total(), profile.metadata(i).units()));
        }
        return String.format(Locale.ROOT, "pprof, %,d samples over [%d, %d): %s", profile.sampleCount(), range[0], range[1],
                String.join(", ", stored));
    }

    /** The command line's times if given, else the profile's (at least 10 s), else an error. */
    private static long[] range(IngestCommand.Target target, PprofProfile profile) {
        if (target.from() != null) {
            return new long[] {target.from(), target.until() != null ? target.until() : target.from() + 10};
        }
        if (profile.timeNanos() <= 0) {
            throw new UsageException("the profile has no time: give --from (and --until)");
        }
        return new long[] {profile.startEpochSeconds(), profile.endEpochSeconds()};
    }
}
