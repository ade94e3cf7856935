package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML flame graph in headless Chromium, driven through its #selftest mode. */
class FlameGraphHtmlTest {
    static final String ODD_NAME = "</script><b>\"x\"&amp; 日本";

    @TempDir
    Path work;

    @Test
    void drawsZoomsSearchesAndSorts() throws Exception {
        Tree tree = Tree.parseFolded("main;handle;order_car;mutex_lock 40\nmain;handle;order_bike 30\nmain;idle 20\ngc 10\n");
        tree.insert(List.of("main", ODD_NAME), 5);
        Timeline timeline = Timeline.builder(0, 100).add(0, 7).add(20, 3).add(30, 0).build();
        Map<String, Object> result = selfTest(Flamebearer.of(tree).withName("ride-sharing-app.cpu").withTimeline(timeline),
                "&search=order&click=handle&sort=3");
        double width = number(result.get("width"));

        assertFramesAt(tree, frames(result, "initial"), width);
        assertTrue(names(result, "initial").contains(ODD_NAME), "odd frame name drawn: " + names(result, "initial"));
        assertEquals(3L, result.get("timelineBars"), "points with data, a zero included; gaps without");

        Map<String, Object> search = MiniJson.object(result.get("search"));
        assertEquals("2 matching frames", search.get("text"));
        assertEquals(List.of("order_bike", "order_car"), search.get("matched"));
        assertEquals(2L, search.get("tableRows"), "table filtered by the search");

        String tooltip = (String) result.get("tooltip");
        assertTrue(tooltip.startsWith("handle\nself  0 samples") && tooltip.contains("total 70 samples (66.67%"), tooltip);
        Map<String, Object> handle = frame(frames(result, "zoomed"), "handle");
        assertEquals(0, number(handle.get("left")), 0.5, "zoomed frame starts at the left edge");
        assertEquals(width, number(handle.get("width")), 1.5, "zoomed frame spans the width");
        assertEquals(width * 30 / 70, number(frame(frames(result, "zoomed"), "order_bike").get("width")), 1.5);
        assertEquals(frames(result, "initial"), frames(result, "reset"), "reset zoom draws the first view again");
        assertEquals(List.of("main", "handle", "mutex_lock", "order_car", "order_bike"), result.get("table"),
                "sorted by total, ties in the order of most self");
    }

    @Test
    void diffColoursGrowthRedAndShrinkGreen() throws Exception {
        TreeDiff diff = TreeDiff.of(Tree.parseFolded("main;grows 10\nmain;shrinks 80\nmain;same 10\n"),
                Tree.parseFolded("main;grows 160\nmain;shrinks 20\nmain;same 20\n"));
        Map<String, Object> result = selfTest(Flamebearer.of(diff).withName("diff"), "&click=grows");
        int[] grows = rgb(frame(frames(result, "initial"), "grows"));
        int[] shrinks = rgb(frame(frames(result, "initial"), "shrinks"));
        int[] same = rgb(frame(frames(result, "initial"), "same"));
        assertTrue(grows[0] > grows[1] + 100, "grew: red " + List.of(grows[0], grows[1], grows[2]));
        assertTrue(shrinks[1] > shrinks[0] + 60, "shrank: green " + List.of(shrinks[0], shrinks[1], shrinks[2]));
        assertTrue(same[0] == same[1] && same[1] == same[2], "unchanged share: grey");
        String tooltip = (String) result.get("tooltip");
        assertTrue(tooltip.contains("left  total 10 samples (10.00%") && tooltip.contains("right total 160 samples (80.00%")
                && tooltip.contains("+70.00 percentage points"), tooltip);
        // Drawn at left + right: 'grows' spans (10 + 160) / (100 + 200) of the width.
        double width = number(result.get("width"));
        assertEquals(width * 170 / 300, number(frame(frames(result, "initial"), "grows").get("width")), 1.5);
        assertEquals(width, number(frame(frames(result, "zoomed"), "grows").get("width")), 1.5);
    }

    /**
     * 24,029 samples over 425,051 nodes, most of them one-sample leaves under {@code main.next}: at
     * full width only a dozen frames are half a pixel wide, zooming in shows more.
     */
    @Test
    void largestRealProfileDrawsQuickly() throws Exception {
        Tree tree = TestData.parseGzipped(TestData.directory().resolve("folded/google-pprof-large.cpu.samples.folded.gz"));
        for (int maxNodes : new int[] {Flamebearer.DEFAULT_MAX_NODES, Integer.MAX_VALUE}) {
            Map<String, Object> result = selfTest(Flamebearer.of(tree).withMaxNodes(maxNodes),
                    "&search=runtime&click=main.next");
            double drawMs = number(result.get("drawMs"));
            System.out.printf("google-pprof-large, maxNodes=%d: %d nodes, page loaded in %.0f ms, %d frames drawn"
                    + " in %.1f ms, %d after zoom%n", maxNodes, tree.nodeCount(), number(result.get("loadMs")),
                    frames(result, "initial").size(), drawMs, frames(result, "zoomed").size());
            assertTrue(drawMs < 1000, "one draw took " + drawMs + " ms");
            assertTrue(frames(result, "initial").size() >= 5, "frames drawn");
            assertEquals(number(result.get("width")), number(frame(frames(result, "zoomed"), "main.next")
                    .get("width")), 1.5, "zoomed frame spans the width");
        }
    }

    /** Writes the page, loads it at #selftest plus {@code params}, checks it ran cleanly, returns its result. */
    private Map<String, Object> selfTest(Flamebearer flamebearer, String params) throws Exception {
        Path page = work.resolve("page.html");
        Files.writeString(page, FlameGraphHtml.render(flamebearer), StandardCharsets.UTF_8);
        String dom = HeadlessChromium.dumpDom(page, "#selftest" + params.replace(" ", "%20"), work);
        assertEquals("", HeadlessChromium.text(dom, "errors"), "JavaScript errors");
        assertEquals("ready", HeadlessChromium.text(dom, "status"), "page status");
        String json = HeadlessChromium.text(dom, "selftest");
        assertNotNull(json, "self-test output");
        return MiniJson.object(MiniJson.parse(json));
    }

    /** Every drawn frame sits where the tree's layout puts it, children from their parent's left edge. */
    private static void assertFramesAt(Tree tree, List<Map<String, Object>> drawn, double width) {
        Map<String, double[]> expected = new HashMap<>();
        double scale = width / tree.total();
        long[] next = new long[64];
        List<String> path = new ArrayList<>();
        tree.visit((depth, name, self, total) -> {
            path.subList(depth, path.size()).clear();
            path.add(name);
            long x = next[depth];
            next[depth] += total;
            next[depth + 1] = x;
            expected.put((depth + 1) + ":" + name, new double[] {x * scale, total * scale});
        });
        expected.put("0:total", new double[] {0, width});
        for (Map<String, Object> f : drawn) {
            double[] at = expected.get(f.get("level") + ":" + f.get("name"));
            assertNotNull(at, "unexpected frame " + f);
            assertEquals(at[0], number(f.get("left")), 0.2, "left of " + f);
            assertEquals(at[1], number(f.get("width")), 0.2, "width of " + f);
        }
        assertEquals(expected.size(), drawn.size(), "frames drawn");
    }

    private static List<Map<String, Object>> frames(Map<String, Object> result, String key) {
        return MiniJson.list(result.get(key)).stream().map(MiniJson::object).toList();
    }

    private static List<Object> names(Map<String, Object> result, String key) {
        return frames(result, key).stream().map(f -> f.get("name")).toList();
    }

    private static Map<String, Object> frame(List<Map<String, Object>> frames, String name) {
        return frames.stream().filter(f -> f.get("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no frame " + name + " in " + frames));
    }

    private static int[] rgb(Map<String, Object> frame) {
        String[] parts = ((String) frame.get("color")).replaceAll("[^0-9,]", "").split(",");
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }
}
