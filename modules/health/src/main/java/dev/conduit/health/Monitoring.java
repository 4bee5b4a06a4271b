package dev.conduit.health;

import dev.conduit.health.internal.ErrorRateCheck;
import dev.conduit.health.internal.HeapCheck;
import dev.conduit.health.internal.PlatformHeap;
import dev.conduit.health.internal.ProvidersCheck;
import dev.conduit.health.internal.RecentErrorsCheck;
import dev.conduit.health.internal.SlidingCounts;
import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Health monitoring and metrics of one worker, wired together: the server records what happens
 * here, and reads health, readiness and metrics from the parts. One instance per worker.
 */
public final class Monitoring {

    private final InstantSource clock;
    private final SlidingCounts traffic = new SlidingCounts();
    private final GatewayMetrics metrics;
    private final ProviderHealth providers;
    private final HealthEvaluator health;
    private final Readiness readiness = new Readiness();
    private final MetricsExposition exposition;
    private final HealthJmx healthJmx;
    private final MetricsJmx metricsJmx;

    private Monitoring(Builder builder) {
        this.clock = builder.clock;
        this.metrics = new GatewayMetrics(PriceTable.NONE, builder.activeConnections, builder.activeStreams,
                builder.jvmMetrics);
        this.providers = new ProviderHealth(clock, builder.thresholds);
        this.health = new HealthEvaluator(clock, List.of(
                new ErrorRateCheck(traffic, clock, builder.thresholds),
                new RecentErrorsCheck(traffic, clock, builder.thresholds),
                new ProvidersCheck(providers),
                new HeapCheck(builder.heap, builder.thresholds)));
        this.exposition = new MetricsExposition(metrics);
        this.healthJmx = new HealthJmx(this);
        this.metricsJmx = new MetricsJmx(metrics);
        health.onChange(healthJmx::notify);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A client request completed; call once per request, after its last byte. */
    public void record(RequestOutcome outcome) {
        metrics.record(outcome);
        providers.record(outcome);
        traffic.add(clock.millis(), outcome.failed());
    }

    /** An upstream attempt failed and the request goes on to a retry or a fallback. */
    public void attemptFailed(String provider, UpstreamErrorKind kind) {
        metrics.recordAttemptFailure(provider, kind);
        providers.recordAttemptFailure(provider, kind);
    }

    /** An attempt is about to be repeated on the same provider. */
    public void retried(String provider) {
        metrics.recordRetry(provider);
    }

    /** A request moves on to the next target of its route. */
    public void fellBack(String route) {
        metrics.recordFallback(route);
    }

    /**
     * An upstream attempt ended, with the target's moving average of time to first byte after it
     * (0 while it has none).
     */
    public void attempted(String provider, String model, AttemptOutcome outcome, double firstByteAverageSeconds) {
        metrics.recordAttempt(provider, model, outcome);
        if (firstByteAverageSeconds > 0) {
            metrics.recordFirstByteAverage(provider, model, firstByteAverageSeconds);
        }
    }

    /** A circuit breaker of one target changed state (report the initial state too). */
    public void breakerChanged(String provider, String model, BreakerState state) {
        metrics.recordBreakerState(provider, model, state);
        providers.breakerChanged(provider, model, state);
    }

    /**
     * The config in force: its usable providers (in config order) and prices. Call at start and
     * after every applied reload.
     */
    public void configure(Collection<String> usableProviders, PriceTable prices) {
        providers.configure(usableProviders);
        metrics.prices(prices);
        readiness.usableProviders(usableProviders.size());
    }

    /** A config reload was applied, or rejected with the previous config kept. */
    public void configReloaded(boolean applied) {
        metrics.recordConfigReload(applied);
    }

    /** Client requests and failures in the last 5 minutes. */
    public WindowCounts recentTraffic() {
        return traffic.sum(clock.millis(), SlidingCounts.WINDOW);
    }

    public GatewayMetrics metrics() {
        return metrics;
    }

    public ProviderHealth providers() {
        return providers;
    }

    public HealthEvaluator health() {
        return health;
    }

    public Readiness readiness() {
        return readiness;
    }

    public MetricsExposition exposition() {
        return exposition;
    }

    /** Registers {@value HealthMXBean#OBJECT_NAME} and {@value MetricsMXBean#OBJECT_NAME}. */
    public void registerMBeans(MBeanServer server) throws JMException {
        server.registerMBean(healthJmx, new ObjectName(HealthMXBean.OBJECT_NAME));
        server.registerMBean(metricsJmx, new ObjectName(MetricsMXBean.OBJECT_NAME));
    }

    public void unregisterMBeans(MBeanServer server) throws JMException {
        server.unregisterMBean(new ObjectName(HealthMXBean.OBJECT_NAME));
        server.unregisterMBean(new ObjectName(MetricsMXBean.OBJECT_NAME));
    }

    /** How to build a {@link Monitoring}; every setting has a production default. */
    public static final class Builder {

        private InstantSource clock = InstantSource.system();
        private HealthThresholds thresholds = HealthThresholds.DEFAULTS;
        private Supplier<HeapUsage> heap;
        private LongSupplier activeConnections = () -> 0;
        private LongSupplier activeStreams = () -> 0;
        private boolean jvmMetrics = true;

        private Builder() {
        }

        /** The clock of the sliding windows; tests move a fake one. */
        public Builder clock(InstantSource clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder thresholds(HealthThresholds thresholds) {
            this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
            return this;
        }

        /** Where the heap check reads heap usage; this JVM's memory pools by default. */
        public Builder heap(Supplier<HeapUsage> heap) {
            this.heap = Objects.requireNonNull(heap, "heap");
            return this;
        }

        /** Open client connections, read on each scrape; 0 by default. */
        public Builder activeConnections(LongSupplier activeConnections) {
            this.activeConnections = Objects.requireNonNull(activeConnections, "activeConnections");
            return this;
        }

        /** Streamed answers in progress, read on each scrape; 0 by default. */
        public Builder activeStreams(LongSupplier activeStreams) {
            this.activeStreams = Objects.requireNonNull(activeStreams, "activeStreams");
            return this;
        }

        /** Whether /metrics includes the client library's JVM and process metrics; on by default. */
        public Builder jvmMetrics(boolean jvmMetrics) {
            this.jvmMetrics = jvmMetrics;
            return this;
        }

        public Monitoring build() {
            if (heap == null) {
                heap = new PlatformHeap();
            }
            return new Monitoring(this);
        }
    }
}
