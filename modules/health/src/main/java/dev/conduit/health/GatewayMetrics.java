package dev.conduit.health;

import dev.conduit.health.internal.Instruments;
import dev.conduit.health.internal.ProviderSeries;
import dev.conduit.health.internal.RequestKey;
import dev.conduit.health.internal.RequestSeries;
import dev.conduit.health.internal.SummaryReader;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * Conduit's Prometheus metrics (see DESIGN.md, "Metrics conventions"), in a registry of their
 * own. Label values must come from the config, never from a client: that keeps the number of
 * series bounded. Data points are looked up once per label combination and kept, so recording
 * a request costs a map lookup and a few atomic additions.
 */
public final class GatewayMetrics {

    private final Instruments instruments;
    private final SummaryReader summaryReader;
    private final ConcurrentMap<RequestKey, RequestSeries> requestSeries = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ProviderSeries> providerSeries = new ConcurrentHashMap<>();
    private volatile PriceTable prices;

    GatewayMetrics(PriceTable prices, LongSupplier activeConnections, LongSupplier activeStreams, boolean jvmMetrics) {
        this.instruments = Instruments.create(activeConnections, activeStreams, jvmMetrics);
        this.summaryReader = new SummaryReader(instruments, activeConnections, activeStreams);
        this.prices = Objects.requireNonNull(prices, "prices");
    }

    /** A client request completed: counts, durations, tokens, cost, and its failure if any. */
    public void record(RequestOutcome outcome) {
        RequestKey key = RequestKey.of(outcome);
        RequestSeries series = requestSeries.get(key);
        if (series == null) {
            series = requestSeries.computeIfAbsent(key, this::newSeries);
        }
        series.record(outcome);
        if (outcome.upstreamError() != null) {
            provider(outcome.provider()).upstreamError(outcome.upstreamError());
        }
    }

    /** An upstream attempt failed and the request went on to a retry or a fallback. */
    public void recordAttemptFailure(String provider, UpstreamErrorKind kind) {
        provider(provider).upstreamError(kind);
    }

    /** An attempt is repeated on the same provider. */
    public void recordRetry(String provider) {
        provider(provider).retry();
    }

    /** A request moves on to the next target of its route. */
    public void recordFallback(String route) {
        instruments.fallbacks().labelValues(route).inc();
    }

    /** An upstream attempt ended; {@code model} is a configured model or "other". */
    public void recordAttempt(String provider, String model, AttemptOutcome outcome) {
        instruments.upstreamAttempts().labelValues(provider, model, outcome.label()).inc();
    }

    /** A target's moving average of time to first byte changed. */
    public void recordFirstByteAverage(String provider, String model, double seconds) {
        instruments.firstByteAverage().labelValues(provider, model).set(seconds);
    }

    public void recordBreakerState(String provider, String model, BreakerState state) {
        instruments.breakerState().labelValues(provider, model).set(state.gaugeValue());
    }

    /** A config reload was applied, or rejected (the previous config stays). */
    public void recordConfigReload(boolean applied) {
        instruments.configReloads().labelValues(applied ? "success" : "rejected").inc();
    }

    /** Prices for the cost estimate from now on, e.g. after a config reload. */
    public void prices(PriceTable prices) {
        this.prices = Objects.requireNonNull(prices, "prices");
        requestSeries.clear();
    }

    public MetricsSummary summary() {
        return summaryReader.read();
    }

    MetricSnapshots scrape() {
        return instruments.registry().scrape();
    }

    private RequestSeries newSeries(RequestKey key) {
        return new RequestSeries(instruments, key, prices.find(key.provider(), key.model()).orElse(null));
    }

    private ProviderSeries provider(String provider) {
        ProviderSeries series = providerSeries.get(provider);
        return series != null ? series : providerSeries.computeIfAbsent(provider, name -> new ProviderSeries(instruments, name));
    }
}
