package io.flamestore;

/**
 * What one function (frame name) costs across a whole tree: {@code self} sums the samples where it
 * is the leaf; {@code total} sums the samples where it is anywhere on the stack, counting a recursive
 * stack once.
 */
public record FunctionStats(String name, long self, long total) {
}
