package io.flamestore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import io.flamestore.JfrProfile;
import io.flamestore.PprofProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code flamestore} command end to end on a temporary store: what it prints and its exit codes. */
class CommandLineTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String store() {
        return dir.resolve("store").toString();
    }

    private Path folded(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void ingestThenQueryLabelsAppsAndDiff() throws IOException {
        Path slow = folded("slow.folded", "main;order_car;mutex_lock 80\nmain;order_car 20\n");
        Path fast = folded("fast.folded", "main;order_car;mutex_lock 5\nmain;order_car 20\nmain;order_bike 10\n");
        assertEquals(0, run("ingest", "--store", store(), "--app", "ride.cpu{region=us-west-1,vehicle=car}",
                "--from", "1700000000", slow.toString()).code());
        Run ingest = run("ingest", "--store", store(), "--app", "ride.cpu{region=eu-north-1,vehicle=car}",
                "--from", "2023-11-14T22:13:30Z", "--until", "1700000020", fast.toString());
        assertEquals(0, ingest.code(), ingest.err());
        assertTrue(ingest.err().contains("3 lines, 35 samples"), ingest.err());

        Run top = run("query", "--store", store(), "--query", "ride.cpu{vehicle=\"car\"}", "--from", "1700000000",
                "--until", "1700000100");
        assertEquals(0, top.code(), top.err());
        assertTrue(top.out().contains("135 samples from 2 series"), top.out());
        assertTrue(top.out().contains("62.96%  mutex_lock"), top.out()); // 85 of 135

        Run collapsed = run("query", "--store", store(), "--query", "ride.cpu{region=~\"us-.*\"}", "--from", "1700000000",
                "--until", "1700000100", "--format", "collapsed");
        assertEquals("main;order_car 20\nmain;order_car;mutex_lock 80\n", collapsed.out());

        Run json = run("query", "--store", store(), "--query", "ride.cpu", "--from", "1700000000", "--until", "1700000100",
                "--format", "json");
        assertTrue(json.out().startsWith("{") && json.out().contains("\"numTicks\":135"), json.out());
        Path page = dir.resolve("page.html");
        Run html = run("diff", "--store", store(), "--query", "ride.cpu", "--left-from", "1700000000", "--left-until",
                "1700000010", "--right-from", "1700000010", "--right-until", "1700000020", "--format", "html",
                "--out", page.toString());
        assertEquals(0, html.code(), html.err());
        String written = Files.readString(page);
        assertTrue(written.contains("\"leftTicks\":100") && written.contains("\"rightTicks\":35"), written);

        Run labels = run("labels", "--store", store(), "--query", "ride.cpu", "--from", "1700000000", "--until", "1700000100");
        assertEquals("region\nvehicle\n", labels.out());
        Run values = run("labels", "--store", store(), "--query", "ride.cpu", "--label", "region", "--from", "1700000000",
                "--until", "1700000100");
        assertEquals("eu-north-1\nus-west-1\n", values.out());
        assertTrue(run("apps", "--store", store()).out().startsWith("ride.cpu\tunits=samples aggregation=sum"));

        Run diff = run("diff", "--store", store(), "--left", "ride.cpu{region=\"eu-north-1\"}",
                "--right", "ride.cpu{region=\"us-west-1\"}", "--left-from", "1700000000", "--left-until", "1700000100",
                "--right-from", "1700000000", "--right-until", "1700000100");
        assertEquals(0, diff.code(), diff.err());
        List<String> rows = new ArrayList<>(diff.out().lines().filter(l -> l.endsWith("mutex_lock")).toList());
        assertEquals(1, rows.size(), diff.out());
        assertTrue(rows.get(0).contains("14.29%  80.00%  +65.71"), rows.get(0)); // 5 of 35 -> 80 of 100
    }

    @Test
    void ingestsPprofIntoOneSeriesPerSampleTypeAtTheProfilesTime() throws IOException {
        String configured = System.getProperty("flamestore.testdata");
        Assumptions.assumeTrue(configured != null && Files.isDirectory(Path.of(configured)), "no test data");
        Path file = Path.of(configured, "pprof", "parca-labels.pb.gz");
        PprofProfile profile;
        try (InputStream in = Files.newInputStream(file)) {
            profile = PprofProfile.read(in);
        }
        Run ingest = run("ingest", "--store", store(), "--app", "goapp{env=dev}", file.toString());
        assertEquals(0, ingest.code(), ingest.err());
        long from = profile.timeNanos() / 1_000_000_000L;
        for (int i = 0; i < profile.sampleTypes().size(); i++) {
            Run collapsed = run("query", "--store", store(), "--query", "goapp" + profile.seriesSuffix(i) + "{env=\"dev\"}",
                    "--from", Long.toString(from), "--until", Long.toString(from + 3600), "--format", "collapsed");
            assertEquals(profile.tree(i).toFolded(), collapsed.out(), "sample type " + i);
        }
        assertTrue(run("apps", "--store", store()).out().contains("goapp.cpu_nanoseconds\tunits=nanoseconds"));

        Path labelled = Path.of(configured, "pprof", "parca-profile-with-labels.pb.gz");
        PprofProfile threads;
        try (InputStream in = Files.newInputStream(labelled)) {
            threads = PprofProfile.read(in);
        }
        assertEquals(0, run("ingest", "--store", store(), "--app", "threads{env=dev}", "--sample-labels", "thread_name",
                labelled.toString()).code());
        String range = Long.toString(threads.startEpochSeconds());
        Run values = run("labels", "--store", store(), "--query", "threads.cpu", "--label", "thread_name",
                "--from", range, "--until", Long.toString(threads.endEpochSeconds()));
        for (Map.Entry<Map<String, String>, io.flamestore.Tree> thread : threads.treesByLabels(0, Set.of("thread_name")).entrySet()) {
            String name = thread.getKey().get("thread_name");
            assertTrue(values.out().lines().anyMatch(name::equals), name + " in " + values.out());
            Run one = run("query", "--store", store(), "--query", "threads.cpu{thread_name=\"" + name + "\"}",
                    "--from", range, "--until", Long.toString(threads.endEpochSeconds()), "--format", "collapsed");
            assertEquals(thread.getValue().toFolded(), one.out(), name);
        }
    }

    @Test
    void ingestsJfrIntoOneSeriesPerTypeAtTheEventsTimes() throws IOException {
        String configured = System.getProperty("flamestore.testdata");
        Assumptions.assumeTrue(configured != null && Files.isDirectory(Path.of(configured)), "no test data");
        Path file = Path.of(configured, "jfr", "jfr-parser-example.jfr.gz");
        JfrProfile profile = JfrProfile.read(file);
        Run ingest = run("ingest", "--store", store(), "--app", "java{host=a}", file.toString());
        assertEquals(0, ingest.code(), ingest.err());
        for (String type : profile.types()) {
            if (profile.slots(type).isEmpty()) {
                continue;
            }
            Run collapsed = run("query", "--store", store(), "--query", "java." + type + "{host=\"a\"}",
                    "--from", Long.toString(profile.slots(type).firstKey()),
                    "--until", Long.toString(profile.slots(type).lastKey() + 10), "--format", "collapsed");
            assertEquals(profile.tree(type).toFolded(), collapsed.out(), type);
        }
        Run refused = run("ingest", "--store", store(), "--app", "java", "--from", "now", file.toString());
        assertEquals(2, refused.code(), refused.err());
    }

    @Test
    void userMistakesAreOneLineAndExitCodeTwo() throws IOException {
        Path file = folded("a.folded", "a;b 1\n");
        List<String[]> mistakes = List.of(
                new String[] {"frobnicate"},
                new String[] {"query", "--store", store()},
                new String[] {"query", "--store", store(), "--query", "app{x=\"unclosed}"},
                new String[] {"query", "--query", "app", "--from", "yesterday", "--store", store()},
                new String[] {"ingest", "--store", store(), "--app", "bad key{", "--from", "1700000000", file.toString()},
                new String[] {"ingest", "--store", store(), "--app", "a.cpu", "--from", "1700000000",
                        dir.resolve("missing.folded").toString()},
                new String[] {"ingest", "--store", store(), "--app", "a.cpu", "--from", "1700000100", "--until", "1700000000",
                        file.toString()},
                new String[] {"labels", "--store", dir.resolve("nothing-here").toString(), "--query", "a.cpu"},
                new String[] {"query", "--query", "a.cpu", "--format", "svgz", "--store", store()});
        for (String[] args : mistakes) {
            Run run = run(args);
            assertEquals(2, run.code(), String.join(" ", args) + " -> " + run.err());
            assertTrue(run.err().startsWith("flamestore: "), run.err());
            assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
        }
    }

    @Test
    void malformedProfileIsExitCodeOneNamingFileAndLineAndStoresNothing() throws IOException {
        Path bad = folded("bad.folded", "a;b 1\na;c twelve\n");
        Run run = run("ingest", "--store", store(), "--app", "a.cpu", "--from", "1700000000", bad.toString());
        assertEquals(1, run.code(), run.err());
        assertTrue(run.err().contains("bad.folded:2: sample count \"twelve\""), run.err());
        Run query = run("query", "--store", store(), "--query", "a.cpu", "--from", "1700000000", "--until", "1700000100",
                "--format", "collapsed");
        assertEquals("", query.out());
    }
}
