package dev.conduit.health.internal;

import dev.conduit.health.BreakerState;
import dev.conduit.health.HealthStatus;
import dev.conduit.health.HealthThresholds;
import dev.conduit.health.ProviderSnapshot;
import dev.conduit.health.UpstreamErrorKind;
import dev.conduit.health.WindowCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** One provider's passive statistics: attempts and failures, latency, last error, breakers. */
public final class ProviderStats {

    /** Weight of the newest sample in the moving average of latency. */
    private static final double LATENCY_WEIGHT = 0.2;

    private final String provider;
    private final SlidingCounts window = new SlidingCounts();
    private final Map<String, BreakerState> breakers = new ConcurrentHashMap<>();
    private double latencyMillis = Double.NaN;
    private UpstreamErrorKind lastErrorKind;
    private long lastErrorAtMillis;
    /** The last active probe: null before the first, "ok", or why it failed. */
    private String lastProbe;
    private long lastProbeAtMillis;

    public ProviderStats(String provider) {
        this.provider = provider;
    }

    /** One upstream attempt; {@code latency} is null when no answer came back. */
    public void record(long nowMillis, UpstreamErrorKind error, boolean failed, Duration latency) {
        window.add(nowMillis, failed);
        synchronized (this) {
            if (latency != null) {
                double millis = latency.toNanos() / 1e6;
                latencyMillis = Double.isNaN(latencyMillis)
                        ? millis
                        : LATENCY_WEIGHT * millis + (1 - LATENCY_WEIGHT) * latencyMillis;
            }
            if (error != null) {
                lastErrorKind = error;
                lastErrorAtMillis = nowMillis;
            }
        }
    }

    public void breaker(String model, BreakerState state) {
        breakers.put(model, state);
    }

    /** An active probe (configured per provider) answered, or failed for {@code reason}. */
    public synchronized void probed(long nowMillis, boolean ok, String reason) {
        lastProbe = ok ? "ok" : reason;
        lastProbeAtMillis = nowMillis;
    }

    public ProviderSnapshot snapshot(long nowMillis, HealthThresholds thresholds) {
        WindowCounts counts = window.sum(nowMillis, SlidingCounts.WINDOW);
        Map<String, BreakerState> breakerStates = new TreeMap<>(breakers);
        HealthStatus status = thresholds.errorRatioStatus(counts);
        String reason = counts.requests() < thresholds.minimumRequests()
                ? Phrases.tooFewToJudge(counts, thresholds.minimumRequests())
                : Phrases.failures(counts);
        long open = breakerStates.values().stream().filter(state -> state == BreakerState.OPEN).count();
        long notClosed = breakerStates.values().stream().filter(state -> state != BreakerState.CLOSED).count();
        if (open > 0 && open == breakerStates.size()) {
            status = HealthStatus.UNHEALTHY;
            reason = open == 1 ? "breaker open" : "all " + open + " breakers open";
        } else if (notClosed > 0 && status == HealthStatus.HEALTHY) {
            status = HealthStatus.DEGRADED;
            reason = notClosed + " of " + breakerStates.size() + " breakers open or half-open";
        }
        synchronized (this) {
            if (lastProbe != null && !lastProbe.equals("ok")) {
                status = HealthStatus.UNHEALTHY;
                reason = "the last probe failed: " + lastProbe;
            }
            return new ProviderSnapshot(provider, status, reason, counts.requests(), counts.errors(),
                    counts.errorRatio(), Double.isNaN(latencyMillis) ? 0 : latencyMillis,
                    lastErrorKind == null ? null : lastErrorKind.label(),
                    lastErrorKind == null ? null : Instant.ofEpochMilli(lastErrorAtMillis).toString(),
                    breakerStates, lastProbe,
                    lastProbe == null ? null : Instant.ofEpochMilli(lastProbeAtMillis).toString());
        }
    }
}
