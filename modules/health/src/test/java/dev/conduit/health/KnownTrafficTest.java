package dev.conduit.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Three requests, one of which fails upstream, and every number that follows from them. */
class KnownTrafficTest {

    private static final ModelPrice DEEPSEEK_CHAT = new ModelPrice(0.27, 1.10, 0.07, 0);

    private final FakeClock clock = new FakeClock();
    private final Monitoring monitoring = Monitoring.builder()
            .clock(clock)
            .heap(() -> new HeapUsage(100 << 20, 512 << 20))
            .jvmMetrics(false)
            .build();

    @BeforeEach
    void threeRequests() {
        monitoring.configure(List.of("deepseek"),
                new PriceTable(Map.of("deepseek,deepseek-chat", DEEPSEEK_CHAT)));
        monitoring.record(new RequestOutcome("default", "deepseek", "deepseek-chat", 200,
                Duration.ofSeconds(3), Duration.ofNanos(300_000), Duration.ofMillis(400),
                new TokenUsage(100, 50, 20, 0), true, null));
        monitoring.record(new RequestOutcome("default", "deepseek", "deepseek-chat", 200,
                Duration.ofSeconds(2), Duration.ofNanos(700_000), null,
                new TokenUsage(200, 80, 0, 0), false, null));
        monitoring.record(new RequestOutcome("default", "deepseek", "deepseek-chat", 502,
                Duration.ofMillis(40), Duration.ofNanos(200_000), null,
                TokenUsage.NONE, false, UpstreamErrorKind.CONNECT));
    }

    @Test
    void countsRequestsByStatusAndTheFailureByKind() {
        Scrape scrape = Scrape.of(monitoring.metrics());
        String[] target = {"route", "default", "provider", "deepseek", "model", "deepseek-chat"};

        assertThat(scrape.counter("conduit_requests_total", with(target, "status", "200"))).isEqualTo(2);
        assertThat(scrape.counter("conduit_requests_total", with(target, "status", "502"))).isEqualTo(1);
        assertThat(scrape.counter("conduit_request_failures_total", with(target, "kind", "connect"))).isEqualTo(1);
        assertThat(scrape.counter("conduit_upstream_errors_total", "provider", "deepseek", "kind", "connect"))
                .isEqualTo(1);
        assertThat(scrape.family("conduit_request_failures_total").getMetricCount()).isEqualTo(1);
    }

    @Test
    void countsTokensAndTheirCost() {
        Scrape scrape = Scrape.of(monitoring.metrics());
        String[] target = {"provider", "deepseek", "model", "deepseek-chat"};

        assertThat(scrape.counter("conduit_tokens_total", with(target, "kind", "input"))).isEqualTo(300);
        assertThat(scrape.counter("conduit_tokens_total", with(target, "kind", "output"))).isEqualTo(130);
        assertThat(scrape.counter("conduit_tokens_total", with(target, "kind", "cache_read"))).isEqualTo(20);
        assertThat(scrape.counter("conduit_estimated_cost_usd_total", target))
                .isCloseTo((300 * 0.27 + 130 * 1.10 + 20 * 0.07) / 1e6, within(1e-12));
    }

    @Test
    void summarizesTheSameNumbers() {
        MetricsSummary summary = monitoring.metrics().summary();

        assertThat(summary.requests()).isEqualTo(3);
        assertThat(summary.failedRequests()).isEqualTo(1);
        assertThat(summary.errorRatio()).isEqualTo(1.0 / 3);
        assertThat(summary.upstreamErrors()).isEqualTo(1);
        assertThat(summary.usageByProvider()).containsOnlyKeys("deepseek");
        ProviderUsage usage = summary.usageByProvider().get("deepseek");
        assertThat(usage.inputTokens()).isEqualTo(300);
        assertThat(usage.outputTokens()).isEqualTo(130);
        assertThat(usage.cacheReadTokens()).isEqualTo(20);
        assertThat(usage.cacheWriteTokens()).isZero();
        assertThat(usage.estimatedCostUsd()).isCloseTo(225.4e-6, within(1e-12));
        // overheads 0.2, 0.3 and 0.7 ms: the median lies in the (0.25, 0.5] ms bucket
        assertThat(summary.overheadP50Seconds()).isBetween(0.00025, 0.0005);
        assertThat(summary.overheadP99Seconds()).isBetween(0.0005, 0.001);
    }

    @Test
    void judgesHealthByTheThresholds() {
        assertThat(monitoring.recentTraffic()).isEqualTo(new WindowCounts(3, 1));

        HealthReport report = monitoring.health().evaluate();

        assertThat(report.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(report.checks()).containsExactly(
                CheckResult.healthy("error_rate",
                        "1 of 3 requests failed (33%) in the last 5 minutes, fewer than 5 to judge"),
                CheckResult.healthy("recent_errors", "1 failed request in the last minute"),
                CheckResult.healthy("providers", "1 provider healthy"),
                CheckResult.healthy("heap", "20% of 512 MiB in use after the last collection"));
        ProviderSnapshot deepseek = monitoring.providers().snapshot("deepseek").orElseThrow();
        assertThat(deepseek.requests()).isEqualTo(3);
        assertThat(deepseek.errors()).isEqualTo(1);
        assertThat(deepseek.errorRatio()).isEqualTo(1.0 / 3);
        assertThat(deepseek.lastErrorKind()).isEqualTo("connect");
        assertThat(deepseek.lastErrorAt()).isEqualTo("2026-01-01T10:00:00Z");
    }

    @Test
    void moreTrafficCrossesTheDegradedThenTheUnhealthyRatio() {
        monitoring.record(Outcomes.ok("deepseek"));
        monitoring.record(Outcomes.failed("deepseek", UpstreamErrorKind.TIMEOUT));

        HealthReport fiveRequests = monitoring.health().evaluate();
        assertThat(fiveRequests.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(fiveRequests.checks().getFirst())
                .isEqualTo(CheckResult.degraded("error_rate", "2 of 5 requests failed (40%) in the last 5 minutes"));

        monitoring.record(Outcomes.failed("deepseek", UpstreamErrorKind.STATUS_5XX));

        HealthReport sixRequests = monitoring.health().evaluate();
        assertThat(sixRequests.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(sixRequests.reason()).isEqualTo(
                "error_rate: 3 of 6 requests failed (50%) in the last 5 minutes; "
                        + "providers: all providers unhealthy: deepseek unhealthy "
                        + "(3 of 6 requests failed (50%) in the last 5 minutes)");
    }

    private static String[] with(String[] labels, String name, String value) {
        String[] all = Arrays.copyOf(labels, labels.length + 2);
        all[labels.length] = name;
        all[labels.length + 1] = value;
        return all;
    }
}
