package dev.conduit.health.internal;

import dev.conduit.health.CheckResult;
import dev.conduit.health.HealthCheck;
import dev.conduit.health.HealthThresholds;
import dev.conduit.health.WindowCounts;
import java.time.InstantSource;

/** {@code error_rate}: the failed share of all client requests in the last 5 minutes. */
public final class ErrorRateCheck implements HealthCheck {

    private final SlidingCounts traffic;
    private final InstantSource clock;
    private final HealthThresholds thresholds;

    public ErrorRateCheck(SlidingCounts traffic, InstantSource clock, HealthThresholds thresholds) {
        this.traffic = traffic;
        this.clock = clock;
        this.thresholds = thresholds;
    }

    @Override
    public CheckResult check() {
        WindowCounts counts = traffic.sum(clock.millis(), SlidingCounts.WINDOW);
        String reason = counts.requests() < thresholds.minimumRequests()
                ? Phrases.tooFewToJudge(counts, thresholds.minimumRequests())
                : Phrases.failures(counts);
        return new CheckResult("error_rate", thresholds.errorRatioStatus(counts), reason);
    }
}
