package dev.conduit.health;

import java.time.Instant;

/** The overall health status moved from {@code previous} to {@code current}. */
public record HealthChange(HealthStatus previous, HealthStatus current, String reason, Instant at) {
}
