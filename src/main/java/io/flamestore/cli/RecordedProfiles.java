package io.flamestore.cli;

import io.flamestore.AppKey;
import io.flamestore.JfrProfile;
import io.flamestore.PprofProfile;
import io.flamestore.Query;
import io.flamestore.QueryResult;
import io.flamestore.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The demo's third part: every pprof profile and JFR recording of the test data stored at its own
 * time, one series per profile type, under an application named after the file; then the ten
 * consecutive heap profiles of {@code pprof/series} read back as one series with its timeline.
 */
final class RecordedProfiles {
    private final Path testdata;
    private final PrintStream out;
    private final Pages pages;

    RecordedProfiles(Path testdata, PrintStream out, Pages pages) {
        this.testdata = testdata;
        this.out = out;
        this.pages = pages;
    }

    void store(Storage storage) throws IOException {
        out.printf(Locale.ROOT, "%nRecorded profiles (pprof and JFR) from %s, each at its own time:%n",
                testdata.toAbsolutePath().normalize());
        for (Path file : files("pprof")) {
            storePprof(storage, file, appName(file), Map.of());
        }
        for (Path file : files("jfr")) {
            JfrProfile profile = JfrProfile.read(file);
            String app = appName(file);
            profile.putInto(storage, app, Map.of());
            List<String> types = new ArrayList<>();
            for (String type : profile.types()) {
                if (!profile.slots(type).isEmpty()) {
                    types.add(String.format(Locale.ROOT, "%s %,d", type, profile.tree(type).total()));
                }
            }
            out.printf(Locale.ROOT, "  %-52s JFR: %s%n", app, String.join(", ", types));
        }
        storeSeries(storage);
    }

    /** Ten heap profiles of one Go process, about 3 s apart, as one series per sample type. */
    private void storeSeries(Storage storage) throws IOException {
        List<Path> series = files("pprof/series");
        if (series.isEmpty()) {
            return;
        }
        long first = Long.MAX_VALUE;
        long last = 0;
        for (Path file : series) {
            PprofProfile profile = storePprof(storage, file, "go-heap", Map.of("source", "parca"));
            first = Math.min(first, profile.startEpochSeconds());
            last = Math.max(last, profile.startEpochSeconds());
        }
        QueryResult inuse = storage.get(Query.parse("go-heap.inuse_space", first, last + 10));
        out.printf(Locale.ROOT, "  go-heap.inuse_space (average of %d profiles): %,d %s over %d s, timeline of %d points%n",
                series.size(), inuse.tree().total(), inuse.metadata().units(), last + 10 - first, inuse.timeline().size());
        pages.flameGraph("go-heap-inuse", "go-heap.inuse_space (pprof/series)", inuse);
    }

    private PprofProfile storePprof(Storage storage, Path file, String app, Map<String, String> labels) throws IOException {
        PprofProfile profile;
        try (InputStream in = Files.newInputStream(file)) {
            profile = PprofProfile.read(in);
        }
        profile.putInto(storage, AppKey.of(app, labels), Set.of(), profile.startEpochSeconds(), profile.endEpochSeconds());
        List<String> types = new ArrayList<>();
        for (int i = 0; i < profile.sampleTypes().size(); i++) {
            types.add(String.format(Locale.ROOT, "%s %,d", profile.seriesSuffix(i).substring(1), profile.tree(i).total()));
        }
        if (!app.equals("go-heap")) {
            out.printf(Locale.ROOT, "  %-52s pprof: %s%n", app, String.join(", ", types));
        }
        return profile;
    }

    private List<Path> files(String folder) throws IOException {
        Path dir = testdata.resolve(folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> listing = Files.list(dir)) {
            return listing.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** An application name from a file name: its stem, with characters names may not hold replaced. */
    private static String appName(Path file) {
        String stem = file.getFileName().toString().replaceAll("\\.(pb|jfr)(\\.gz)?$", "");
        return stem.replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
