package dev.conduit.health.internal;

import dev.conduit.health.MetricsSummary;
import dev.conduit.health.ProviderUsage;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/** Adds up the Prometheus metrics into a {@link MetricsSummary}. Not for the hot path. */
public final class SummaryReader {

    private final Instruments instruments;
    private final LongSupplier activeConnections;
    private final LongSupplier activeStreams;

    public SummaryReader(Instruments instruments, LongSupplier activeConnections, LongSupplier activeStreams) {
        this.instruments = instruments;
        this.activeConnections = activeConnections;
        this.activeStreams = activeStreams;
    }

    public MetricsSummary read() {
        long requests = total(instruments.requests());
        long failed = total(instruments.failures());
        HistogramSnapshot overhead = instruments.overhead().collect();
        return new MetricsSummary(
                requests,
                failed,
                requests == 0 ? 0 : (double) failed / requests,
                total(instruments.upstreamErrors()),
                total(instruments.retries()),
                total(instruments.fallbacks()),
                BucketQuantile.estimate(overhead, 0.50),
                BucketQuantile.estimate(overhead, 0.99),
                activeConnections.getAsLong(),
                activeStreams.getAsLong(),
                total(instruments.configReloads(), "success"),
                total(instruments.configReloads(), "rejected"),
                usageByProvider());
    }

    private Map<String, ProviderUsage> usageByProvider() {
        Map<String, Map<String, Double>> tokens = new TreeMap<>();
        for (CounterDataPointSnapshot point : instruments.tokens().collect().getDataPoints()) {
            tokens.computeIfAbsent(point.getLabels().get("provider"), provider -> new HashMap<>())
                    .merge(point.getLabels().get("kind"), point.getValue(), Double::sum);
        }
        Map<String, Double> cost = new HashMap<>();
        for (CounterDataPointSnapshot point : instruments.cost().collect().getDataPoints()) {
            cost.merge(point.getLabels().get("provider"), point.getValue(), Double::sum);
        }
        Map<String, ProviderUsage> usage = new TreeMap<>();
        tokens.forEach((provider, byKind) -> usage.put(provider, new ProviderUsage(
                count(byKind, "input"), count(byKind, "output"), count(byKind, "cache_read"),
                count(byKind, "cache_write"), cost.getOrDefault(provider, 0.0))));
        return usage;
    }

    private static long count(Map<String, Double> byKind, String kind) {
        return Math.round(byKind.getOrDefault(kind, 0.0));
    }

    private static long total(Counter counter) {
        double sum = 0;
        for (CounterDataPointSnapshot point : counter.collect().getDataPoints()) {
            sum += point.getValue();
        }
        return Math.round(sum);
    }

    /** The counter's value for one value of its single label. */
    private static long total(Counter counter, String labelValue) {
        double sum = 0;
        for (CounterDataPointSnapshot point : counter.collect().getDataPoints()) {
            if (point.getLabels().getValue(0).equals(labelValue)) {
                sum += point.getValue();
            }
        }
        return Math.round(sum);
    }
}
