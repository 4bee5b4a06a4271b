package dev.conduit.config.internal;

import dev.conduit.config.ProviderConfig;
import dev.conduit.config.Route;
import dev.conduit.config.RouteTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads routes: a {@code "provider,model"} string checked against {@code Providers}, or a balanced
 * route {@code {"targets": [...], "strategy": "weighted"|"least-latency", "weights": [...]}}. A
 * model the provider does not list is only a warning, because the list is informational in
 * claude-code-router and providers add models all the time.
 */
final class RouteReader {

    private static final Set<String> BALANCED_KEYS = Set.of("targets", "strategy", "weights");

    private final Values values;
    private final Findings findings;
    private final ProvidersSection.Providers providers;

    RouteReader(Values values, Findings findings, ProvidersSection.Providers providers) {
        this.values = values;
        this.findings = findings;
        this.providers = providers;
    }

    /** A route as a slot or a rule's target may be written; empty when absent, empty or wrong. */
    Optional<Route> route(JsonNode node, JsonPath path) {
        if (node != null && node.isObject()) {
            return balanced(node, path);
        }
        if (node != null && !Values.absent(node) && !node.isString()) {
            findings.error(path, "must be \"provider,model\" or {\"targets\": [\"provider,model\", …]}, not "
                    + Values.kind(node));
            return Optional.empty();
        }
        return target(node, path).map(Route.Single::new);
    }

    /** A {@code "provider,model"} string, with the provider's name as configured. */
    Optional<RouteTarget> target(JsonNode node, JsonPath path) {
        Optional<String> text = values.text(node, path);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<RouteTarget> target = RouteTarget.parse(text.get());
        if (target.isEmpty()) {
            findings.error(path, values.quote(path, text.get()) + " is not a route; write \"provider,model\"");
            return Optional.empty();
        }
        int known = indexOfName(target.get().provider());
        if (known < 0) {
            findings.error(path, part(path, "provider", target.get().provider()) + " is not in Providers ("
                    + knownNames() + ")");
            return Optional.empty();
        }
        String name = providers.names().get(known);
        warnIfModelUnlisted(path, name, providers.shownNames().get(known), target.get().model());
        return Optional.of(new RouteTarget(name, target.get().model()));
    }

    private Optional<Route> balanced(JsonNode node, JsonPath path) {
        int errorsBefore = findings.errorCount();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!BALANCED_KEYS.contains(entry.getKey())) {
                findings.error(path.key(entry.getKey()), "unknown key; a balanced route has targets, strategy"
                        + " and weights");
            }
        }
        List<RouteTarget> targets = targets(node.get("targets"), path);
        Route.Strategy strategy = values.text(node.get("strategy"), path.key("strategy"))
                .map(text -> Route.Strategy.of(text).orElseGet(() -> {
                    findings.error(path.key("strategy"), values.quote(path.key("strategy"), text)
                            + " is not a strategy; use \"weighted\" or \"least-latency\"");
                    return Route.Strategy.WEIGHTED;
                }))
                .orElse(Route.Strategy.WEIGHTED);
        JsonNode written = node.get("targets");
        List<Integer> weights = weights(node.get("weights"), path.key("weights"), strategy,
                written != null && written.isArray() ? written.size() : 0);
        if (findings.errorCount() > errorsBefore || targets.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Route.Balanced(targets, strategy, weights));
    }

    private List<RouteTarget> targets(JsonNode node, JsonPath routePath) {
        JsonPath path = routePath.key("targets");
        List<RouteTarget> targets = new ArrayList<>();
        if (Values.absent(node)) {
            findings.error(routePath, "a balanced route needs \"targets\": [\"provider,model\", …]");
            return targets;
        }
        if (!node.isArray() || node.isEmpty()) {
            findings.error(path, "must be a non-empty array of \"provider,model\" routes, not "
                    + (node.isArray() ? "an empty array" : Values.kind(node)));
            return targets;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonPath at = path.index(i);
            if (!node.get(i).isString()) {
                findings.error(at, "must be \"provider,model\", not " + Values.kind(node.get(i)));
                continue;
            }
            Optional<RouteTarget> target = target(node.get(i), at);
            if (target.isPresent() && targets.contains(target.get())) {
                findings.error(at, "\"" + target.get() + "\" is already a target of this route");
            } else if (target.isPresent()) {
                targets.add(target.get());
            } else if (values.text(node.get(i), at).isEmpty()) {
                findings.error(at, "must be \"provider,model\", not an empty string");
            }
        }
        return targets;
    }

    private List<Integer> weights(JsonNode node, JsonPath path, Route.Strategy strategy, int targets) {
        List<Integer> weights = new ArrayList<>();
        if (Values.absent(node)) {
            if (strategy == Route.Strategy.WEIGHTED) {
                for (int i = 0; i < targets; i++) {
                    weights.add(1);
                }
            }
            return weights;
        }
        if (strategy != Route.Strategy.WEIGHTED) {
            findings.error(path, "weights apply to the \"weighted\" strategy only");
            return weights;
        }
        if (!node.isArray()) {
            findings.error(path, "must be an array of positive whole numbers, one per target, not " + Values.kind(node));
            return weights;
        }
        for (int i = 0; i < node.size(); i++) {
            OptionalLong weight = values.wholeNumber(node.get(i), path.index(i), 1, 1_000_000, "a positive whole number");
            weight.ifPresent(value -> weights.add((int) value));
        }
        if (node.size() != targets && targets > 0) {
            findings.error(path, "has " + node.size() + (node.size() == 1 ? " weight" : " weights") + " for " + targets
                    + (targets == 1 ? " target" : " targets") + "; give one per target");
        }
        return weights;
    }

    private int indexOfName(String provider) {
        for (int i = 0; i < providers.names().size(); i++) {
            if (providers.names().get(i).equalsIgnoreCase(provider)) {
                return i;
            }
        }
        return -1;
    }

    private void warnIfModelUnlisted(JsonPath path, String provider, String shownProvider, String model) {
        Optional<List<String>> models = providers.valid().stream()
                .filter(candidate -> candidate.name().equals(provider))
                .map(ProviderConfig::models)
                .findFirst();
        if (models.isPresent() && !models.get().isEmpty() && !models.get().contains(model)) {
            findings.warning(path, part(path, "model", model) + " is not in the models of provider \""
                    + shownProvider + "\"; it is used anyway");
        }
    }

    /** {@code provider "foo"}, or {@code the provider in "$ROUTE"} when the route came from a variable. */
    private String part(JsonPath path, String role, String value) {
        return values.fromEnvironment(path)
                ? "the " + role + " in " + values.quote(path, value)
                : role + " \"" + value + "\"";
    }

    private String knownNames() {
        return providers.names().isEmpty()
                ? "there are no providers"
                : "known: " + String.join(", ", providers.shownNames());
    }
}
