package io.flamestore.cli;

import io.flamestore.Aggregation;
import io.flamestore.AppMetadata;
import io.flamestore.FunctionChange;
import io.flamestore.FunctionStats;
import io.flamestore.Query;
import io.flamestore.QueryResult;
import io.flamestore.Storage;
import io.flamestore.Timeline;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What {@code flamestore demo} does: stores 24 hours of the ride-share scenario (nine series, a
 * profile every 10 s) in a fresh store and runs the investigation of Pyroscope's ride-share story
 * against it, printing what each step finds and writing HTML flame graphs; then stores the real
 * profiles of the test data (collapsed stacks, pprof, JFR) and reads some back.
 */
final class Demo {
    private static final long DAY = 86_400;

    private final Path testdata;
    private final Path outDir;
    private final PrintStream out;
    private final Report report;
    private final Pages pages;

    Demo(Path testdata, Path outDir, PrintStream out) {
        this.testdata = testdata;
        this.outDir = outDir;
        this.out = out;
        this.report = new Report(out);
        this.pages = new Pages(outDir, out);
    }

    void run() throws IOException {
        Path storeDir = outDir.resolve("store");
        deleteRecursively(storeDir);
        // The day ends at the last whole half hour, so that "now-24h" queries find it afterwards.
        long end = System.currentTimeMillis() / 1000 / RideShareScenario.PERIOD_SECONDS * RideShareScenario.PERIOD_SECONDS;
        long start = end - DAY;
        try (Storage storage = Storage.open(storeDir)) {
            storeRideShare(storage, start, end);
            investigate(storage, start, end);
            new RealProfiles(testdata, out, pages).storeAndShow(storage);
            new RecordedProfiles(testdata, out, pages).store(storage);
        }
        out.printf(Locale.ROOT, "%nThe store is %s; try for example%n  flamestore query --store %s --query "
                + "'%s{vehicle=\"car\"}' --from now-24h%n", storeDir.toAbsolutePath().normalize(), storeDir,
                RideShareScenario.APP);
    }

    private void storeRideShare(Storage storage, long start, long end) throws IOException {
        RideShareScenario scenario = new RideShareScenario(start);
        storage.setMetadata(RideShareScenario.APP, new AppMetadata("samples", Aggregation.SUM, 100, "demo"));
        long began = System.nanoTime();
        int puts = 0;
        for (long t = start; t < end; t += 10) {
            var upload = scenario.upload(t);
            storage.put(upload, t, t + 10);
            puts += upload.size();
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        out.printf(Locale.ROOT, "Stored 24 h of %s: %,d profiles of 10 s (3 regions x 3 vehicles) in %.1f s (%,.0f puts/s)%n",
                RideShareScenario.APP, puts, seconds, puts / seconds);
    }

    /** The steps of the story, each a query a person would type. */
    private void investigate(Storage storage, long start, long end) throws IOException {
        String app = RideShareScenario.APP;
        out.printf(Locale.ROOT, "%n1. The whole service over the day: which endpoint costs most?%n");
        QueryResult all = storage.get(Query.parse(app, start, end));
        report.summary(app, all);
        for (String vehicle : RideShareScenario.VEHICLES) {
            FunctionStats order = function(all, "order_" + vehicle);
            out.printf(Locale.ROOT, "  order_%-8s %5.1f%% of all CPU%n", vehicle, Report.percent(order.total(), all.tree().total()));
        }
        pages.flameGraph("ride-share-day", app + ", 24 h", all);

        String carSelector = app + "{vehicle=\"car\"}";
        out.printf(Locale.ROOT, "%n2. Only cars: %s%n", carSelector);
        QueryResult cars = storage.get(Query.parse(carSelector, start, end));
        report.summary(carSelector, cars);
        report.top(cars.tree(), 3);
        pages.flameGraph("ride-share-cars", carSelector + ", 24 h", cars);

        out.printf(Locale.ROOT, "%n3. Cars by region: CPU per %d s over the day%n", all.timeline().stepSeconds());
        String worst = null;
        double worstSwing = 0;
        for (String region : RideShareScenario.REGIONS) {
            String selector = app + "{vehicle=\"car\", region=\"" + region + "\"}";
            Timeline timeline = storage.get(Query.parse(selector, start, end)).timeline();
            report.timeline(region, timeline, 96);
            double swing = swing(timeline);
            if (swing > worstSwing) {
                worstSwing = swing;
                worst = region;
            }
        }
        out.printf(Locale.ROOT, "  -> %s swings most: its busiest point is %.1fx its quietest%n", worst, worstSwing);

        compareHighAndLow(storage, worst, end);
    }

    /**
     * Steps 4 and 5: the last high half hour of the swinging region against the low one before it,
     * and the functions whose share changed.
     */
    private void compareHighAndLow(Storage storage, String region, long end) throws IOException {
        long period = RideShareScenario.PERIOD_SECONDS;
        // The day starts with a low half hour and has 48, so the last one is high.
        long highStart = end - period;
        long lowStart = highStart - period;
        String selector = RideShareScenario.APP + "{vehicle=\"car\", region=\"" + region + "\"}";
        QueryResult low = storage.get(Query.parse(selector, lowStart, lowStart + period));
        QueryResult high = storage.get(Query.parse(selector, highStart, highStart + period));
        out.printf(Locale.ROOT, "%n4. %s, a high half hour against the low one before it:%n", region);
        for (QueryResult side : List.of(low, high)) {
            FunctionStats lock = function(side, "mutex_lock");
            out.printf(Locale.ROOT, "  from %s: %,d samples, mutex_lock %.1f%% of them%n",
                    java.time.Instant.ofEpochSecond(side.timeline().startEpochSeconds()), side.tree().total(),
                    Report.percent(lock.self(), side.tree().total()));
        }
        out.printf(Locale.ROOT, "%n5. Diff, low -> high:");
        List<FunctionChange> changes = FunctionChange.between(low.tree(), high.tree());
        report.changes(changes, 5);
        pages.diff("ride-share-diff", selector + ": low half hour vs high half hour", low, high);
    }

    /** A function's stats in a result, zero if absent. */
    private static FunctionStats function(QueryResult result, String name) {
        return result.tree().functions().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElse(new FunctionStats(name, 0, 0));
    }

    /** The largest timeline point over the smallest one with data. */
    private static double swing(Timeline timeline) {
        long max = 0;
        long min = Long.MAX_VALUE;
        for (int i = 0; i < timeline.size(); i++) {
            if (timeline.hasData(i)) {
                max = Math.max(max, timeline.value(i));
                min = Math.min(min, timeline.value(i));
            }
        }
        return min == Long.MAX_VALUE || min == 0 ? 0 : (double) max / min;
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
