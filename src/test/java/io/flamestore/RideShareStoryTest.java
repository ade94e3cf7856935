package io.flamestore;

import static io.flamestore.TreeAssertions.assertTreeEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user story of Pyroscope's ride-sharing example: {@code ride-sharing-app.cpu} in three regions
 * for three vehicles, 10 s profiles over six hours. Ordering a car does most of the work; in
 * us-west-1 a lock is contended every other half hour. The flame graph, label filters, per-region
 * timelines and a diff of a bad half hour against a good one must each show it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RideShareStoryTest {
    private static final String APP = "ride-sharing-app.cpu";
    private static final String[] REGIONS = {"us-west-1", "eu-north-1", "ap-south-1"};
    private static final String[] VEHICLES = {"car", "bike", "scooter"};
    /** A multiple of the half hour, so that periods and 100 s timeline points line up. */
    private static final long T0 = 1_700_001_000L;
    private static final long PERIOD = 1_800;
    private static final long END = T0 + 6 * 3_600;
    /** Samples per 10 s of each function under order_<vehicle>, for car, bike, scooter. */
    private static final Map<String, long[]> WORK = new LinkedHashMap<>();
    /** mutex_lock samples in us-west-1 during the contended half hours. */
    private static final long[] CONTENDED_LOCK = {200, 60, 50};

    static {
        WORK.put("check_driver_availability", new long[] {60, 20, 15});
        WORK.put("find_nearest_vehicle", new long[] {30, 10, 8});
        WORK.put("mutex_lock", new long[] {5, 2, 2});
    }

    private Storage storage;
    /** Total put per series key and slot start. */
    private final Map<String, Map<Long, Long>> totals = new HashMap<>();
    private final Tree everything = new Tree();
    private final Tree cars = new Tree();

    /** Whether the half hour holding {@code t} has the contended lock in us-west-1: every second one. */
    private static boolean contended(long t) {
        return (t - T0) / PERIOD % 2 == 1;
    }

    private static String key(String region, String vehicle) {
        return APP + "{region=" + region + ",vehicle=" + vehicle + "}";
    }

    @BeforeAll
    void fill(@TempDir Path dir) throws IOException {
        SplittableRandom random = new SplittableRandom(PropertyRunner.seed("RideShareStoryTest"));
        storage = Storage.open(dir);
        for (long t = T0; t < END; t += 10) {
            // One upload per 10 s carries every series, as an agent with dynamic labels sends it.
            Map<String, Tree> upload = new LinkedHashMap<>();
            for (String region : REGIONS) {
                for (int v = 0; v < VEHICLES.length; v++) {
                    Tree tree = new Tree();
                    for (Map.Entry<String, long[]> work : WORK.entrySet()) {
                        long base = work.getKey().equals("mutex_lock") && region.equals("us-west-1") && contended(t)
                                ? CONTENDED_LOCK[v] : work.getValue()[v];
                        // Up to 10 % noise either way.
                        long value = base * (90 + random.nextInt(21)) / 100;
                        tree.insert("main;handle;order_" + VEHICLES[v] + ";" + work.getKey(), value);
                    }
                    String key = key(region, VEHICLES[v]);
                    upload.put(key, tree);
                    totals.computeIfAbsent(key, k -> new HashMap<>()).put(t, tree.total());
                    everything.merge(tree);
                    if (VEHICLES[v].equals("car")) {
                        cars.merge(tree);
                    }
                }
            }
            storage.put(upload, t, t + 10);
        }
    }

    @AfterAll
    void close() throws IOException {
        if (storage != null) {
            storage.close();
        }
    }

    @Test
    void orderingACarDoesMostOfTheWork() throws IOException {
        QueryResult all = storage.get(Query.parse(APP, T0, END));
        assertTreeEquals(everything, all.tree(), "the whole six hours");
        assertEquals(9, all.stats().seriesMatched());
        Map<String, Long> underHandle = children(all.tree(), "main;handle");
        assertEquals(Set.of("order_car", "order_bike", "order_scooter"), underHandle.keySet());
        String top = underHandle.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        assertEquals("order_car", top, "largest child of main;handle: " + underHandle);
        assertTrue(underHandle.get("order_car") > underHandle.get("order_bike") + underHandle.get("order_scooter"),
                "order_car outweighs the others together: " + underHandle);
    }

    @Test
    void filteringByVehicleKeepsOnlyThatVehiclesStacks() throws IOException {
        QueryResult car = storage.get(Query.parse(APP + "{vehicle=\"car\"}", T0, END));
        assertEquals(3, car.stats().seriesMatched());
        assertTreeEquals(cars, car.tree(), "vehicle=car");
        car.tree().forEachStack((frames, self) ->
                assertEquals(List.of("main", "handle", "order_car"), frames.subList(0, 3), "stack " + frames));
        assertEquals(Set.of("order_car"), children(car.tree(), "main;handle").keySet());
        // The negative matcher keeps the rest.
        QueryResult notCar = storage.get(Query.parse(APP + "{vehicle!=\"car\"}", T0, END));
        assertEquals(Set.of("order_bike", "order_scooter"), children(notCar.tree(), "main;handle").keySet());
        assertEquals(everything.total(), car.tree().total() + notCar.tree().total());
        assertEquals(Set.of("us-west-1", "eu-north-1", "ap-south-1"),
                storage.labelValues(Query.parse(APP + "{vehicle=\"car\"}", T0, END), "region"));
        assertEquals(Set.of("bike", "scooter"),
                storage.labelValues(Query.parse(APP + "{vehicle=~\"b.*|s.*\"}", T0, END), "vehicle"));
        assertTrue(storage.labelValues(Query.parse(APP, END, END + 3_600), "region").isEmpty(), "nothing after the end");
    }

    @Test
    void carTimelineAlternatesInUsWest1Only() throws IOException {
        for (String region : REGIONS) {
            String key = key(region, "car");
            Timeline timeline = storage.get(Query.parse(APP + "{vehicle=\"car\",region=\"" + region + "\"}", T0, END)).timeline();
            assertEquals(100, timeline.stepSeconds());
            assertEquals(T0, timeline.startEpochSeconds());
            assertEquals((END - T0) / 100, timeline.size());
            long highMin = Long.MAX_VALUE;
            long highMax = 0;
            long lowMin = Long.MAX_VALUE;
            long lowMax = 0;
            for (int i = 0; i < timeline.size(); i++) {
                long t = T0 + 100L * i;
                long expected = 0;
                for (long slot = t; slot < t + 100; slot += 10) {
                    expected += totals.get(key).get(slot);
                }
                assertTrue(timeline.hasData(i));
                assertEquals(expected, timeline.value(i), region + " point at " + t);
                if (contended(t)) {
                    highMin = Math.min(highMin, timeline.value(i));
                    highMax = Math.max(highMax, timeline.value(i));
                } else {
                    lowMin = Math.min(lowMin, timeline.value(i));
                    lowMax = Math.max(lowMax, timeline.value(i));
                }
            }
            String range = region + ": contended half hours [" + highMin + ", " + highMax + "], others [" + lowMin + ", " + lowMax + "]";
            if (region.equals("us-west-1")) {
                assertTrue(highMin > 2 * lowMax, range);
            } else {
                long min = Math.min(highMin, lowMin);
                long max = Math.max(highMax, lowMax);
                assertTrue(max <= min * 13 / 10, "flat within 30 %: " + range);
            }
        }
    }

    @Test
    void lockShareIsFarLargerInAContendedHalfHour() throws IOException {
        long low = T0 + 2 * PERIOD;
        long high = T0 + 3 * PERIOD;
        Tree good = storage.get(Query.parse(APP + "{region=\"us-west-1\"}", low, low + PERIOD)).tree();
        Tree bad = storage.get(Query.parse(APP + "{region=\"us-west-1\"}", high, high + PERIOD)).tree();
        double goodShare = (double) selfOf(good, "mutex_lock") / good.total();
        double badShare = (double) selfOf(bad, "mutex_lock") / bad.total();
        assertTrue(badShare > 5 * goodShare, "mutex_lock share " + badShare + " in the contended half hour vs " + goodShare);
        // Elsewhere the same half hours look alike.
        Tree otherGood = storage.get(Query.parse(APP + "{region!=\"us-west-1\"}", low, low + PERIOD)).tree();
        Tree otherBad = storage.get(Query.parse(APP + "{region!=\"us-west-1\"}", high, high + PERIOD)).tree();
        double otherGoodShare = (double) selfOf(otherGood, "mutex_lock") / otherGood.total();
        double otherBadShare = (double) selfOf(otherBad, "mutex_lock") / otherBad.total();
        assertTrue(Math.abs(otherBadShare - otherGoodShare) < 0.2 * otherGoodShare,
                "other regions: " + otherGoodShare + " vs " + otherBadShare);
    }

    @Test
    void diffOfGoodAndBadHalfHourPointsAtTheLock() throws IOException {
        long low = T0 + 4 * PERIOD;
        long high = T0 + 5 * PERIOD;
        Tree good = storage.get(Query.parse(APP + "{region=\"us-west-1\"}", low, low + PERIOD)).tree();
        Tree bad = storage.get(Query.parse(APP + "{region=\"us-west-1\"}", high, high + PERIOD)).tree();
        TreeDiff diff = TreeDiff.of(good, bad);
        assertEquals(good.total(), diff.leftTotal());
        assertEquals(bad.total(), diff.rightTotal());
        List<String> seen = new ArrayList<>();
        List<String> path = new ArrayList<>();
        diff.visit((depth, name, leftSelf, leftTotal, rightSelf, rightTotal) -> {
            while (path.size() > depth) {
                path.remove(path.size() - 1);
            }
            path.add(name);
            String stack = String.join(";", path);
            seen.add(stack);
            assertEquals(good.total(stack), leftTotal, stack + " left");
            assertEquals(bad.total(stack), rightTotal, stack + " right");
            if (name.equals("mutex_lock")) {
                assertTrue(rightTotal > 8 * leftTotal, stack + ": " + leftTotal + " -> " + rightTotal);
            } else if (depth == 3) {
                assertTrue(Math.abs(rightTotal - leftTotal) <= leftTotal / 20, stack + " about equal: " + leftTotal + " -> " + rightTotal);
            }
        });
        assertEquals(1 + 1 + 3 + 3 * 3, seen.size(), "aligned nodes: " + seen);
        assertEquals(seen.size(), diff.nodeCount());
    }

    /** Total per child of the node at {@code stack}. */
    private static Map<String, Long> children(Tree tree, String stack) {
        int depth = stack.split(";").length;
        Map<String, Long> out = new TreeMap<>();
        List<String> path = new ArrayList<>();
        tree.visit((d, name, self, total) -> {
            while (path.size() > d) {
                path.remove(path.size() - 1);
            }
            path.add(name);
            if (d == depth && String.join(";", path.subList(0, depth)).equals(stack)) {
                out.put(name, total);
            }
        });
        return out;
    }

    private static long selfOf(Tree tree, String function) {
        return tree.functions().stream().filter(f -> f.name().equals(function)).mapToLong(FunctionStats::self).sum();
    }
}
