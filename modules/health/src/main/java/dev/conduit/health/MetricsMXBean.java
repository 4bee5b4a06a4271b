package dev.conduit.health;

import dev.conduit.management.Description;
import java.util.Map;

/**
 * The headline numbers of /metrics over JMX ({@value #OBJECT_NAME}), in open types only, read
 * from the same Prometheus metrics, counted since the worker started.
 */
@Description("Request, token, error and config reload counts of this Conduit worker since it started")
public interface MetricsMXBean {

    String OBJECT_NAME = "dev.conduit:type=Metrics";

    @Description("Client requests completed (conduit_requests_total)")
    long getRequestsTotal();

    @Description("Client requests that failed: 5xx, or an upstream failure such as a broken stream (conduit_request_failures_total)")
    long getFailedRequestsTotal();

    @Description("Failed share of all client requests since start (0..1)")
    double getErrorRatio();

    @Description("Input tokens, cached ones excluded, over all providers")
    long getInputTokens();

    @Description("Output tokens over all providers")
    long getOutputTokens();

    @Description("Tokens read from the providers' prompt caches")
    long getCacheReadTokens();

    @Description("Tokens written to the providers' prompt caches")
    long getCacheWriteTokens();

    @Description("Estimated cost in US dollars from the configured price table")
    double getEstimatedCostUsd();

    @Description("Tokens and estimated cost per provider")
    Map<String, ProviderUsage> getUsageByProvider();

    @Description("Failed upstream attempts, retried ones included (conduit_upstream_errors_total)")
    long getUpstreamErrorsTotal();

    @Description("Upstream attempts repeated on the same provider (conduit_retries_total)")
    long getRetriesTotal();

    @Description("Requests moved on to the next target of their route (conduit_fallbacks_total)")
    long getFallbacksTotal();

    @Description("Open client connections now")
    long getActiveConnections();

    @Description("Streamed answers in progress now")
    long getActiveStreams();

    @Description("Median time per request not spent waiting on the upstream, in seconds, estimated from histogram buckets")
    double getOverheadP50Seconds();

    @Description("99th percentile of the same, in seconds")
    double getOverheadP99Seconds();

    @Description("Config reloads applied")
    long getConfigReloads();

    @Description("Config reloads rejected; the previous config stayed in force")
    long getConfigReloadsRejected();
}
