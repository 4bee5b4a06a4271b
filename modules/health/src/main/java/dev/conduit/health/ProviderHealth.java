package dev.conduit.health;

import dev.conduit.health.internal.ProviderStats;
import java.time.InstantSource;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Passive health of each provider, learnt from live traffic only: no probe requests are sent.
 * Counts every upstream attempt (a retried one included) in a 5-minute sliding window, with a
 * moving average of latency, the last error's kind and time, and breaker states as routing
 * reports them.
 */
public final class ProviderHealth {

    private final InstantSource clock;
    private final HealthThresholds thresholds;
    private final ConcurrentMap<String, ProviderStats> stats = new ConcurrentHashMap<>();
    private volatile Set<String> configured = Set.of();

    ProviderHealth(InstantSource clock, HealthThresholds thresholds) {
        this.clock = clock;
        this.thresholds = thresholds;
    }

    /** The providers of the current config, in config order; statistics of others are dropped. */
    public void configure(Collection<String> providers) {
        Set<String> names = new LinkedHashSet<>(providers);
        configured = names;
        stats.keySet().retainAll(names);
    }

    /** The final attempt of a client request. Requests that reached no provider are ignored. */
    public void record(RequestOutcome outcome) {
        if (outcome.provider().equals(RequestOutcome.NONE)) {
            return;
        }
        stats(outcome.provider()).record(clock.millis(), outcome.upstreamError(), outcome.failed(),
                outcome.upstreamError() == null ? outcome.upstreamLatency() : null);
    }

    /** An attempt that failed and was retried or fell back to another target. */
    public void recordAttemptFailure(String provider, UpstreamErrorKind kind) {
        stats(provider).record(clock.millis(), kind, kind.countsAsFailure(), null);
    }

    /** The result of an active probe; a failed one makes the provider unhealthy until one succeeds. */
    public void probed(String provider, boolean ok, String reason) {
        stats(provider).probed(clock.millis(), ok, reason);
    }

    public void breakerChanged(String provider, String model, BreakerState state) {
        stats(provider).breaker(Objects.requireNonNull(model, "model"), Objects.requireNonNull(state, "state"));
    }

    /** Every configured provider, in config order. */
    public List<ProviderSnapshot> snapshot() {
        long now = clock.millis();
        return configured.stream().map(provider -> stats(provider).snapshot(now, thresholds)).toList();
    }

    public Optional<ProviderSnapshot> snapshot(String provider) {
        return configured.contains(provider)
                ? Optional.of(stats(provider).snapshot(clock.millis(), thresholds))
                : Optional.empty();
    }

    private ProviderStats stats(String provider) {
        ProviderStats existing = stats.get(provider);
        return existing != null ? existing : stats.computeIfAbsent(provider, ProviderStats::new);
    }
}
