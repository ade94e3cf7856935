package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keys as agents send them, the canonical form and the documented decisions. */
class AppKeyTest {
    @Test
    void rideSharingKey() {
        AppKey key = AppKey.parse("ride-sharing-app.cpu{region=us-west-1,vehicle=car}");
        assertEquals("ride-sharing-app.cpu", key.name());
        assertEquals(Map.of("region", "us-west-1", "vehicle", "car"), key.labels());
        assertEquals("car", key.label("vehicle"));
        assertNull(key.label("host"));
        assertEquals("ride-sharing-app.cpu{region=us-west-1,vehicle=car}", key.toString());
    }

    @Test
    void javaAgentKeyWithSpacesSlashesAndPlus() {
        AppKey key = AppKey.parse("demo.app{process.runtime.name=OpenJDK Runtime Environment,"
                + "otel.scope.name=com.grafana.pyroscope/java,process.runtime.version=17.0.15+6-Debian-1deb12u1}");
        assertEquals("OpenJDK Runtime Environment", key.label("process.runtime.name"));
        assertEquals("com.grafana.pyroscope/java", key.label("otel.scope.name"));
        assertEquals("17.0.15+6-Debian-1deb12u1", key.label("process.runtime.version"));
        // Such values need no quotes in the canonical form either.
        assertEquals("demo.app{otel.scope.name=com.grafana.pyroscope/java,"
                + "process.runtime.name=OpenJDK Runtime Environment,process.runtime.version=17.0.15+6-Debian-1deb12u1}",
                key.toString());
    }

    @Test
    void labelOrderAndSpacingDoNotMatter() {
        AppKey a = AppKey.parse("app.cpu{b=2,a=1}");
        AppKey b = AppKey.parse("  app.cpu { a = 1 , b = \"2\" , }  ");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals("app.cpu{a=1,b=2}", b.toString());
    }

    @Test
    void noLabels() {
        assertEquals("app", AppKey.parse("app{}").toString());
        assertEquals(AppKey.parse("app"), AppKey.parse(" app { } "));
        assertTrue(AppKey.parse("app").labels().isEmpty());
    }

    @Test
    void emptyValueMeansAbsent() {
        assertEquals(AppKey.parse("app{a=1}"), AppKey.parse("app{a=1,b=}"));
        assertEquals(AppKey.parse("app{a=1}"), AppKey.parse("app{a=1,b=\"\",c=  }"));
        Map<String, String> labels = new HashMap<>();
        labels.put("a", "1");
        labels.put("b", "");
        assertEquals(Map.of("a", "1"), AppKey.of("app", labels).labels());
    }

    @Test
    void severalBraceGroupsAreOneLabelSet() {
        assertEquals(AppKey.parse("app{a=1,b=2}"), AppKey.parse("app{a=1}{b=2}"));
        assertEquals(AppKey.parse("app{a=1,b=2}"), AppKey.parse("app{a=1} {} {b=2}"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AppKey.parse("app{a=1}{a=2}"));
        assertTrue(e.getMessage().contains("at position 9: label a appears twice"), e.getMessage());
    }

    @Test
    void quotedValuesAndEscapes() {
        AppKey key = AppKey.parse("app{q=\"a\\\"b\\\\c\\nd\\te\\rf\\u00fc\",bare=C:\\dir\\x}");
        assertEquals("a\"b\\c\nd\te\rfü", key.label("q"));
        assertEquals("C:\\dir\\x", key.label("bare")); // no escapes in bare values
        assertEquals("app{bare=\"C:\\\\dir\\\\x\",q=\"a\\\"b\\\\c\\nd\\te\\rfü\"}", key.toString());
        assertEquals("app{k=\" padded \"}", AppKey.of("app", Map.of("k", " padded ")).toString());
        assertEquals("app{k=\"a,b\"}", AppKey.of("app", Map.of("k", "a,b")).toString());
        assertEquals("app{k=\"\\u0000\\u2028\"}", AppKey.of("app", Map.of("k", "\u0000\u2028")).toString());
        assertEquals("x\"y", AppKey.parse("app{k=x\"y}").label("k")); // a quote inside a bare value is text
    }

    @Test
    void ofValidatesNames() {
        assertEquals(AppKey.parse("a.b-c_1{x.y_z=1}"), AppKey.of("a.b-c_1", Map.of("x.y_z", "1")));
        assertThrows(IllegalArgumentException.class, () -> AppKey.of("", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> AppKey.of("a b", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> AppKey.of("app", Map.of("a-b", "1")));
        assertThrows(IllegalArgumentException.class, () -> AppKey.of("app", Map.of("", "1")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AppKey.of("app", Map.of(AppKey.RESERVED_LABEL, "x")));
        assertTrue(e.getMessage().contains("__name__"), e.getMessage());
    }

    @Test
    void labelsAreUnmodifiableAndSorted() {
        AppKey key = AppKey.parse("app{z=1,a=2,m=3}");
        assertEquals("[a, m, z]", key.labels().keySet().toString());
        assertThrows(UnsupportedOperationException.class, () -> key.labels().put("b", "4"));
    }

    @Test
    void equalityIsNameAndLabels() {
        assertNotEquals(AppKey.parse("app{a=1}"), AppKey.parse("app{a=2}"));
        assertNotEquals(AppKey.parse("app{a=1}"), AppKey.parse("app2{a=1}"));
        assertNotEquals(AppKey.parse("app{a=1}"), AppKey.parse("app"));
    }
}
