package io.flamestore;

import io.pyroscope.labels.v2.LabelsSet;
import io.pyroscope.labels.v2.Pyroscope.LabelsWrapper;

/**
 * Pyroscope's ride-share example, run by {@link AgentEndToEndTest} under the real Java agent: worker
 * threads take orders for a bike, a scooter and a car in turn, each order inside the agent's
 * {@code LabelsWrapper} with its {@code vehicle} label. An order burns CPU in proportion to its
 * vehicle (bike 1, scooter 2, car 6), so the car must dominate the profile. Takes the run time in
 * seconds; prints {@code done} when its workers have stopped.
 */
final class RideShareApp {
    /** Work of one unit: a few milliseconds of arithmetic. */
    private static final int UNIT = 200_000;
    private static volatile long sink; // keeps the JIT from dropping the work

    private RideShareApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        long end = System.nanoTime() + Long.parseLong(args[0]) * 1_000_000_000L;
        Thread[] workers = new Thread[2];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Thread(() -> {
                while (System.nanoTime() < end) {
                    LabelsWrapper.run(new LabelsSet("vehicle", "bike"), RideShareApp::order_bike);
                    LabelsWrapper.run(new LabelsSet("vehicle", "scooter"), RideShareApp::order_scooter);
                    LabelsWrapper.run(new LabelsSet("vehicle", "car"), RideShareApp::order_car);
                }
            }, "rider-" + i);
            workers[i].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        System.out.println("done");
    }

    static void order_bike() {
        burn(1);
    }

    static void order_scooter() {
        burn(2);
    }

    static void order_car() {
        burn(6);
    }

    private static void burn(int units) {
        long x = sink;
        for (int i = 0; i < units * UNIT; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        sink = x;
    }
}
