package dev.conduit.health;

import java.util.Objects;

/**
 * The outcome of one named health check. The reason is a short sentence for an operator; it
 * never holds a key or user content.
 */
public record CheckResult(String name, HealthStatus status, String reason) {

    public CheckResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
    }

    public static CheckResult healthy(String name, String reason) {
        return new CheckResult(name, HealthStatus.HEALTHY, reason);
    }

    public static CheckResult degraded(String name, String reason) {
        return new CheckResult(name, HealthStatus.DEGRADED, reason);
    }

    public static CheckResult unhealthy(String name, String reason) {
        return new CheckResult(name, HealthStatus.UNHEALTHY, reason);
    }
}
