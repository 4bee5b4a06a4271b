package dev.conduit.routing;

import java.time.Duration;
import java.util.Optional;

/**
 * How an upstream attempt failed, as far as retrying and breakers care.
 *
 * @param retryAfter the wait the upstream asked for, if it did
 */
public record Failure(Cause cause, Optional<Duration> retryAfter) {

    public static Failure of(Cause cause) {
        return new Failure(cause, Optional.empty());
    }

    public enum Cause {
        /** The connection failed before the request was written: refused, timed out, no such host. */
        NOT_DELIVERED(true, true),
        /** 429. */
        RATE_LIMITED(true, true),
        /** 503 or 529: the upstream turned the request away. */
        OVERLOADED(true, true),
        /** 401: the key was refused; another key of the provider may do. */
        UNAUTHORIZED(false, false),
        /** Another 4xx: the request itself is wrong, and would be anywhere. */
        REJECTED(false, false),
        /** The upstream took the request and then failed: other 5xx, timeouts, broken or bad answers. */
        FAILED(false, true);

        private final boolean retryable;
        private final boolean countsAgainstTarget;

        Cause(boolean retryable, boolean countsAgainstTarget) {
            this.retryable = retryable;
            this.countsAgainstTarget = countsAgainstTarget;
        }

        /** The upstream provably did not take the request, so sending it again cannot do it twice. */
        public boolean retryable() {
            return retryable;
        }

        /** Whether the failure counts toward opening the target's breaker. */
        public boolean countsAgainstTarget() {
            return countsAgainstTarget;
        }
    }
}
