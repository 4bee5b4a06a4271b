package dev.conduit.health;

/** The text formats /metrics speaks. */
public enum MetricsFormat {
    /** Prometheus text format 0.0.4, the default. */
    PROMETHEUS_TEXT,
    /** OpenMetrics 1.0 text, when the scraper's Accept header asks for it. */
    OPENMETRICS_TEXT
}
