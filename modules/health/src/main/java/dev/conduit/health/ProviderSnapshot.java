package dev.conduit.health;

import java.util.Map;

/**
 * A provider's health as seen from live traffic over the last 5 minutes. Readable over JMX as
 * open data.
 *
 * @param provider       the provider key from the config
 * @param status         healthy, degraded (some breakers open, or errors above the degraded ratio)
 *                       or unhealthy (all its breakers open, or errors above the unhealthy ratio)
 * @param reason         why, in a short sentence
 * @param requests       upstream attempts in the window, retried ones included
 * @param errors         attempts among them that failed
 * @param errorRatio     errors / requests, 0 without requests
 * @param latencyMillis  moving average of time to first token (or time upstream), 0 before any answer
 * @param lastErrorKind  the {@link UpstreamErrorKind#label() kind} of the last failure, or null
 * @param lastErrorAt    when it happened (ISO-8601), or null
 * @param breakers       the breaker state of each model that reported one
 */
public record ProviderSnapshot(
        String provider,
        HealthStatus status,
        String reason,
        long requests,
        long errors,
        double errorRatio,
        double latencyMillis,
        String lastErrorKind,
        String lastErrorAt,
        Map<String, BreakerState> breakers,
        String lastProbe,
        String lastProbeAt) {

    public ProviderSnapshot {
        breakers = Map.copyOf(breakers);
    }
}
