package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every misuse of {@link Storage} fails at once with {@link IllegalArgumentException} or
 * {@link IllegalStateException} whose message names the problem and the offending value, and
 * leaves the store as it was.
 */
class StorageMisuseTest {
    private static final long T0 = 1_700_000_000L;
    private static final long MAX = SegmentTree.MAX_EPOCH_SECONDS;

    @TempDir
    Path dir;

    private Storage storage;
    private Tree tree;
    /** Set by tests that close the store themselves (a second close is another bug). */
    private boolean closedByTest;

    @BeforeEach
    void open() throws Exception {
        storage = Storage.open(dir);
        tree = Tree.parseFolded("main;work 5\n");
    }

    @AfterEach
    void close() throws IOException {
        if (!closedByTest) {
            storage.close();
        }
    }

    /** Asserts that {@code call} throws {@code type} with a message containing every one of {@code parts}. */
    private static <T extends RuntimeException> T fails(Class<T> type, Executable call, String... parts) {
        T e = assertThrows(type, call);
        for (String part : parts) {
            assertTrue(e.getMessage() != null && e.getMessage().contains(part),
                    "message \"" + e.getMessage() + "\" should contain \"" + part + "\"");
        }
        return e;
    }

    private void assertNothingStored() throws IOException {
        assertEquals(List.of(), storage.appNames(), "nothing stored");
        assertTrue(storage.get(Query.parse("app.cpu", 0, MAX)).tree().isEmpty(), "nothing stored");
    }

    @Test
    void startAfterEndIsRefused() throws IOException {
        fails(IllegalArgumentException.class, () -> storage.put("app.cpu", T0 + 10, T0, tree),
                "start (" + (T0 + 10) + ")", "after", "end (" + T0 + ")");
        fails(IllegalArgumentException.class, () -> storage.put(Map.of("app.cpu", tree), T0 + 1, T0),
                "start (" + (T0 + 1) + ")", "after");
        fails(IllegalArgumentException.class, () -> Query.parse("app.cpu", T0 + 10, T0),
                "from=" + (T0 + 10), "until=" + T0, "from must not be after until");
        assertNothingStored();
    }

    @Test
    void aSlotWhoseTotalWouldOverflowIsRefusedAndKept() throws IOException {
        Tree huge = new Tree();
        huge.insert("main;work", Long.MAX_VALUE - 1);
        storage.put("app.cpu", T0, T0 + 10, huge);
        fails(IllegalArgumentException.class, () -> storage.put("app.cpu", T0, T0 + 10, tree),
                "would overflow", String.valueOf(Long.MAX_VALUE - 1));
        assertEquals(huge, storage.get(Query.parse("app.cpu", T0, T0 + 10)).tree());
        assertEquals(Long.MAX_VALUE - 1, storage.get(Query.parse("app.cpu", T0, T0 + 10)).timeline().value(0));
    }

    @Test
    void negativeTimesAreRefused() throws IOException {
        fails(IllegalArgumentException.class, () -> storage.put("app.cpu", -10, 0, tree), "start (-10)", "[0, " + MAX + "]");
        fails(IllegalArgumentException.class, () -> storage.put("app.cpu", -5, -1, tree), "-5", "-1", "epoch seconds");
        fails(IllegalArgumentException.class, () -> storage.put("app.cpu", 0, -1, tree), "end (-1)");
        fails(IllegalArgumentException.class, () -> Query.parse("app.cpu", -1, 10), "from=-1", "must not be negative");
        fails(IllegalArgumentException.class, () -> Query.parse("app.cpu", 0, -10), "until=-10", "must not be negative");
        assertNothingStored();
    }

    @Test
    void timesBeyondTheLastSupportedSecondAreRefused() throws IOException {
        // Milliseconds passed as seconds.
        long millis = T0 * 1000;
        fails(IllegalArgumentException.class, () -> storage.put("app.cpu", millis, millis + 10_000, tree),
                "start (" + millis + ")", "[0, " + MAX + "]");
        fails(IllegalArgumentException.class, () -> storage.put("app.cpu", T0, millis, tree), "end (" + millis + ")");
        fails(IllegalArgumentException.class, () -> storage.put("app.cpu", MAX - 10, MAX + 1, tree), "end (" + (MAX + 1) + ")");
        // An instant at the end of time has no slot.
        fails(IllegalArgumentException.class, () -> storage.put("app.cpu", MAX, MAX, tree), "epoch second " + MAX, "outside");
        fails(IllegalArgumentException.class, () -> Query.parse("app.cpu", 0, MAX + 1), "until=" + (MAX + 1), "not milliseconds");
        fails(IllegalArgumentException.class, () -> Query.parse("app.cpu", millis, millis), "from=" + millis);
        assertNothingStored();

        // The last slot itself is fine.
        storage.put("app.cpu", MAX - 10, MAX, tree);
        assertEquals(tree, storage.get(Query.parse("app.cpu", MAX - 10, MAX)).tree());
        assertEquals(tree, storage.get(Query.parse("app.cpu", 0, MAX)).tree());
    }

    @Test
    void malformedKeysAreRefusedNamingThePosition() throws IOException {
        Map<String, String> positions = new HashMap<>();
        positions.put("app.cpu{region=us-west-1", "at position 24: expected ',' or '}'");
        positions.put("app.cpu{region}", "at position 14: expected '=' after the label name");
        positions.put("app cpu", "at position 4: expected '{' or the end of the key");
        positions.put("", "at position 0: expected an application name");
        positions.put("app.cpu{=x}", "at position 8: expected a label name");
        positions.put("app.cpu{__name__=x}", "at position 8: the label name __name__ is reserved");
        positions.put("app.cpu{a=1}junk", "at position 12: expected '{' or the end of the key");
        positions.put("app.cpu{a=b=c}", "at position 11: expected ',' or '}'");
        positions.put("app.cpu{region=\"a}", "at position 18: expected '\"' to close the string opened at position 15");
        positions.forEach((key, problem) -> {
            String quoted = "\"" + key.replace("\"", "\\\"") + "\"";
            fails(IllegalArgumentException.class, () -> storage.put(key, T0, T0 + 10, tree), "bad app key " + quoted, problem);
            fails(IllegalArgumentException.class, () -> storage.put(key, T0, T0 + 10, tree, AppMetadata.DEFAULT), "bad app key", problem);
            // In a batch, a bad key stops the whole upload before anything is stored.
            fails(IllegalArgumentException.class, () -> storage.put(Map.of("app.cpu{ok=1}", tree, key, tree), T0, T0 + 10), problem);
            fails(IllegalArgumentException.class, () -> storage.delete(key), problem);
        });
        fails(IllegalArgumentException.class, () -> storage.setMetadata("app cpu", AppMetadata.DEFAULT), "at position 4");
        assertNothingStored();
    }

    @Test
    void malformedSelectorsAreRefusedNamingThePosition() throws IOException {
        storage.put("app.cpu{region=x}", T0, T0 + 10, tree);
        Map<String, String> positions = new HashMap<>();
        positions.put("app.cpu{region=\"x\"", "at position 18: expected ',' or '}'");
        positions.put("app.cpu{region=x}", "at position 15: expected a double-quoted value");
        positions.put("app.cpu{region~\"x\"}", "at position 14: expected one of = != =~ !~");
        positions.put("app.cpu{region=~\"(\"}", "at position 16: bad matcher region=~\"(\": invalid regular expression");
        positions.put("{region=\"x\"}", "at position 0: expected an application name");
        positions.put("app.cpu{region=\"x\",,}", "at position 19: expected a label name or '}'");
        positions.put("app.cpu{__name__=\"x\"}", "at position 8: the label name __name__ is reserved");
        positions.put("app.cpu region", "at position 8: expected '{' or the end of the selector");
        positions.forEach((selector, problem) ->
                fails(IllegalArgumentException.class, () -> Query.parse(selector, T0, T0 + 10), "bad selector", problem));
        assertEquals(tree, storage.get(Query.parse("app.cpu{region=\"x\"}", T0, T0 + 10)).tree(), "the store is unharmed");
    }

    @Test
    void nullTreeInABatchIsRefused() throws IOException {
        Map<String, Tree> batch = new HashMap<>();
        batch.put("app.cpu{a=1}", tree);
        batch.put("app.cpu{a=2}", null);
        fails(IllegalArgumentException.class, () -> storage.put(batch, T0, T0 + 10), "tree for app.cpu{a=2} is null");
        assertNothingStored();
    }

    @Test
    void nullTreeIsRefused() throws IOException {
        fails(IllegalArgumentException.class, () -> storage.put("app.cpu", T0, T0 + 10, null), "tree", "null");
        assertNothingStored();
    }

    @Test
    void duplicateLabelNamesAreRefused() throws IOException {
        fails(IllegalArgumentException.class, () -> storage.put("app.cpu{region=a,region=b}", T0, T0 + 10, tree),
                "at position 17: label region appears twice");
        fails(IllegalArgumentException.class, () -> storage.put("app.cpu{region=a}{region=b}", T0, T0 + 10, tree),
                "at position 18: label region appears twice");
        // Even when one of them is empty, which alone would mean "no such label".
        fails(IllegalArgumentException.class, () -> storage.put("app.cpu{region=a,region=}", T0, T0 + 10, tree),
                "label region appears twice");
        // Two spellings of one series in one upload.
        fails(IllegalArgumentException.class,
                () -> storage.put(Map.of("app.cpu{a=1,b=2}", tree, "app.cpu{ b=2, a=\"1\"}", tree), T0, T0 + 10),
                "appears twice in one batch");
        assertNothingStored();
    }

    @Test
    void emptyTreeIsDataWithZeroValue() throws IOException {
        storage.put("app.cpu{vehicle=car}", T0, T0 + 10, new Tree());
        storage.put("app.cpu{vehicle=bike}", T0 + 20, T0 + 50, new Tree());  // three slots, all empty
        QueryResult r = storage.get(Query.parse("app.cpu", T0, T0 + 60));
        assertTrue(r.tree().isEmpty());
        assertEquals(2, r.stats().seriesMatched());
        Timeline t = r.timeline();
        assertEquals(6, t.size());
        boolean[] data = {true, false, true, true, true, false};
        for (int i = 0; i < data.length; i++) {
            assertEquals(data[i], t.hasData(i), "point " + i + ": " + t);
            assertEquals(0, t.value(i), "point " + i);
        }
        assertEquals(Set.of("vehicle"), storage.labelNames(Query.parse("app.cpu", T0, T0 + 10)));
        assertEquals(Set.of("bike"), storage.labelValues(Query.parse("app.cpu", T0 + 30, T0 + 40), "vehicle"));
        assertEquals(List.of("app.cpu"), storage.appNames());
        // Adding samples later to the empty slot works as usual.
        storage.put("app.cpu{vehicle=car}", T0, T0 + 10, tree);
        assertEquals(tree, storage.get(Query.parse("app.cpu", T0, T0 + 60)).tree());
    }

    @Test
    void useAfterCloseThrowsIllegalStateException() throws IOException {
        storage.put("app.cpu{a=1}", T0, T0 + 10, tree);
        storage.close();
        fails(IllegalStateException.class, () -> storage.put("app.cpu{a=1}", T0, T0 + 10, tree), "closed");
        fails(IllegalStateException.class, () -> storage.get(Query.parse("app.cpu", T0, T0 + 10)), "closed");
        fails(IllegalStateException.class, () -> storage.labelNames(Query.parse("app.cpu", T0, T0 + 10)), "closed");
        fails(IllegalStateException.class, () -> storage.labelValues(Query.parse("app.cpu", T0, T0 + 10), "a"), "closed");
        // Misuse is still reported as misuse after close.
        fails(IllegalArgumentException.class, () -> storage.put("app.cpu", T0 + 10, T0, tree), "after");
        storage = Storage.open(dir);
        assertEquals(tree, storage.get(Query.parse("app.cpu", T0, T0 + 10)).tree(), "the store is unharmed");
    }

    @Test
    void everyUseAfterCloseThrowsIllegalStateException() throws IOException {
        storage.put("app.cpu{a=1}", T0, T0 + 10, tree);
        storage.close();
        closedByTest = true;
        List<Executable> checks = new ArrayList<>();
        List<Executable> uses = List.of(
                () -> storage.put("app.cpu{a=2}", T0, T0 + 10, tree),
                () -> storage.put(Map.of("other.cpu", tree), T0, T0 + 10),
                () -> storage.setMetadata("app.cpu", AppMetadata.DEFAULT.withUnits("bytes")),
                () -> storage.delete("app.cpu{a=1}"),
                () -> storage.deleteApp("app.cpu"),
                () -> storage.sync(),
                () -> storage.get(Query.parse("unknown.cpu", T0, T0 + 10)),
                () -> storage.appNames(),
                () -> storage.metadata("app.cpu"));
        for (int i = 0; i < uses.size(); i++) {
            Executable use = uses.get(i);
            int n = i;
            checks.add(() -> {
                Throwable e = assertThrows(Throwable.class, use, "use " + n + " after close");
                assertTrue(e instanceof IllegalStateException && e.getMessage().contains("closed"),
                        "use " + n + " after close threw " + e);
            });
        }
        assertAll(checks);
    }

    @Test
    void closeTwiceIsHarmless() throws IOException {
        closedByTest = true;
        storage.close();
        storage.close();
        assertFalse(storage.toString().isEmpty());
    }

    /**
     * A start of 0 (an unset time) with a real end is a profile 54 years long: 170 million slots.
     * It must be refused (or at least not exhaust the heap).
     */
    @Test
    void profileSpanningDecadesIsRefused() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            fails(IllegalArgumentException.class, () -> storage.put("app.cpu", 0, T0, tree), String.valueOf(T0));
        });
    }
}
