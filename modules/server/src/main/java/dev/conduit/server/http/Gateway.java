package dev.conduit.server.http;

import dev.conduit.config.ConduitConfig;
import dev.conduit.providers.Providers;
import dev.conduit.routing.Failover;
import dev.conduit.routing.Router;
import dev.conduit.routing.SessionRouters;
import dev.conduit.routing.SessionUsage;
import dev.conduit.routing.TokenCounter;
import java.time.InstantSource;
import java.util.Random;

/**
 * Everything a request needs, built from one config: a reload builds a new one. The token counter
 * and the sessions' usage are the worker's, shared by every gateway, so a reload forgets neither;
 * the failover (breakers, counters) carries over through {@link Failover#reconfigured}.
 */
public record Gateway(ConduitConfig config, Router router, Providers providers, TokenCounter tokenCounter,
        Failover failover) {

    /** @param sessionRouters the project and session overrides of {@code Router} */
    public static Gateway create(ConduitConfig config, String userAgent, SessionRouters sessionRouters,
            TokenCounter counter, SessionUsage sessionUsage) {
        return new Gateway(config, new Router(config, counter, sessionRouters, sessionUsage),
                Providers.create(config, userAgent), counter, new Failover(config, InstantSource.system(), new Random()));
    }

    /** The gateway of a reloaded config, keeping this one's breakers and counters. */
    public Gateway reloaded(ConduitConfig newConfig, String userAgent, SessionRouters sessionRouters) {
        return new Gateway(newConfig, new Router(newConfig, tokenCounter, sessionRouters, router.sessionUsage()),
                Providers.create(newConfig, userAgent), tokenCounter, failover.reconfigured(newConfig));
    }
}
