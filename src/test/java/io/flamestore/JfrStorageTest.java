package io.flamestore;

import static io.flamestore.TreeAssertions.assertTreeEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recordings stored through {@link JfrProfile#putInto} and queried back exactly, slot by slot. */
class JfrStorageTest {
    @TempDir
    Path dir;

    /** The Pyroscope agent's recording, whose events carry context ids, stored with one label per id. */
    @Test
    void contextIdsBecomeLabels() throws IOException {
        JfrProfile profile;
        try (InputStream in = TestData.gunzip(TestData.directory().resolve("jfr/jfr-parser-example.jfr.gz"))) {
            profile = JfrProfile.read(in, "example.jfr"); // the stream path, uncompressed
        }
        try (Storage storage = Storage.open(dir)) {
            profile.putInto(storage, "example", contextId -> Map.of("context", Long.toString(contextId)));
            for (String type : profile.types()) {
                assertStored(storage, profile, "example." + type, type);
                for (long context : profile.contextIds(type)) {
                    Tree expected = TreeAssertions.merge(profile.slots(type, context).values());
                    Tree stored = storage.get(Query.parse("example." + type + "{context=\"" + context + "\"}",
                            0, SegmentTree.MAX_EPOCH_SECONDS)).tree();
                    assertTreeEquals(expected, stored, type + " of context " + context);
                }
            }
        }
    }

    /** A JDK recording of a minute, stored under fixed labels, then every slot of it read back. */
    @Test
    void fixedLabels() throws IOException {
        JfrProfile profile = JfrProfile.read(TestData.directory().resolve("jfr/jmc-hotmethods.jfr.gz"));
        assertEquals(List.of("alloc_in_new_tlab_bytes", "alloc_in_new_tlab_objects", "cpu"), List.copyOf(profile.types()));
        try (Storage storage = Storage.open(dir)) {
            profile.putInto(storage, "hotmethods", Map.of("host", "laptop"));
            for (String type : profile.types()) {
                assertStored(storage, profile, "hotmethods." + type + "{host=\"laptop\"}", type);
            }
            assertEquals(List.of("laptop"), List.copyOf(storage.labelValues(
                    Query.parse("hotmethods.cpu", 0, SegmentTree.MAX_EPOCH_SECONDS), "host")));
        }
    }

    @Test
    void badNamesStoreNothing() throws IOException {
        JfrProfile profile = JfrProfile.read(TestData.directory().resolve("jfr/jfr-parser-wall.jfr.gz"));
        try (Storage storage = Storage.open(dir)) {
            assertThrows(IllegalArgumentException.class, () -> profile.putInto(storage, "bad name", Map.of()));
            assertThrows(IllegalArgumentException.class, () -> profile.putInto(storage, "app", Map.of("bad label", "x")));
            assertEquals(List.of(), storage.appNames());
        }
        assertThrows(IllegalArgumentException.class, () -> profile.slots("walls"));
    }

    /** The whole recording, and each of its slots alone, come back exactly; metadata too. */
    private static void assertStored(Storage storage, JfrProfile profile, String selector, String type)
            throws IOException {
        SortedMap<Long, Tree> slots = profile.slots(type);
        assertTrue(!slots.isEmpty(), type + " has slots");
        long first = slots.firstKey();
        long end = slots.lastKey() + SegmentTree.SLOT_SECONDS;
        QueryResult whole = storage.get(Query.parse(selector, first, end));
        assertTreeEquals(profile.tree(type), whole.tree(), selector + " whole");
        assertEquals(profile.metadata(type), whole.metadata(), selector + " metadata");
        for (Map.Entry<Long, Tree> slot : slots.entrySet()) {
            Tree stored = storage.get(Query.parse(selector, slot.getKey(), slot.getKey() + SegmentTree.SLOT_SECONDS)).tree();
            assertTreeEquals(slot.getValue(), stored, selector + " slot " + slot.getKey());
        }
    }
}
