package dev.conduit.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProviderHealthTest {

    private final FakeClock clock = new FakeClock();
    private final Monitoring monitoring = Monitoring.builder()
            .clock(clock)
            .heap(() -> new HeapUsage(1, 100))
            .jvmMetrics(false)
            .build();
    private final ProviderHealth providers = monitoring.providers();

    @BeforeEach
    void configure() {
        monitoring.configure(List.of("openrouter", "deepseek"), PriceTable.NONE);
    }

    @Test
    void listsConfiguredProvidersInConfigOrderWithoutTraffic() {
        assertThat(providers.snapshot()).extracting(ProviderSnapshot::provider).containsExactly("openrouter", "deepseek");
        ProviderSnapshot idle = providers.snapshot().getFirst();
        assertThat(idle.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(idle.reason()).isEqualTo("no requests in the last 5 minutes, fewer than 5 to judge");
        assertThat(idle.lastErrorKind()).isNull();
        assertThat(idle.lastErrorAt()).isNull();
        assertThat(providers.snapshot("unknown")).isEmpty();
    }

    @Test
    void countsRetriedAttemptsAgainstTheirProvider() {
        monitoring.attemptFailed("openrouter", UpstreamErrorKind.STATUS_5XX);
        monitoring.retried("openrouter");
        monitoring.attemptFailed("openrouter", UpstreamErrorKind.TIMEOUT);
        monitoring.fellBack("default");
        monitoring.record(Outcomes.ok("deepseek"));

        ProviderSnapshot openrouter = providers.snapshot("openrouter").orElseThrow();
        assertThat(openrouter.requests()).isEqualTo(2);
        assertThat(openrouter.errors()).isEqualTo(2);
        assertThat(openrouter.lastErrorKind()).isEqualTo("timeout");
        assertThat(providers.snapshot("deepseek").orElseThrow().errors()).isZero();
        assertThat(monitoring.recentTraffic()).isEqualTo(new WindowCounts(1, 0));
        MetricsSummary summary = monitoring.metrics().summary();
        assertThat(summary.requests()).isEqualTo(1);
        assertThat(summary.failedRequests()).isZero();
        assertThat(summary.upstreamErrors()).isEqualTo(2);
        assertThat(summary.retries()).isEqualTo(1);
        assertThat(summary.fallbacks()).isEqualTo(1);
    }

    @Test
    void aClientMistakeDoesNotCountAgainstTheProvider() {
        RequestOutcome badRequest = new RequestOutcome("default", "deepseek", "chat", 400, Duration.ofMillis(90),
                Duration.ofMillis(1), null, TokenUsage.NONE, false, UpstreamErrorKind.ofStatus(400));

        monitoring.record(badRequest);

        assertThat(badRequest.failed()).isFalse();
        ProviderSnapshot deepseek = providers.snapshot("deepseek").orElseThrow();
        assertThat(deepseek.requests()).isEqualTo(1);
        assertThat(deepseek.errors()).isZero();
        assertThat(deepseek.lastErrorKind()).isEqualTo("status_4xx");
        assertThat(monitoring.metrics().summary().upstreamErrors()).isEqualTo(1);
    }

    @Test
    void averagesLatencyFromTimeToFirstTokenOrTimeUpstream() {
        monitoring.record(Outcomes.ok("deepseek"));
        assertThat(providers.snapshot("deepseek").orElseThrow().latencyMillis()).isEqualTo(400);

        monitoring.record(new RequestOutcome("default", "deepseek", "chat", 200, Duration.ofMillis(1_401),
                Duration.ofMillis(1), null, TokenUsage.NONE, false, null));
        assertThat(providers.snapshot("deepseek").orElseThrow().latencyMillis())
                .isCloseTo(0.2 * 1_400 + 0.8 * 400, within(1e-9));
    }

    @Test
    void anOpenBreakerMakesItsProviderUnhealthy() {
        monitoring.breakerChanged("deepseek", "deepseek-chat", BreakerState.OPEN);
        monitoring.breakerChanged("deepseek", "deepseek-reasoner", BreakerState.HALF_OPEN);

        ProviderSnapshot some = providers.snapshot("deepseek").orElseThrow();
        assertThat(some.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(some.reason()).isEqualTo("2 of 2 breakers open or half-open");
        assertThat(some.breakers()).isEqualTo(
                Map.of("deepseek-chat", BreakerState.OPEN, "deepseek-reasoner", BreakerState.HALF_OPEN));

        monitoring.breakerChanged("deepseek", "deepseek-reasoner", BreakerState.OPEN);

        ProviderSnapshot all = providers.snapshot("deepseek").orElseThrow();
        assertThat(all.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(all.reason()).isEqualTo("all 2 breakers open");
        assertThat(monitoring.health().evaluate().checks()).contains(CheckResult.degraded("providers",
                "1 of 2 providers not healthy: deepseek unhealthy (all 2 breakers open)"));

        monitoring.breakerChanged("openrouter", "claude", BreakerState.OPEN);

        assertThat(monitoring.health().evaluate().checks()).contains(CheckResult.unhealthy("providers",
                "all providers unhealthy: openrouter unhealthy (breaker open), deepseek unhealthy (all 2 breakers open)"));
    }

    @Test
    void forgetsProvidersThatLeaveTheConfig() {
        monitoring.record(Outcomes.failed("openrouter", UpstreamErrorKind.CONNECT));

        monitoring.configure(List.of("deepseek"), PriceTable.NONE);
        monitoring.configure(List.of("deepseek", "openrouter"), PriceTable.NONE);

        assertThat(providers.snapshot("openrouter").orElseThrow().requests()).isZero();
    }

    @Test
    void aFailedProbeMakesTheProviderUnhealthyUntilOneSucceeds() {
        providers.probed("deepseek", false, "connection refused by api.deepseek.com:443");

        ProviderSnapshot failed = providers.snapshot("deepseek").orElseThrow();
        assertThat(failed.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(failed.reason()).isEqualTo("the last probe failed: connection refused by api.deepseek.com:443");
        assertThat(failed.lastProbeAt()).isEqualTo(clock.instant().toString());
        assertThat(monitoring.health().evaluate().checks()).filteredOn(check -> check.name().equals("providers"))
                .singleElement().satisfies(check -> assertThat(check.status()).isEqualTo(HealthStatus.DEGRADED));

        clock.advance(Duration.ofMinutes(1));
        providers.probed("deepseek", true, null);

        ProviderSnapshot recovered = providers.snapshot("deepseek").orElseThrow();
        assertThat(recovered.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(recovered.lastProbe()).isEqualTo("ok");
    }
}
