package dev.conduit.protocol.anthropic;

/** How the model must use tools; {@code disableParallelToolUse} asks for one call at most. */
public sealed interface ToolChoice {

    boolean disableParallelToolUse();

    record Auto(boolean disableParallelToolUse) implements ToolChoice {}

    record Any(boolean disableParallelToolUse) implements ToolChoice {}

    record Named(String name, boolean disableParallelToolUse) implements ToolChoice {}

    record None() implements ToolChoice {
        public boolean disableParallelToolUse() {
            return false;
        }
    }
}
