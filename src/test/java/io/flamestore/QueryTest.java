package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Selectors and queries on the ride-sharing example, canonical text and time checks. */
class QueryTest {
    private static final List<AppKey> SERIES = List.of(
            AppKey.parse("ride-sharing-app.cpu{region=us-west-1,vehicle=car}"),
            AppKey.parse("ride-sharing-app.cpu{region=us-west-1,vehicle=bike}"),
            AppKey.parse("ride-sharing-app.cpu{region=eu-north-1,vehicle=car}"),
            AppKey.parse("ride-sharing-app.cpu{region=eu-north-1,vehicle=scooter}"),
            AppKey.parse("ride-sharing-app.cpu{region=ap-south-1}"),
            AppKey.parse("ride-sharing-app.cpu"),
            AppKey.parse("ride-sharing-app.alloc_space{region=us-west-1,vehicle=car}"));

    private static String selected(String selector) {
        Query query = Query.parse(selector, 1_700_000_000L, 1_700_003_600L);
        return SERIES.stream().filter(query::matches).map(AppKey::toString).collect(Collectors.joining(" "));
    }

    @Test
    void rideSharingSelectors() {
        assertEquals("ride-sharing-app.cpu{region=us-west-1,vehicle=car} ride-sharing-app.cpu{region=eu-north-1,vehicle=car}",
                selected("ride-sharing-app.cpu{vehicle=\"car\"}"));
        assertEquals("ride-sharing-app.cpu{region=us-west-1,vehicle=car} ride-sharing-app.cpu{region=us-west-1,vehicle=bike}",
                selected("ride-sharing-app.cpu{region=\"us-west-1\", vehicle=~\"car|bike\"}"));
        // Series without a vehicle label are kept by a negative matcher.
        assertEquals("ride-sharing-app.cpu{region=us-west-1,vehicle=car} ride-sharing-app.cpu{region=eu-north-1,vehicle=car}"
                + " ride-sharing-app.cpu{region=eu-north-1,vehicle=scooter} ride-sharing-app.cpu{region=ap-south-1}"
                + " ride-sharing-app.cpu",
                selected("ride-sharing-app.cpu{vehicle!=\"bike\"}"));
        assertEquals("ride-sharing-app.cpu{region=us-west-1,vehicle=car} ride-sharing-app.cpu{region=us-west-1,vehicle=bike}"
                + " ride-sharing-app.cpu{region=ap-south-1} ride-sharing-app.cpu",
                selected("ride-sharing-app.cpu{region!~\"eu-.*\"}"));
        assertEquals(6, selected("ride-sharing-app.cpu").split(" ").length);
        assertEquals(selected("ride-sharing-app.cpu"), selected(" ride-sharing-app.cpu { } "));
        assertEquals("ride-sharing-app.cpu", selected("ride-sharing-app.cpu{vehicle=\"\", region=\"\"}"));
    }

    @Test
    void canonicalText() {
        Query q = Query.parse(" app.cpu { vehicle != \"bike\" , region =~ \"us-.*\" , region=\"us-west-1\", } ", 10, 20);
        assertEquals("app.cpu{region=\"us-west-1\",region=~\"us-.*\",vehicle!=\"bike\"}", q.toString());
        assertEquals("app.cpu", q.appName());
        assertEquals(3, q.matchers().size());
        assertEquals(10, q.fromEpochSeconds());
        assertEquals(20, q.untilEpochSeconds());
        assertEquals(q, Query.parse(q.toString(), 10, 20));
        assertEquals(Query.parse("app{a=\"1\",b=\"2\"}", 0, 0), Query.parse("app{b=\"2\",a=\"1\",a=\"1\"}", 0, 0));
        assertEquals("app", Query.parse("app{}", 0, 0).toString());
        assertEquals("app{k=\"a\\\"b\\\\c\\n\"}", Selector.parse("app{k=\"a\\\"b\\\\c\\u000a\"}").toString());
    }

    @Test
    void selectorAloneForLabelDiscovery() {
        Selector s = Selector.parse("ride-sharing-app.cpu{vehicle=~\"car|bike\"}");
        assertEquals(3, SERIES.stream().filter(s::matches).count());
        assertEquals(s, Query.of(s, 0, 1).selector());
        assertEquals(s, Selector.of("ride-sharing-app.cpu", List.of(LabelMatcher.of("vehicle", LabelMatcher.Op.RE, "car|bike"))));
        assertThrows(IllegalArgumentException.class, () -> Selector.of("bad name", List.of()));
    }

    @Test
    void timeRange() {
        assertEquals(0, Query.parse("app", 0, 0).fromEpochSeconds());
        assertEquals(Query.MAX_EPOCH_SECONDS, Query.parse("app", 5, Query.MAX_EPOCH_SECONDS).untilEpochSeconds());
        badRange(-1, 10, "times must not be negative");
        badRange(10, -1, "times must not be negative");
        badRange(20, 10, "from must not be after until");
        badRange(0, Query.MAX_EPOCH_SECONDS + 1, "must not exceed 10000000000");
        badRange(1_700_000_000_000L, 1_700_000_360_000L, "seconds, not milliseconds");
    }

    private static void badRange(long from, long until, String problem) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Query.parse("app", from, until));
        assertTrue(e.getMessage().contains("from=" + from + " until=" + until) && e.getMessage().contains(problem),
                e.getMessage());
    }
}
