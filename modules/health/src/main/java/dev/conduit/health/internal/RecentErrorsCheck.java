package dev.conduit.health.internal;

import dev.conduit.health.CheckResult;
import dev.conduit.health.HealthCheck;
import dev.conduit.health.HealthThresholds;
import java.time.InstantSource;

/**
 * {@code recent_errors}: failed client requests in the last minute. A burst of failures shows
 * here before it moves the 5-minute error ratio; it degrades, never fails, the worker.
 */
public final class RecentErrorsCheck implements HealthCheck {

    private static final String NAME = "recent_errors";

    private final SlidingCounts traffic;
    private final InstantSource clock;
    private final HealthThresholds thresholds;

    public RecentErrorsCheck(SlidingCounts traffic, InstantSource clock, HealthThresholds thresholds) {
        this.traffic = traffic;
        this.clock = clock;
        this.thresholds = thresholds;
    }

    @Override
    public CheckResult check() {
        long errors = traffic.sum(clock.millis(), SlidingCounts.RECENT).errors();
        String reason = errors + (errors == 1 ? " failed request" : " failed requests") + " in the last minute";
        return errors >= thresholds.recentErrorsDegraded()
                ? CheckResult.degraded(NAME, reason)
                : CheckResult.healthy(NAME, reason);
    }
}
