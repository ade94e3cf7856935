package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Trees exported as pprof read back equal: every shared folded profile, generated trees, the empty tree. */
class PprofRoundTripTest {
    private static final PprofProfile.ValueType CPU = new PprofProfile.ValueType("cpu", "nanoseconds");

    @Test
    void realProfilesComeBackEqual() throws IOException {
        for (Path file : TestData.foldedFiles()) {
            assertRoundTrip(TestData.parseGzipped(file), file.getFileName().toString());
        }
    }

    @Test
    void generatedTreesComeBackEqual() {
        PropertyRunner.forAll("pprof export round trip", 300,
                random -> assertRoundTrip(Generators.tree(Generators.samples(random, 40), random), "generated tree"));
    }

    @Test
    void emptyTreeComesBackEmpty() throws IOException {
        assertRoundTrip(new Tree(), "empty tree");
    }

    private static void assertRoundTrip(Tree tree, String what) throws IOException {
        byte[] exported = PprofProfile.export(tree, CPU);
        PprofProfile back = PprofProfile.read(exported);
        assertEquals(List.of(CPU), back.sampleTypes(), what);
        TreeAssertions.assertTreeEquals(tree, back.tree(0), what);
    }
}
