package dev.conduit.routing;

/** Where a target's circuit breaker stands. */
public enum CircuitState {
    /** Requests go to the target. */
    CLOSED,
    /** Too many failures: requests skip the target until the cooldown ends. */
    OPEN,
    /** The cooldown ended: one probe request goes through, the others still skip the target. */
    HALF_OPEN,
    /** Opened by hand ({@code openBreaker}); stays open until {@code closeBreaker}. */
    FORCED_OPEN
}
