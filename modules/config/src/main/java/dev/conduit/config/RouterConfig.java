package dev.conduit.config;

import java.util.Optional;

/**
 * The {@code Router} section: which target serves each claude-code-router scenario. Every slot
 * but {@code longContextThreshold} may be empty.
 */
public record RouterConfig(
        Optional<RouteTarget> defaultTarget,
        Optional<RouteTarget> background,
        Optional<RouteTarget> think,
        Optional<RouteTarget> longContext,
        int longContextThreshold,
        Optional<RouteTarget> webSearch,
        Optional<RouteTarget> image) {

    public static final int DEFAULT_LONG_CONTEXT_THRESHOLD = 60_000;

    public static RouterConfig empty() {
        return new RouterConfig(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                DEFAULT_LONG_CONTEXT_THRESHOLD, Optional.empty(), Optional.empty());
    }
}
