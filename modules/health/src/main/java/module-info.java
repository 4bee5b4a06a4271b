/**
 * Health monitoring and metrics of a Conduit worker: Prometheus metrics recorded from live
 * traffic, passive per-provider health, named health checks, readiness, the /metrics
 * exposition and the Health and Metrics MXBeans. Pure Java: the server module serves it over
 * HTTP and registers the MXBeans.
 */
module dev.conduit.health {
    requires transitive dev.conduit.management;
    requires jdk.management;
    requires io.prometheus.metrics.core;
    requires io.prometheus.metrics.model;
    requires io.prometheus.metrics.instrumentation.jvm;
    requires io.prometheus.writer.text;

    exports dev.conduit.health;
}
