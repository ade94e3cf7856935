package io.flamestore.cli;

import io.flamestore.Tree;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Pyroscope's ride-share example as data: {@code ride-sharing-app.cpu} served in three regions,
 * each ordering bikes, cars and scooters. Ordering a car costs the most. In us-west-1 a lock inside
 * the driver-availability check is contended every other half hour, so that region's CPU swings
 * between high and low. Values are 10 ms CPU samples per 10 s profile, with up to 10 % noise from a
 * fixed seed, so every run stores the same data.
 */
final class RideShareScenario {
    static final String APP = "ride-sharing-app.cpu";
    static final List<String> REGIONS = List.of("us-west-1", "eu-north-1", "ap-south-1");
    static final List<String> VEHICLES = List.of("car", "bike", "scooter");
    static final String SLOW_REGION = "us-west-1";
    /** Length of one high or one low period in the slow region. */
    static final long PERIOD_SECONDS = 1_800;

    private static final String ORDER = "main;net/http.(*Server).Serve;handle_request;order_";
    /** Samples per 10 s for car, bike, scooter. */
    private static final long[] FIND_VEHICLE = {120, 40, 30};
    private static final long[] CHECK_DRIVERS = {180, 50, 40};
    private static final long[] LOCK_NORMAL = {15, 5, 4};
    private static final long[] LOCK_CONTENDED = {420, 130, 100};
    private static final long PARSE_REQUEST = 25;
    private static final long GC = 20;

    private final long startEpochSeconds;
    private final SplittableRandom random = new SplittableRandom(20_261_129L);

    /** A scenario whose first half hour (a low one) starts at {@code startEpochSeconds}, a multiple of 10. */
    RideShareScenario(long startEpochSeconds) {
        this.startEpochSeconds = startEpochSeconds;
    }

    static String key(String region, String vehicle) {
        return APP + "{region=" + region + ",vehicle=" + vehicle + "}";
    }

    /** Whether the slow region's lock is contended at {@code t}: every second half hour. */
    boolean contended(long t) {
        return Math.floorDiv(t - startEpochSeconds, PERIOD_SECONDS) % 2 == 1;
    }

    /** The profiles of every series for the 10 s slot starting at {@code t}, as one upload carries them. */
    Map<String, Tree> upload(long t) {
        Map<String, Tree> trees = new LinkedHashMap<>();
        for (String region : REGIONS) {
            for (int v = 0; v < VEHICLES.size(); v++) {
                String vehicle = VEHICLES.get(v);
                boolean slow = region.equals(SLOW_REGION) && contended(t);
                Tree tree = new Tree();
                String find = ORDER + vehicle + ";find_nearest_vehicle";
                tree.insert(find, noisy(FIND_VEHICLE[v]));
                tree.insert(find + ";check_driver_availability", noisy(CHECK_DRIVERS[v]));
                tree.insert(find + ";check_driver_availability;mutex_lock", noisy((slow ? LOCK_CONTENDED : LOCK_NORMAL)[v]));
                tree.insert("main;net/http.(*Server).Serve;handle_request;parse_request", noisy(PARSE_REQUEST));
                tree.insert("main;runtime.gcBgMarkWorker", noisy(GC));
                trees.put(key(region, vehicle), tree);
            }
        }
        return trees;
    }

    private long noisy(long value) {
        return value * (90 + random.nextInt(21)) / 100;
    }
}
