package dev.conduit.health;

import java.util.Map;

/**
 * The headline numbers of /metrics since start, for /health/detailed and the Metrics MXBean.
 * Read from the same Prometheus metrics that /metrics shows, so the two always agree.
 *
 * @param requests            client requests
 * @param failedRequests      those that failed (see {@link RequestOutcome#failed()})
 * @param errorRatio          failedRequests / requests, 0 without requests
 * @param upstreamErrors      failed upstream attempts, retried ones included
 * @param retries             attempts repeated on the same provider
 * @param fallbacks           requests moved on to the next target
 * @param overheadP50Seconds  median gateway overhead, estimated from the histogram buckets; 0 without requests
 * @param overheadP99Seconds  99th percentile of the same
 * @param activeConnections   open client connections now
 * @param activeStreams       streamed answers in progress now
 * @param configReloads       config reloads applied
 * @param configReloadsRejected config reloads rejected (the previous config stayed)
 * @param usageByProvider     tokens and estimated cost per provider
 */
public record MetricsSummary(
        long requests,
        long failedRequests,
        double errorRatio,
        long upstreamErrors,
        long retries,
        long fallbacks,
        double overheadP50Seconds,
        double overheadP99Seconds,
        long activeConnections,
        long activeStreams,
        long configReloads,
        long configReloadsRejected,
        Map<String, ProviderUsage> usageByProvider) {

    public MetricsSummary {
        usageByProvider = Map.copyOf(usageByProvider);
    }
}
