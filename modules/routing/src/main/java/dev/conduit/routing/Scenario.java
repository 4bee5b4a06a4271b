package dev.conduit.routing;

/** What chose a request's route, in claude-code-router's order of precedence, with rules after explicit targets. */
public enum Scenario {
    EXPLICIT("explicit"),
    RULE("rule"),
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
