package dev.conduit.routing;

import dev.conduit.config.RouteTarget;
import dev.conduit.config.Secret;
import java.time.Duration;
import java.util.Optional;

/**
 * One upstream attempt of a request.
 *
 * @param key the provider's key to send, in its turn; empty for a provider without keys
 * @param number 1 for the request's first attempt
 * @param delay how long to wait before sending it (a {@code Retry-After}, or a backoff)
 */
public record Attempt(RouteTarget target, Optional<Secret> key, int number, Kind kind, Duration delay) {

    public enum Kind {
        /** The route's first choice. */
        FIRST,
        /** The same target again, after a wait or with another key. */
        RETRY,
        /** The next target in line, after the one before failed or was skipped for its open breaker. */
        FALLBACK
    }
}
