package dev.conduit.health;

/** The state of one check or of the whole worker, from best to worst. */
public enum HealthStatus {
    HEALTHY("healthy"),
    DEGRADED("degraded"),
    UNHEALTHY("unhealthy");

    private final String label;

    HealthStatus(String label) {
        this.label = label;
    }

    /** The lower-case name shown in /health bodies: healthy, degraded or unhealthy. */
    public String label() {
        return label;
    }

    /** The HTTP status of /health: 200 while the worker serves (healthy or degraded), else 503. */
    public int httpStatus() {
        return this == UNHEALTHY ? 503 : 200;
    }

    /** The worse of this status and the other one. */
    public HealthStatus worst(HealthStatus other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
