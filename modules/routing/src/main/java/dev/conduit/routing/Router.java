package dev.conduit.routing;

import dev.conduit.config.ConduitConfig;
import dev.conduit.config.ProviderConfig;
import dev.conduit.config.RouteTarget;
import dev.conduit.protocol.anthropic.MessagesRequest;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Chooses the target of a request. An explicit {@code "provider,model"} in the model field wins
 * (matched case-insensitively and rewritten to the configured spelling); everything else goes to
 * {@code Router.default}.
 */
public final class Router {

    private final ConduitConfig config;

    public Router(ConduitConfig config) {
        this.config = config;
    }

    public RouteDecision route(MessagesRequest request) {
        Optional<RouteTarget> explicit = RouteTarget.parse(request.model());
        if (explicit.isPresent()) {
            return new RouteDecision(canonical(explicit.get()), Scenario.EXPLICIT);
        }
        RouteTarget fallback = config.router().defaultTarget().orElseThrow(this::noDefault);
        return new RouteDecision(fallback, Scenario.DEFAULT);
    }

    private RouteTarget canonical(RouteTarget requested) {
        ProviderConfig provider = config.provider(requested.provider()).orElseThrow(() -> new RoutingException(404,
                "model \"" + requested + "\": no provider named \"" + requested.provider() + "\" is configured"
                        + knownProviders()));
        String model = provider.models().stream()
                .filter(known -> known.equalsIgnoreCase(requested.model()))
                .findFirst()
                .orElse(requested.model());
        return new RouteTarget(provider.name(), model);
    }

    private RoutingException noDefault() {
        if (config.providers().isEmpty()) {
            return new RoutingException(400, "Conduit has no provider configured. Add one to the Providers list of "
                    + "~/.conduit/config.json and set Router.default (see docs/CONFIG.md), or set an API key "
                    + "variable such as OPENAI_API_KEY or OPENROUTER_API_KEY and restart.");
        }
        return new RoutingException(400, "Router.default is not set, so only models written as \"provider,model\" "
                + "can be served" + knownProviders());
    }

    private String knownProviders() {
        if (config.providers().isEmpty()) {
            return "";
        }
        return " (configured: " + config.providers().stream().map(ProviderConfig::name).collect(Collectors.joining(", ")) + ")";
    }
}
