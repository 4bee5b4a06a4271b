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

/** Everything a request needs, built once from the config in force. */
public record Gateway(ConduitConfig config, Router router, Providers providers, TokenCounter tokenCounter,
        Failover failover) {

    /** @param sessionRouters the project and session overrides of {@code Router} */
    public static Gateway create(ConduitConfig config, String userAgent, SessionRouters sessionRouters) {
        TokenCounter counter = TokenCounter.cl100k();
        return new Gateway(config, new Router(config, counter, sessionRouters, new SessionUsage()),
                Providers.create(config, userAgent), counter, new Failover(config, InstantSource.system(), new Random()));
    }
}
