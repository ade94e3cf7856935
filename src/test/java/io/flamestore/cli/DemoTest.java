package io.flamestore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's main command: the demo's investigation must find what the ride-share story hides. */
class DemoTest {
    @Test
    void theInvestigationFindsOrderCarUsWest1AndTheContendedLock(@TempDir Path out) throws IOException {
        String testdata = System.getProperty("flamestore.testdata");
        Assumptions.assumeTrue(testdata != null && Files.isDirectory(Path.of(testdata)), "no test data");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(List.of("demo", "--testdata", testdata, "--out", out.toString()),
                new PrintStream(bytes, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));

        double car = share(printed, "order_car\\s+([0-9.]+)% of all CPU");
        assertTrue(car > share(printed, "order_bike\\s+([0-9.]+)% of all CPU")
                && car > share(printed, "order_scooter\\s+([0-9.]+)% of all CPU"), printed);
        assertTrue(printed.contains("-> us-west-1 swings most"), printed);
        Matcher lock = Pattern.compile("samples, mutex_lock ([0-9.]+)% of them").matcher(printed);
        assertTrue(lock.find(), printed);
        double low = Double.parseDouble(lock.group(1));
        assertTrue(lock.find(), printed);
        double high = Double.parseDouble(lock.group(1));
        assertTrue(high > 5 * low, "mutex_lock's share in the high half hour " + high + "% vs low " + low + "%");
        for (String page : List.of("ride-share-day.html", "ride-share-cars.html", "ride-share-diff.html", "kafka-hour.html")) {
            String html = Files.readString(out.resolve(page));
            assertTrue(html.contains("\"flamebearer\"") && html.contains("</html>"), page);
        }
    }

    private static double share(String printed, String regex) {
        Matcher m = Pattern.compile(regex).matcher(printed);
        assertTrue(m.find(), regex + " in\n" + printed);
        return Double.parseDouble(m.group(1));
    }
}
