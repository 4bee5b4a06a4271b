package dev.conduit.routing;

import dev.conduit.config.RouterConfig;
import java.util.Optional;

/**
 * claude-code-router's project and session overrides: a {@code Router} section that replaces the
 * config's for the requests of one session. Implementations find it however they like (the server
 * reads claude-code-router's files); routing only asks.
 */
@FunctionalInterface
public interface SessionRouters {

    /** No overrides: every session uses the config's {@code Router}. */
    SessionRouters NONE = sessionId -> Optional.empty();

    Optional<SessionRouter> find(String sessionId);

    /** @param source where the override was read, for explanations (a file name) */
    record SessionRouter(RouterConfig router, String source) {}
}
