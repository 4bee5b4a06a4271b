package dev.conduit.server.http;

import dev.conduit.config.ConduitConfig;
import dev.conduit.providers.Providers;
import dev.conduit.routing.Router;
import dev.conduit.routing.TokenCounter;

/** Everything a request needs, built once from the config in force. */
public record Gateway(ConduitConfig config, Router router, Providers providers, TokenCounter tokenCounter) {

    public static Gateway create(ConduitConfig config, String userAgent) {
        return new Gateway(config, new Router(config), Providers.create(config, userAgent), TokenCounter.cl100k());
    }
}
