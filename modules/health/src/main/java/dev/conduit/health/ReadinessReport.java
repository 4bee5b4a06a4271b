package dev.conduit.health;

/** Whether the worker takes traffic now (/ready answers 200) and, if not, why (503). */
public record ReadinessReport(boolean ready, String reason) {
}
