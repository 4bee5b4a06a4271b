package dev.conduit.server.http;

import dev.conduit.config.ConduitConfig;
import dev.conduit.providers.Providers;
import dev.conduit.routing.Router;
import dev.conduit.routing.SessionRouters;
import dev.conduit.routing.SessionUsage;
import dev.conduit.routing.TokenCounter;

/**
 * Everything a request needs, built from one config: a reload builds a new one. The token counter
 * and the sessions' usage are the worker's, shared by every gateway, so a reload forgets neither.
 */
public record Gateway(ConduitConfig config, Router router, Providers providers, TokenCounter tokenCounter) {

    /** @param sessionRouters the project and session overrides of {@code Router} */
    public static Gateway create(ConduitConfig config, String userAgent, SessionRouters sessionRouters,
            TokenCounter counter, SessionUsage sessionUsage) {
        return new Gateway(config, new Router(config, counter, sessionRouters, sessionUsage),
                Providers.create(config, userAgent), counter);
    }
}
