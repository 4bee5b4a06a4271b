package dev.conduit.config;

import java.time.Duration;

/**
 * {@code Router.breaker}: when a target (provider and model) is taken out of service for a while.
 * A breaker opens on {@code failures} failures within {@code window}, or when at least {@code
 * failureRate} of at least {@code minimumRequests} attempts within it failed; it stays open for
 * {@code cooldown}, doubled on each trip that follows a failed probe, up to {@code maxCooldown}.
 *
 * @param failures default 5
 * @param failureRate default 0.5
 * @param minimumRequests default 5
 * @param window default 60 s
 * @param cooldown default 30 s
 * @param maxCooldown default 5 min
 */
public record BreakerSettings(int failures, double failureRate, int minimumRequests, Duration window,
        Duration cooldown, Duration maxCooldown) {

    public static final BreakerSettings DEFAULTS = new BreakerSettings(5, 0.5, 5, Duration.ofSeconds(60),
            Duration.ofSeconds(30), Duration.ofMinutes(5));

    public BreakerSettings {
        if (failures < 1 || !(failureRate > 0 && failureRate <= 1) || minimumRequests < 1 || !window.isPositive()
                || !cooldown.isPositive() || maxCooldown.compareTo(cooldown) < 0) {
            throw new IllegalArgumentException("breaker settings out of range");
        }
    }
}
