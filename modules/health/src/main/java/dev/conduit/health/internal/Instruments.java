package dev.conduit.health.internal;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.function.LongSupplier;

/**
 * Conduit's Prometheus metrics, registered in a registry of their own (never the library's
 * global one), with the JVM and process metrics of the client library beside them. Exemplars
 * are off: they would look for a tracing span on every observation.
 */
public record Instruments(
        PrometheusRegistry registry,
        Counter requests,
        Counter failures,
        Histogram duration,
        Histogram overhead,
        Histogram timeToFirstToken,
        Counter tokens,
        Counter cost,
        Counter upstreamErrors,
        Counter retries,
        Counter fallbacks,
        Gauge breakerState,
        Counter configReloads,
        Counter upstreamAttempts,
        Gauge firstByteAverage) {

    /** From 100 µs for cached answers to 10 minutes for the longest streams. */
    public static final double[] DURATION_BUCKETS = {
        0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
        1, 2.5, 5, 10, 30, 60, 120, 300, 600};

    /** The gateway's own time per request is sub-millisecond when all is well. */
    public static final double[] OVERHEAD_BUCKETS = {
        0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1};

    public static final double[] TIME_TO_FIRST_TOKEN_BUCKETS = {
        0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 7.5, 10, 15, 20, 30, 60, 120, 300};

    public static Instruments create(LongSupplier activeConnections, LongSupplier activeStreams, boolean jvmMetrics) {
        PrometheusRegistry registry = new PrometheusRegistry();
        GaugeWithCallback.builder()
                .name("conduit_active_connections")
                .help("Open client connections")
                .callback(callback -> callback.call(activeConnections.getAsLong()))
                .register(registry);
        GaugeWithCallback.builder()
                .name("conduit_active_streams")
                .help("Streamed answers in progress")
                .callback(callback -> callback.call(activeStreams.getAsLong()))
                .register(registry);
        if (jvmMetrics) {
            JvmMetrics.builder().register(registry);
        }
        Counter configReloads = counter(registry, "conduit_config_reloads_total",
                "Config reloads by result: success or rejected", "result");
        // both results show from the start, so a dashboard sees 0 rather than no data
        configReloads.initLabelValues("success");
        configReloads.initLabelValues("rejected");
        return new Instruments(
                registry,
                counter(registry, "conduit_requests_total", "Client requests by final status",
                        "route", "provider", "model", "status"),
                counter(registry, "conduit_request_failures_total",
                        "Failed client requests (5xx, or an upstream failure such as a broken stream)",
                        "route", "provider", "model", "kind"),
                histogram(registry, "conduit_request_duration_seconds",
                        "Time from a request's arrival to the last byte of its answer", DURATION_BUCKETS,
                        "route", "provider", "model", "status"),
                histogram(registry, "conduit_gateway_overhead_seconds",
                        "Time per request not spent waiting on the upstream", OVERHEAD_BUCKETS, "provider"),
                histogram(registry, "conduit_time_to_first_token_seconds",
                        "Time from a request's arrival until its first content reached the client",
                        TIME_TO_FIRST_TOKEN_BUCKETS, "provider", "model"),
                counter(registry, "conduit_tokens_total",
                        "Tokens as the provider counted them, by kind: input, output, cache_read, cache_write",
                        "provider", "model", "kind"),
                counter(registry, "conduit_estimated_cost_usd_total",
                        "Estimated cost in US dollars from the configured price table", "provider", "model"),
                counter(registry, "conduit_upstream_errors_total",
                        "Failed upstream attempts, retried ones included", "provider", "kind"),
                counter(registry, "conduit_retries_total", "Upstream attempts repeated on the same provider",
                        "provider"),
                counter(registry, "conduit_fallbacks_total", "Requests moved on to the next target of their route",
                        "route"),
                Gauge.builder()
                        .name("conduit_breaker_state")
                        .help("Circuit breaker state: 0 closed, 1 half-open, 2 open")
                        .labelNames("provider", "model")
                        .withoutExemplars()
                        .register(registry),
                configReloads,
                counter(registry, "conduit_upstream_attempts_total",
                        "Upstream attempts by target and outcome: success, error, abandoned", "provider", "model",
                        "outcome"),
                Gauge.builder()
                        .name("conduit_upstream_first_byte_average_seconds")
                        .help("Moving average of a target's time to the first byte of a good answer (the"
                                + " least-latency balancing uses it)")
                        .unit(Unit.SECONDS)
                        .labelNames("provider", "model")
                        .withoutExemplars()
                        .register(registry));
    }

    private static Counter counter(PrometheusRegistry registry, String name, String help, String... labels) {
        return Counter.builder().name(name).help(help).labelNames(labels).withoutExemplars().register(registry);
    }

    private static Histogram histogram(PrometheusRegistry registry, String name, String help, double[] buckets,
            String... labels) {
        return Histogram.builder()
                .name(name)
                .help(help)
                .unit(Unit.SECONDS)
                .labelNames(labels)
                .classicOnly()
                .classicUpperBounds(buckets)
                .withoutExemplars()
                .register(registry);
    }
}
