package dev.conduit.config;

import java.time.Duration;

/**
 * How requests survive a failing provider: retries, circuit breakers, and API keys benched after
 * a 401 or 429 (all under {@code Router}; see docs/ROUTING.md).
 *
 * @param keyCooldown how long a key that got a 401, or a 429 without {@code Retry-After}, is left
 *     out of its provider's rotation ({@code Router.keyCooldownSeconds}, default 60 s)
 */
public record FailoverSettings(RetrySettings retry, BreakerSettings breaker, Duration keyCooldown) {

    public static final FailoverSettings DEFAULTS =
            new FailoverSettings(RetrySettings.DEFAULTS, BreakerSettings.DEFAULTS, Duration.ofSeconds(60));
}
