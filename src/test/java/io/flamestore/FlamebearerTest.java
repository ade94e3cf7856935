package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exact flamebearer layout, string escaping, timelines and real profiles. */
class FlamebearerTest {

    @Test
    void smallTreeHasPyroscopesLayout() throws Exception {
        Tree tree = Tree.parseFolded("a;b 1\na;c 2\n");
        String json = Flamebearer.of(tree).withName("app.cpu")
                .withMetadata(AppMetadata.DEFAULT.withSpyName("javaspy")).toJson();
        assertEquals("{\"version\":1,\"flamebearer\":{\"names\":[\"total\",\"a\",\"b\",\"c\"],"
                + "\"levels\":[[0,3,0,0],[0,3,0,1],[0,1,1,2,0,2,2,3]],\"numTicks\":3,\"maxSelf\":2},"
                + "\"metadata\":{\"format\":\"single\",\"spyName\":\"javaspy\",\"sampleRate\":100,"
                + "\"units\":\"samples\",\"name\":\"app.cpu\"},\"timeline\":null}", json);
    }

    @Test
    void diffHasSevenNumbersPerNodeAndTicksPerSide() throws Exception {
        TreeDiff diff = TreeDiff.of(Tree.parseFolded("a;b 1\na;c 2\n"), Tree.parseFolded("a;c 4\nd 1\n"));
        String json = Flamebearer.of(diff).toJson();
        assertTrue(json.contains("\"levels\":[[0,3,0,0,5,0,0],[0,3,0,0,4,0,1,0,0,0,0,1,1,4],"
                + "[0,1,1,0,0,0,2,0,2,2,0,4,4,3]],\"numTicks\":8,\"maxSelf\":4}"), json);
        assertTrue(json.contains("\"format\":\"double\""), json);
        assertTrue(json.endsWith("\"timeline\":null,\"leftTicks\":3,\"rightTicks\":5}"), json);
    }

    @Test
    void frameNamesAreEscaped() {
        List<String> names = List.of("say \"hi\"", "C:\\path\\x", "tab\there", "bell\u0007\u001f", "line\nbreak",
                "</script><!--", "a&b>c", "日本語 😀", "sep\u2028\u2029", "lone\ud800", "lone\udc00x");
        Tree tree = new Tree();
        for (String name : names) {
            tree.insert(List.of("root", name), 1);
        }
        String json = Flamebearer.of(tree).withName("q\"u\\o</te>").toJson();
        for (char c : json.toCharArray()) {
            assertTrue(c >= 0x20 && c != '<' && c != '>' && c != '&' && c != '\u2028' && c != '\u2029'
                    && !Character.isSurrogate(c) || Character.isSurrogate(c) && json.contains("😀"),
                    "raw character U+" + Integer.toHexString(c));
        }
        assertTrue(json.contains("日本語 😀"), "non-ASCII is written as is");
        FlamebearerDecoder.Decoded decoded = FlamebearerDecoder.decode(json);
        TreeAssertions.assertTreeEquals(tree, decoded.trees().get(0), "escaped names");
        assertEquals("q\"u\\o</te>", decoded.section("metadata").get("name"));
    }

    @Test
    void timelineSamplesAreValuePlusOneAndZeroForNoData() {
        Timeline timeline = Timeline.builder(1000, 1040).add(1000, 5).add(1020, 0).build();
        String json = Flamebearer.of(new Tree()).withTimeline(timeline).toJson();
        Map<String, Object> written = FlamebearerDecoder.decode(json).section("timeline");
        assertEquals(Map.of("startTime", 1000L, "samples", List.of(6L, 0L, 1L, 0L), "durationDelta", 10L), written);
    }

    @Test
    void emptyTreeHasARootOnly() {
        FlamebearerDecoder.Decoded decoded = FlamebearerDecoder.decode(Flamebearer.of(new Tree()).toJson());
        assertEquals(List.of(List.of(0L, 0L, 0L, 0L)), MiniJson.object(decoded.profile().get("flamebearer")).get("levels"));
        assertNull(decoded.profile().get("timeline"));
    }

    @Test
    void negativeMaxNodesIsRefused() {
        Flamebearer fb = Flamebearer.of(new Tree());
        assertThrows(IllegalArgumentException.class, () -> fb.withMaxNodes(-1));
        assertThrows(IllegalArgumentException.class, () -> TreeDiff.of(new Tree(), new Tree()).truncate(-1));
        assertFalse(fb.isDiff());
    }

    @Test
    void realProfilesRoundTrip() throws Exception {
        for (Path file : TestData.foldedFiles()) {
            Tree tree = TestData.parseGzipped(file);
            FlamebearerDecoder.Decoded all = FlamebearerDecoder.decode(
                    Flamebearer.of(tree).withMaxNodes(Integer.MAX_VALUE).toJson());
            TreeAssertions.assertTreeEquals(tree, all.trees().get(0), file + " untruncated");
            FlamebearerDecoder.Decoded shown = FlamebearerDecoder.decode(Flamebearer.of(tree).toJson());
            TreeAssertions.assertTreeEquals(tree.truncate(Flamebearer.DEFAULT_MAX_NODES), shown.trees().get(0),
                    file + " truncated");
        }
    }

    @Test
    void realDiffRoundTrips() throws Exception {
        Path dir = TestData.directory().resolve("folded");
        Tree left = TestData.parseGzipped(dir.resolve("kafka_cpu_0.folded.gz"));
        Tree right = TestData.parseGzipped(dir.resolve("kafka_cpu_1.folded.gz"));
        TreeDiff diff = TreeDiff.of(left, right);
        FlamebearerDecoder.Decoded decoded = FlamebearerDecoder.decode(
                Flamebearer.of(diff).withMaxNodes(Integer.MAX_VALUE).toJson());
        TreeAssertions.assertTreeEquals(left, decoded.trees().get(0), "left");
        TreeAssertions.assertTreeEquals(right, decoded.trees().get(1), "right");
        FlamebearerDecoder.Decoded shown = FlamebearerDecoder.decode(Flamebearer.of(diff).withMaxNodes(500).toJson());
        assertEquals(FlamebearerPropertyTest.aligned(diff.truncate(500)),
                FlamebearerPropertyTest.asLists(shown.nodes()), "truncated diff");
    }
}
