package dev.conduit.health.internal;

import dev.conduit.health.ModelPrice;
import dev.conduit.health.RequestOutcome;
import dev.conduit.health.TokenUsage;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The data points of one (route, provider, model, status), looked up once and kept, so that
 * recording a request does no label lookup of its own.
 */
public final class RequestSeries {

    private final Instruments instruments;
    private final RequestKey key;
    private final CounterDataPoint requests;
    private final DistributionDataPoint duration;
    private final DistributionDataPoint overhead;
    private final DistributionDataPoint timeToFirstToken;
    private final CounterDataPoint inputTokens;
    private final CounterDataPoint outputTokens;
    private final CounterDataPoint cacheReadTokens;
    private final CounterDataPoint cacheWriteTokens;
    private final CounterDataPoint cost;
    private final ModelPrice price;
    private final ConcurrentMap<String, CounterDataPoint> failuresByKind = new ConcurrentHashMap<>();

    public RequestSeries(Instruments instruments, RequestKey key, ModelPrice price) {
        String status = Integer.toString(key.status());
        this.instruments = instruments;
        this.key = key;
        this.requests = instruments.requests().labelValues(key.route(), key.provider(), key.model(), status);
        this.duration = instruments.duration().labelValues(key.route(), key.provider(), key.model(), status);
        this.overhead = instruments.overhead().labelValues(key.provider());
        this.timeToFirstToken = instruments.timeToFirstToken().labelValues(key.provider(), key.model());
        this.inputTokens = instruments.tokens().labelValues(key.provider(), key.model(), "input");
        this.outputTokens = instruments.tokens().labelValues(key.provider(), key.model(), "output");
        this.cacheReadTokens = instruments.tokens().labelValues(key.provider(), key.model(), "cache_read");
        this.cacheWriteTokens = instruments.tokens().labelValues(key.provider(), key.model(), "cache_write");
        this.cost = price == null ? null : instruments.cost().labelValues(key.provider(), key.model());
        this.price = price;
    }

    public void record(RequestOutcome outcome) {
        requests.inc();
        duration.observe(seconds(outcome.duration()));
        overhead.observe(seconds(outcome.overhead()));
        if (outcome.timeToFirstToken() != null) {
            timeToFirstToken.observe(seconds(outcome.timeToFirstToken()));
        }
        TokenUsage tokens = outcome.tokens();
        addTokens(inputTokens, tokens.input());
        addTokens(outputTokens, tokens.output());
        addTokens(cacheReadTokens, tokens.cacheRead());
        addTokens(cacheWriteTokens, tokens.cacheWrite());
        if (price != null) {
            cost.inc(price.costUsd(tokens));
        }
        if (outcome.failed()) {
            failuresByKind.computeIfAbsent(outcome.failureKind(), this::failureCounter).inc();
        }
    }

    private CounterDataPoint failureCounter(String kind) {
        return instruments.failures().labelValues(key.route(), key.provider(), key.model(), kind);
    }

    private static void addTokens(CounterDataPoint counter, long tokens) {
        if (tokens > 0) {
            counter.inc(tokens);
        }
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
