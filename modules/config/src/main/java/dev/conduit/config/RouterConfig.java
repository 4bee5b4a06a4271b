package dev.conduit.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code Router} section: the route of each claude-code-router scenario, Conduit's routing
 * rules, and the fallback targets of each route. Every route may be empty.
 *
 * @param rules {@code Router.rules}, in the order they are tried
 * @param fallback {@code Router.fallback}: targets to try in order when a route's own fail, by
 *     scenario name ({@code default}, {@code think}, …) or rule name
 */
public record RouterConfig(
        Optional<Route> defaultRoute,
        Optional<Route> background,
        Optional<Route> think,
        Optional<Route> longContext,
        int longContextThreshold,
        Optional<Route> webSearch,
        Optional<Route> image,
        List<RoutingRule> rules,
        Map<String, List<RouteTarget>> fallback) {

    public static final int DEFAULT_LONG_CONTEXT_THRESHOLD = 60_000;

    public RouterConfig {
        rules = List.copyOf(rules);
        fallback = Map.copyOf(fallback);
    }

    public static RouterConfig empty() {
        return new RouterConfig(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                DEFAULT_LONG_CONTEXT_THRESHOLD, Optional.empty(), Optional.empty(), List.of(), Map.of());
    }

    /** The fallback targets of the route with this scenario or rule name, in order. */
    public List<RouteTarget> fallbackOf(String routeName) {
        return fallback.getOrDefault(routeName, List.of());
    }
}
