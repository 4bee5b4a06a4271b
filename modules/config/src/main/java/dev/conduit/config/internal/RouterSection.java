package dev.conduit.config.internal;

import dev.conduit.config.Route;
import dev.conduit.config.RouteTarget;
import dev.conduit.config.RouterConfig;
import dev.conduit.config.RoutingRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reads {@code Router}: a route per claude-code-router scenario, the routing {@code rules}, and
 * the {@code fallback} targets of each route, every target checked against {@code Providers}.
 */
final class RouterSection {

    /** The scenario routes, by the keys claude-code-router gives them. */
    static final List<String> SLOTS = List.of("default", "background", "think", "longContext", "webSearch", "image");

    private final Values values;
    private final Findings findings;
    private final RouteReader routes;

    RouterSection(Values values, Findings findings, ProvidersSection.Providers providers) {
        this.values = values;
        this.findings = findings;
        this.routes = new RouteReader(values, findings, providers);
    }

    RouterConfig read(JsonNode node, JsonPath path) {
        if (Values.absent(node)) {
            return RouterConfig.empty();
        }
        if (!node.isObject()) {
            findings.error(path, "must be an object like {\"default\": \"provider,model\"}, not " + Values.kind(node));
            return RouterConfig.empty();
        }
        int threshold = (int) values.wholeNumber(node.get("longContextThreshold"), path.key("longContextThreshold"),
                        1, Integer.MAX_VALUE, "a positive number of tokens")
                .orElse(RouterConfig.DEFAULT_LONG_CONTEXT_THRESHOLD);
        Map<String, Optional<Route>> slots = new LinkedHashMap<>();
        for (String slot : SLOTS) {
            slots.put(slot, routes.route(node.get(slot), path.key(slot)));
        }
        List<RoutingRule> rules = new RulesSection(values, findings, routes).read(node.get("rules"), path.key("rules"));
        Map<String, List<RouteTarget>> fallback = fallback(node.get("fallback"), path.key("fallback"), slots, rules);
        return new RouterConfig(slots.get("default"), slots.get("background"), slots.get("think"),
                slots.get("longContext"), threshold, slots.get("webSearch"), slots.get("image"), rules, fallback);
    }

    /** {@code {"default": ["provider,model", …], "<rule name>": […]}}, claude-code-router v3's form. */
    private Map<String, List<RouteTarget>> fallback(JsonNode node, JsonPath path, Map<String, Optional<Route>> slots,
            List<RoutingRule> rules) {
        Map<String, List<RouteTarget>> fallback = new LinkedHashMap<>();
        if (Values.absent(node)) {
            return fallback;
        }
        if (!node.isObject()) {
            findings.error(path, "must be an object like {\"default\": [\"provider,model\", …]}, not " + Values.kind(node));
            return fallback;
        }
        List<String> ruleNames = rules.stream().map(RoutingRule::name).toList();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String name = entry.getKey();
            JsonPath at = path.key(name);
            if (!slots.containsKey(name) && !ruleNames.contains(name)) {
                findings.error(at, "is neither a route (" + String.join(", ", SLOTS) + ") nor the name of a rule"
                        + (ruleNames.isEmpty() ? "" : " (" + String.join(", ", ruleNames) + ")"));
                continue;
            }
            fallback.put(name, targets(entry.getValue(), at));
            if (slots.containsKey(name) && slots.get(name).isEmpty()) {
                findings.warning(at, "Router." + name + " is not set, so these fallbacks are never used");
            }
        }
        return fallback;
    }

    private List<RouteTarget> targets(JsonNode node, JsonPath path) {
        List<RouteTarget> targets = new ArrayList<>();
        if (!node.isArray()) {
            findings.error(path, "must be an array of \"provider,model\" targets, tried in order, not " + Values.kind(node));
            return targets;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode entry = node.get(i);
            if (!entry.isString() || entry.stringValue().isBlank()) {
                findings.error(path.index(i), "must be \"provider,model\", not " + values.described(entry, path.index(i)));
                continue;
            }
            routes.target(entry, path.index(i)).ifPresent(targets::add);
        }
        return targets;
    }
}
