package dev.conduit.server;

import dev.conduit.config.ConduitConfig;
import dev.conduit.config.ProviderConfig;
import dev.conduit.config.Route;
import dev.conduit.config.RouterConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The startup lines: where Conduit listens, which config, providers and routes are in force. */
final class Banner {

    private static final Logger LOG = LoggerFactory.getLogger("dev.conduit");

    private Banner() {}

    static void log(ConduitConfig config, int port, String version, Duration startup) {
        String url = "http://" + hostForUrl(config.host()) + ":" + port;
        LOG.info("Conduit {} listening on {} (started in {} ms)", version, url, startup.toMillis());
        LOG.info("  config:    {}", config.source());
        LOG.info("  providers: {}", providers(config));
        LOG.info("  routes:    {}", config.providers().isEmpty() ? "none" : routes(config.router()));
        LOG.info("  auth:      {}", config.apiKey().isPresent()
                ? "APIKEY required (x-api-key or Authorization: Bearer)"
                : "none; listening on loopback only");
        LOG.info("  use it:    ANTHROPIC_BASE_URL={} claude", url);
    }

    private static String providers(ConduitConfig config) {
        if (config.providers().isEmpty()) {
            return "none. Add one to ~/.conduit/config.json (see docs/CONFIG.md) or set OPENAI_API_KEY, "
                    + "OPENROUTER_API_KEY, DEEPSEEK_API_KEY, GROQ_API_KEY, GEMINI_API_KEY or ANTHROPIC_API_KEY";
        }
        List<String> names = new ArrayList<>();
        for (ProviderConfig provider : config.providers()) {
            int models = provider.models().size();
            names.add(provider.name() + " (" + models + (models == 1 ? " model)" : " models)"));
        }
        return String.join(", ", names);
    }

    private static String routes(RouterConfig router) {
        List<String> routes = new ArrayList<>();
        add(routes, "default", router.defaultRoute());
        add(routes, "background", router.background());
        add(routes, "think", router.think());
        add(routes, "longContext", router.longContext());
        add(routes, "webSearch", router.webSearch());
        add(routes, "image", router.image());
        if (!router.rules().isEmpty()) {
            routes.add(router.rules().size() + (router.rules().size() == 1 ? " rule" : " rules"));
        }
        return routes.isEmpty() ? "none; only explicit \"provider,model\" requests can be served" : String.join(", ", routes);
    }

    private static void add(List<String> routes, String slot, Optional<Route> route) {
        route.ifPresent(value -> routes.add(slot + " → " + value));
    }

    private static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
