package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Merge is a commutative, associative sum that equals building from the concatenated samples. */
class MergePropertyTest {

    @Test
    void mergeIsCommutativeAndEqualsConcatenation() {
        PropertyRunner.forAll("merge commutative", 400, random -> {
            List<Generators.Sample> a = Generators.samples(random, 40);
            List<Generators.Sample> b = Generators.samples(random, 40);
            Tree ta = Generators.tree(a, random);
            Tree tb = Generators.tree(b, random);

            Tree ab = ta.copy().merge(tb);
            Tree ba = tb.copy().merge(ta);
            assertEquals(ab, ba, "a+b vs b+a");
            assertEquals(ab.hashCode(), ba.hashCode(), "hashCode of a+b vs b+a");

            Tree concatenated = Generators.tree(Generators.concat(a, b), random);
            assertEquals(concatenated, ab, "a+b vs tree of a++b");
            assertEquals(concatenated.hashCode(), ab.hashCode(), "hashCode vs tree of a++b");
            assertEquals(StackModel.of(Generators.concat(a, b)).stacks(), StackModel.parseLines(ab.toFolded()));

            // copy() and merge() leave their argument and the original alone
            assertEquals(Generators.tree(a), ta, "a changed by copy/merge");
            assertEquals(Generators.tree(b), tb, "b changed by being merged");
        });
    }

    @Test
    void mergeIsAssociative() {
        PropertyRunner.forAll("merge associative", 300, random -> {
            Tree a = Generators.tree(Generators.samples(random, 30), random);
            Tree b = Generators.tree(Generators.samples(random, 30), random);
            Tree c = Generators.tree(Generators.samples(random, 30), random);
            Tree left = a.copy().merge(b).merge(c);
            Tree right = a.copy().merge(b.copy().merge(c));
            assertEquals(left, right, "(a+b)+c vs a+(b+c)");
            assertEquals(left.hashCode(), right.hashCode(), "hashCode");
            assertEquals(a.total() + b.total() + c.total(), left.total(), "total");
        });
    }

    @Test
    void mergeWithItselfDoublesEveryValue() {
        PropertyRunner.forAll("merge with itself", 200, random -> {
            List<Generators.Sample> a = Generators.samples(random, 40);
            Tree tree = Generators.tree(a, random);
            Tree doubled = Generators.tree(Generators.concat(a, a), random);
            assertEquals(doubled, tree.merge(tree));
        });
    }

    @Test
    void equalityFollowsTheModel() {
        PropertyRunner.forAll("equals iff same stacks", 400, random -> {
            List<Generators.Sample> a = Generators.samples(random, 6);
            List<Generators.Sample> b = random.nextInt(3) == 0 ? a : Generators.samples(random, 6);
            boolean sameModel = StackModel.of(a).stacks().equals(StackModel.of(b).stacks());
            Tree ta = Generators.tree(a, random);
            Tree tb = Generators.tree(b, random);
            assertEquals(sameModel, ta.equals(tb), () -> "equals for " + a + " and " + b);
            assertEquals(sameModel, tb.equals(ta), "equals is symmetric");
            if (sameModel) {
                assertEquals(ta.hashCode(), tb.hashCode(), "hashCode");
            }
            // one more sample on one side always makes them differ
            Tree more = ta.copy();
            more.insert(Generators.frames(random), 1 + random.nextInt(5));
            assertNotEquals(ta, more);
        });
    }

    @Test
    void equalitySeesSelfValuesNotOnlyShapeAndTotal() {
        PropertyRunner.forAll("equals sees self values", 300, random -> {
            List<Generators.Sample> samples = Generators.samples(random, 30);
            Tree tree = Generators.tree(samples, random);
            // move one sample from a stack with at least two to one of its proper prefixes: same nodes,
            // same total, different self values
            for (Map.Entry<String, Long> e : StackModel.of(samples).stacks().entrySet()) {
                String[] frames = e.getKey().split(";");
                if (e.getValue() >= 2 && frames.length > 1) {
                    String parent = String.join(";", Arrays.copyOf(frames, 1 + random.nextInt(frames.length - 1)));
                    Tree moved = new Tree();
                    tree.forEachStack((stackFrames, self) -> {
                        String stack = String.join(";", stackFrames);
                        moved.insert(stackFrames, stack.equals(e.getKey()) ? self - 1 : self);
                    });
                    moved.insert(parent, 1);
                    assertEquals(tree.nodeCount(), moved.nodeCount(), "same shape");
                    assertEquals(tree.total(), moved.total(), "same total");
                    assertNotEquals(tree, moved, "moved 1 from " + e.getKey() + " to " + parent);
                    assertNotEquals(moved, tree, "moved 1 from " + e.getKey() + " to " + parent);
                    return;
                }
            }
        });
    }

    @Test
    void sameShapeAndTotalWithDifferentSelfValuesAreNotEqual() throws Exception {
        assertNotEquals(Tree.parseFolded("a 2\na;b 1"), Tree.parseFolded("a 1\na;b 2"));
        assertEquals(Tree.parseFolded("a 2\na;b 1"), Tree.parseFolded("a;b 1\na 1\na 1"));
    }
}
