package dev.conduit.protocol.anthropic;

/** Extended thinking as requested: enabled with a budget, adaptive, or disabled. */
public sealed interface Thinking {

    record Enabled(int budgetTokens) implements Thinking {}

    record Adaptive() implements Thinking {}

    record Disabled() implements Thinking {}

    default boolean isOn() {
        return !(this instanceof Disabled);
    }
}
