package dev.conduit.health.internal;

import dev.conduit.health.CheckResult;
import dev.conduit.health.HealthCheck;
import dev.conduit.health.HealthStatus;
import dev.conduit.health.ProviderHealth;
import dev.conduit.health.ProviderSnapshot;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code providers}: unhealthy when every configured provider is unhealthy, degraded when some
 * provider is not healthy, since routing can still fall back to the others.
 */
public final class ProvidersCheck implements HealthCheck {

    private static final String NAME = "providers";

    private final ProviderHealth providers;

    public ProvidersCheck(ProviderHealth providers) {
        this.providers = providers;
    }

    @Override
    public CheckResult check() {
        List<ProviderSnapshot> all = providers.snapshot();
        if (all.isEmpty()) {
            return CheckResult.healthy(NAME, "no providers configured");
        }
        List<ProviderSnapshot> unhealthy = all.stream()
                .filter(provider -> provider.status() == HealthStatus.UNHEALTHY)
                .toList();
        if (unhealthy.size() == all.size()) {
            return CheckResult.unhealthy(NAME, "all providers unhealthy: " + describe(unhealthy));
        }
        List<ProviderSnapshot> notHealthy = all.stream()
                .filter(provider -> provider.status() != HealthStatus.HEALTHY)
                .toList();
        if (!notHealthy.isEmpty()) {
            return CheckResult.degraded(NAME,
                    notHealthy.size() + " of " + all.size() + " providers not healthy: " + describe(notHealthy));
        }
        return CheckResult.healthy(NAME, all.size() == 1 ? "1 provider healthy" : all.size() + " providers healthy");
    }

    private static String describe(List<ProviderSnapshot> providers) {
        return providers.stream()
                .map(provider -> provider.provider() + " " + provider.status().label() + " (" + provider.reason() + ")")
                .collect(Collectors.joining(", "));
    }
}
