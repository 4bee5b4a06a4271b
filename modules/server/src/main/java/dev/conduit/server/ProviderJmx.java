package dev.conduit.server;

import dev.conduit.config.ProviderConfig;
import dev.conduit.health.BreakerState;
import dev.conduit.health.Monitoring;
import dev.conduit.health.ProviderSnapshot;
import dev.conduit.health.ProviderUsage;
import dev.conduit.providers.UpstreamPool;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * One provider's {@link ProviderMXBean}. It reads the provider by name from the config, health
 * and pools in force at each call, so it stays true across reloads that keep the provider.
 */
final class ProviderJmx implements ProviderMXBean {

    private static final ProviderUsage NO_USAGE = new ProviderUsage(0, 0, 0, 0, 0);

    private final String name;
    private final Supplier<Optional<ProviderConfig>> config;
    private final Monitoring monitoring;
    private final Supplier<List<UpstreamPool>> pools;

    ProviderJmx(String name, Supplier<Optional<ProviderConfig>> config, Monitoring monitoring,
            Supplier<List<UpstreamPool>> pools) {
        this.name = name;
        this.config = config;
        this.monitoring = monitoring;
        this.pools = pools;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getEndpoint() {
        return config.get().map(provider -> endpoint(provider.apiBaseUrl())).orElse("");
    }

    private static String endpoint(URI url) {
        if (url.getScheme() == null || url.getHost() == null) {
            return "";
        }
        return url.getScheme() + "://" + url.getHost() + (url.getPort() >= 0 ? ":" + url.getPort() : "");
    }

    @Override
    public List<String> getModels() {
        return config.get().map(ProviderConfig::models).orElse(List.of());
    }

    @Override
    public int getApiKeyCount() {
        return config.get().map(provider -> provider.apiKeys().size()).orElse(0);
    }

    private Optional<ProviderSnapshot> health() {
        return monitoring.providers().snapshot(name);
    }

    @Override
    public String getStatus() {
        return health().map(snapshot -> snapshot.status().label()).orElse("");
    }

    @Override
    public int getStatusLevel() {
        return health().map(snapshot -> snapshot.status().ordinal()).orElse(0);
    }

    @Override
    public String getReason() {
        return health().map(ProviderSnapshot::reason).orElse("");
    }

    @Override
    public long getRecentAttempts() {
        return health().map(ProviderSnapshot::requests).orElse(0L);
    }

    @Override
    public long getRecentErrors() {
        return health().map(ProviderSnapshot::errors).orElse(0L);
    }

    @Override
    public double getRecentErrorRatio() {
        return health().map(ProviderSnapshot::errorRatio).orElse(0.0);
    }

    @Override
    public double getLatencyMillis() {
        return health().map(ProviderSnapshot::latencyMillis).orElse(0.0);
    }

    @Override
    public String getLastErrorKind() {
        return health().map(ProviderSnapshot::lastErrorKind).orElse("");
    }

    @Override
    public String getLastErrorAt() {
        return health().map(ProviderSnapshot::lastErrorAt).orElse("");
    }

    @Override
    public String getLastProbe() {
        return health().map(ProviderSnapshot::lastProbe).orElse("");
    }

    @Override
    public Map<String, String> getBreakers() {
        Map<String, String> breakers = new TreeMap<>();
        health().ifPresent(snapshot -> snapshot.breakers()
                .forEach((model, state) -> breakers.put(model, state.name().toLowerCase(Locale.ROOT))));
        return breakers;
    }

    @Override
    public int getOpenBreakers() {
        return health().map(snapshot -> (int) snapshot.breakers().values().stream()
                .filter(state -> state == BreakerState.OPEN).count()).orElse(0);
    }

    private ProviderUsage usage() {
        return monitoring.metrics().summary().usageByProvider().getOrDefault(name, NO_USAGE);
    }

    @Override
    public long getInputTokens() {
        return usage().inputTokens();
    }

    @Override
    public long getOutputTokens() {
        return usage().outputTokens();
    }

    @Override
    public long getCacheReadTokens() {
        return usage().cacheReadTokens();
    }

    @Override
    public long getCacheWriteTokens() {
        return usage().cacheWriteTokens();
    }

    @Override
    public double getEstimatedCostUsd() {
        return usage().estimatedCostUsd();
    }

    private Optional<UpstreamPool> pool() {
        return pools.get().stream().filter(pool -> pool.provider().equals(name)).findFirst();
    }

    @Override
    public int getConnectionsActive() {
        return pool().map(UpstreamPool::active).orElse(0);
    }

    @Override
    public int getConnectionsIdle() {
        return pool().map(UpstreamPool::idle).orElse(0);
    }

    @Override
    public int getRequestsQueued() {
        return pool().map(UpstreamPool::queued).orElse(0);
    }
}
