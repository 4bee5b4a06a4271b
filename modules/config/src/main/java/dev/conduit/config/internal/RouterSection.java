package dev.conduit.config.internal;

import dev.conduit.config.ProviderConfig;
import dev.conduit.config.RouteTarget;
import dev.conduit.config.RouterConfig;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reads {@code Router}: a {@code "provider,model"} target per scenario, each checked against
 * {@code Providers}. A model the provider does not list is only a warning, because the list is
 * informational in claude-code-router and providers add models all the time.
 */
final class RouterSection {

    private final Values values;
    private final Findings findings;
    private final ProvidersSection.Providers providers;

    RouterSection(Values values, Findings findings, ProvidersSection.Providers providers) {
        this.values = values;
        this.findings = findings;
        this.providers = providers;
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
        return new RouterConfig(
                target(node, path, "default"),
                target(node, path, "background"),
                target(node, path, "think"),
                target(node, path, "longContext"),
                threshold,
                target(node, path, "webSearch"),
                target(node, path, "image"));
    }

    private Optional<RouteTarget> target(JsonNode router, JsonPath routerPath, String slot) {
        JsonPath path = routerPath.key(slot);
        Optional<String> text = values.text(router.get(slot), path);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<RouteTarget> target = RouteTarget.parse(text.get());
        if (target.isEmpty()) {
            findings.error(path, values.quote(path, text.get()) + " is not a route; write \"provider,model\"");
            return Optional.empty();
        }
        String provider = target.get().provider();
        int known = indexOfName(provider);
        if (known < 0) {
            findings.error(path, part(path, "provider", provider) + " is not in Providers (" + knownNames() + ")");
            return Optional.empty();
        }
        String name = providers.names().get(known);
        warnIfModelUnlisted(path, name, providers.shownNames().get(known), target.get().model());
        return Optional.of(new RouteTarget(name, target.get().model()));
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
