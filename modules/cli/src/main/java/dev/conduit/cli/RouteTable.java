package dev.conduit.cli;

import dev.conduit.config.ConduitConfig;
import dev.conduit.config.ConfigSource;
import dev.conduit.config.ProviderConfig;
import dev.conduit.config.Route;
import dev.conduit.config.RouteTarget;
import dev.conduit.config.RouterConfig;
import dev.conduit.config.RoutingRule;
import dev.conduit.config.RuleCondition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code conduit model}'s listing: every route slot, rule and fallback chain of a config, each
 * target with its provider's health and its breaker when a worker answers, as text or JSON.
 */
final class RouteTable {

    /** The route slots of {@code Router}, in the order claude-code-router users know them. */
    static final List<String> SLOTS = List.of("default", "background", "think", "longContext", "webSearch", "image");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ConduitConfig config;
    private final LiveRouting live;

    RouteTable(ConduitConfig config, LiveRouting live) {
        this.config = config;
        this.live = live;
    }

    static Optional<Route> slot(RouterConfig router, String slot) {
        return switch (slot) {
            case "default" -> router.defaultRoute();
            case "background" -> router.background();
            case "think" -> router.think();
            case "longContext" -> router.longContext();
            case "webSearch" -> router.webSearch();
            case "image" -> router.image();
            default -> throw new IllegalArgumentException("not a route slot: " + slot);
        };
    }

    /** A target's health in a few words: its provider's status and its breaker, or why they are not known. */
    private String health(RouteTarget target) {
        return switch (live) {
            case LiveRouting.NotRunning ignored -> "not running";
            case LiveRouting.Unreachable ignored -> "unknown";
            case LiveRouting.Live worker -> worker.provider(target.provider()).map(p -> p.status().label())
                    .orElse("unknown") + ", breaker " + breaker(worker, target);
        };
    }

    private static String breaker(LiveRouting.Live worker, RouteTarget target) {
        return worker.target(target.toString()).map(counters -> counters.substring("breaker ".length()))
                .map(counters -> counters.split(",", 2)[0].toLowerCase(Locale.ROOT).replace('_', '-'))
                .orElse("not used yet");
    }

    String text() {
        StringBuilder out = new StringBuilder();
        out.append("Config: ").append(config.source())
                .append(config.source() instanceof ConfigSource.Environment ? " (conduit init writes a config file)" : "")
                .append('\n');
        out.append(switch (live) {
            case LiveRouting.NotRunning ignored -> "Conduit is not running: health shows once it runs (conduit start)\n";
            case LiveRouting.Unreachable worker -> "Worker pid " + worker.pid() + " does not answer over JMX ("
                    + worker.why() + "): health unknown\n";
            case LiveRouting.Live worker -> "Worker pid " + worker.worker().pid() + " serves on "
                    + worker.worker().host() + ":" + worker.worker().port() + "; health from it, live"
                    + (worker.configSource().equals(config.source().toString()) ? ""
                            : "\n  note: it serves " + worker.configSource() + ", not this file") + "\n";
        });
        RouterConfig router = config.router();
        out.append("\nRoutes\n");
        for (String slot : SLOTS) {
            String row = slot(router, slot).map(it -> line("  ", slot, it))
                    .orElse("  %-14s-  (%s)\n".formatted(slot, slot.equals("default")
                            ? "not set: requests no other route takes fail" : "not set: default takes these"));
            if (slot.equals("longContext")) {
                int firstLineEnd = row.indexOf('\n');
                row = row.substring(0, firstLineEnd) + "  (over " + router.longContextThreshold() + " tokens)"
                        + row.substring(firstLineEnd);
            }
            out.append(row);
        }
        out.append("\nRules").append(router.rules().isEmpty() ? ": none\n" : " (tried before the routes, in order)\n");
        for (RoutingRule rule : router.rules()) {
            out.append("  ").append(rule.name()).append(": ").append(conditions(rule)).append('\n');
            out.append(line("    ", "→", rule.target()));
        }
        out.append("\nFallback chains").append(router.fallback().isEmpty() ? ": none\n" : "\n");
        for (Map.Entry<String, List<RouteTarget>> chain : sortedFallback(router).entrySet()) {
            out.append("  ").append(chain.getKey()).append(" then\n");
            chain.getValue().forEach(target -> out.append("    %-40s %s\n".formatted(target, health(target))));
        }
        out.append("\nProviders").append(config.providers().isEmpty() ? ": none\n" : "\n");
        for (ProviderConfig provider : config.providers()) {
            out.append("  %-14s%-11s%s\n".formatted(provider.name(), providerHealth(provider).status(),
                    String.join(", ", provider.models())));
        }
        return out.toString();
    }

    private String line(String indent, String label, Route route) {
        return switch (route) {
            case Route.Single(RouteTarget target) -> indent + "%-14s%-40s %s\n".formatted(label, target, health(target));
            case Route.Balanced balanced -> balancedLines(indent, label, balanced);
        };
    }

    /** The strategy on the label's line, then each target on its own line with its weight and health. */
    private String balancedLines(String indent, String label, Route.Balanced balanced) {
        StringBuilder text = new StringBuilder(indent + "%-14s%s\n".formatted(label, balanced.strategy().label()));
        for (int i = 0; i < balanced.targets().size(); i++) {
            RouteTarget target = balanced.targets().get(i);
            String weight = balanced.strategy() == Route.Strategy.WEIGHTED ? " ×" + balanced.weights().get(i) : "";
            text.append(indent).append("  %-12s%-40s %s\n".formatted("", target + weight, health(target)));
        }
        return text.toString();
    }

    private static String conditions(RoutingRule rule) {
        return rule.conditions().isEmpty() ? "always"
                : rule.conditions().stream().map(RuleCondition::describe).collect(Collectors.joining(", "));
    }

    /** The chains of the slots first, in slot order, then those of rules. */
    private static Map<String, List<RouteTarget>> sortedFallback(RouterConfig router) {
        Map<String, List<RouteTarget>> sorted = new LinkedHashMap<>();
        SLOTS.stream().filter(router.fallback()::containsKey).forEach(slot -> sorted.put(slot, router.fallbackOf(slot)));
        router.rules().stream().map(RoutingRule::name).filter(router.fallback()::containsKey)
                .forEach(rule -> sorted.put(rule, router.fallbackOf(rule)));
        return sorted;
    }

    private record ProviderHealth(String status, String reason) {}

    private ProviderHealth providerHealth(ProviderConfig provider) {
        return switch (live) {
            case LiveRouting.NotRunning ignored -> new ProviderHealth("-", "not running");
            case LiveRouting.Unreachable worker -> new ProviderHealth("unknown", "the worker does not answer over JMX");
            case LiveRouting.Live worker -> worker.provider(provider.name())
                    .map(snapshot -> new ProviderHealth(snapshot.status().label(), snapshot.reason()))
                    .orElse(new ProviderHealth("unknown", "the worker reports nothing for it"));
        };
    }

    String json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("config", config.source().toString());
        ObjectNode worker = root.putObject("worker");
        switch (live) {
            case LiveRouting.NotRunning ignored -> worker.put("running", false);
            case LiveRouting.Unreachable unreachable -> worker.put("running", true).put("pid", unreachable.pid())
                    .put("error", unreachable.why());
            case LiveRouting.Live answering -> worker.put("running", true).put("pid", answering.worker().pid())
                    .put("host", answering.worker().host()).put("port", answering.worker().port())
                    .put("configSource", answering.configSource());
        }
        RouterConfig router = config.router();
        ArrayNode routes = root.putArray("routes");
        for (String slot : SLOTS) {
            ObjectNode entry = routes.addObject().put("slot", slot);
            slot(router, slot).ifPresentOrElse(route -> route(entry, route), () -> entry.putNull("route"));
        }
        root.put("longContextThreshold", router.longContextThreshold());
        ArrayNode rules = root.putArray("rules");
        for (RoutingRule rule : router.rules()) {
            ObjectNode entry = rules.addObject().put("name", rule.name());
            ArrayNode when = entry.putArray("when");
            rule.conditions().forEach(condition -> when.add(condition.describe()));
            route(entry, rule.target());
        }
        ObjectNode fallback = root.putObject("fallback");
        sortedFallback(router).forEach((name, chain) -> {
            ArrayNode targets = fallback.putArray(name);
            chain.forEach(target -> target(targets.addObject(), target));
        });
        ArrayNode providers = root.putArray("providers");
        for (ProviderConfig provider : config.providers()) {
            ProviderHealth health = providerHealth(provider);
            ObjectNode entry = providers.addObject().put("name", provider.name())
                    .put("health", health.status().equals("-") ? "not running" : health.status())
                    .put("reason", health.reason());
            ArrayNode models = entry.putArray("models");
            provider.models().forEach(models::add);
        }
        return root.toPrettyString();
    }

    private void route(ObjectNode entry, Route route) {
        entry.put("route", route.toString());
        entry.put("strategy", route instanceof Route.Balanced balanced ? balanced.strategy().label() : "single");
        ArrayNode targets = entry.putArray("targets");
        route.targets().forEach(target -> target(targets.addObject(), target));
    }

    private void target(ObjectNode entry, RouteTarget target) {
        entry.put("target", target.toString()).put("provider", target.provider()).put("model", target.model());
        switch (live) {
            case LiveRouting.NotRunning ignored -> entry.put("health", "not running");
            case LiveRouting.Unreachable ignored -> entry.put("health", "unknown");
            case LiveRouting.Live worker -> {
                entry.put("health", worker.provider(target.provider()).map(p -> p.status().label()).orElse("unknown"));
                entry.put("breaker", breaker(worker, target));
                worker.target(target.toString()).ifPresent(counters -> entry.put("counters", counters));
            }
        }
    }

    /** Every {@code provider,model} the config offers, for choosing a route's target. */
    static List<RouteTarget> choices(ConduitConfig config) {
        List<RouteTarget> choices = new ArrayList<>();
        config.providers().forEach(provider -> provider.models()
                .forEach(model -> choices.add(new RouteTarget(provider.name(), model))));
        return choices;
    }
}
