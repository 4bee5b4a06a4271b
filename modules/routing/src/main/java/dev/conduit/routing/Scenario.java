package dev.conduit.routing;

/** claude-code-router's routing scenarios, in its order of precedence. */
public enum Scenario {
    EXPLICIT("explicit"),
    LONG_CONTEXT("longContext"),
    SUBAGENT("subagent"),
    BACKGROUND("background"),
    WEB_SEARCH("webSearch"),
    THINK("think"),
    IMAGE("image"),
    DEFAULT("default");

    private final String label;

    Scenario(String label) {
        this.label = label;
    }

    /** The name used in logs, metrics labels and config ({@code Router.<label>}). */
    public String label() {
        return label;
    }
}
