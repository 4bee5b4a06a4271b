package dev.conduit.routing;

import dev.conduit.config.RetrySettings;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The wait before retrying a target that gave no {@code Retry-After}: the base doubled for each
 * retry, at most the maximum, of which a random half is taken away so that clients that failed
 * together do not all come back together.
 */
final class Backoff {

    private final RetrySettings settings;

    Backoff(RetrySettings settings) {
        this.settings = settings;
    }

    /** @param retry 1 for the first retry of the request */
    Duration delay(int retry, RandomGenerator random) {
        long ceiling = settings.maxBackoff().toMillis();
        long millis = settings.backoff().toMillis();
        for (int i = 1; i < retry && millis < ceiling; i++) {
            millis *= 2;
        }
        millis = Math.min(millis, ceiling);
        long half = millis / 2;
        return Duration.ofMillis(millis - half + random.nextLong(half + 1));
    }
}
