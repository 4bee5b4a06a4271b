package dev.conduit.config;

import java.time.Duration;

/**
 * {@code Router.retry}: how a request that an upstream provably did not take is tried again.
 *
 * @param maxAttempts upstream attempts per client request in all, retries and fallbacks included
 *     ({@code maxAttempts}, default 3)
 * @param maxRetryAfter the longest {@code Retry-After} Conduit waits out itself; a longer one is
 *     passed to the client at once ({@code maxRetryAfterSeconds}, default 60 s)
 * @param backoff the wait before the first retry of a target that gave no {@code Retry-After};
 *     it doubles with each retry, with jitter ({@code backoffMs}, default 500 ms)
 * @param maxBackoff the longest such wait ({@code maxBackoffMs}, default 8 s)
 */
public record RetrySettings(int maxAttempts, Duration maxRetryAfter, Duration backoff, Duration maxBackoff) {

    public static final RetrySettings DEFAULTS =
            new RetrySettings(3, Duration.ofSeconds(60), Duration.ofMillis(500), Duration.ofSeconds(8));

    public RetrySettings {
        if (maxAttempts < 1 || backoff.isNegative() || maxBackoff.compareTo(backoff) < 0 || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("retry settings out of range");
        }
    }
}
