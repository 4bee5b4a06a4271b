package dev.conduit.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Healthy → degraded → unhealthy → healthy as traffic arrives and ages out of the window. */
class HealthTransitionsTest {

    private final FakeClock clock = new FakeClock();
    private final AtomicReference<HeapUsage> heap = new AtomicReference<>(new HeapUsage(256 << 20, 1024 << 20));
    private final Monitoring monitoring = Monitoring.builder()
            .clock(clock)
            .heap(heap::get)
            .jvmMetrics(false)
            .build();
    private final List<HealthChange> changes = new ArrayList<>();

    @BeforeEach
    void listen() {
        monitoring.configure(List.of("deepseek", "openrouter"), PriceTable.NONE);
        monitoring.health().onChange(changes::add);
    }

    @Test
    void followsTheErrorRatioAndTellsEachChangeOnce() {
        repeat(10, () -> monitoring.record(Outcomes.ok("deepseek")));
        assertThat(evaluateTwice()).isEqualTo(HealthStatus.HEALTHY);

        repeat(2, () -> monitoring.record(Outcomes.failed("deepseek", UpstreamErrorKind.CONNECT)));
        assertThat(evaluateTwice()).isEqualTo(HealthStatus.DEGRADED);

        clock.advance(Duration.ofSeconds(30));
        repeat(12, () -> monitoring.record(Outcomes.failed("deepseek", UpstreamErrorKind.TIMEOUT)));
        assertThat(evaluateTwice()).isEqualTo(HealthStatus.UNHEALTHY);

        clock.advance(Duration.ofMinutes(5));
        assertThat(evaluateTwice()).isEqualTo(HealthStatus.HEALTHY);

        assertThat(changes).extracting(HealthChange::previous, HealthChange::current).containsExactly(
                tuple(HealthStatus.HEALTHY, HealthStatus.DEGRADED),
                tuple(HealthStatus.DEGRADED, HealthStatus.UNHEALTHY),
                tuple(HealthStatus.UNHEALTHY, HealthStatus.HEALTHY));
        assertThat(changes.get(0).reason()).isEqualTo(
                "error_rate: 2 of 12 requests failed (17%) in the last 5 minutes; "
                        + "providers: 1 of 2 providers not healthy: deepseek degraded "
                        + "(2 of 12 requests failed (17%) in the last 5 minutes)");
        assertThat(changes.get(1).reason())
                .startsWith("error_rate: 14 of 24 requests failed (58%) in the last 5 minutes");
        assertThat(changes.get(2).reason()).isEqualTo("all checks pass");
        assertThat(changes.get(2).at()).isEqualTo(clock.instant());
    }

    @Test
    void aBurstOfErrorsDegradesForAMinuteOnly() {
        repeat(200, () -> monitoring.record(Outcomes.ok("deepseek")));
        repeat(10, () -> monitoring.record(Outcomes.failed("openrouter", UpstreamErrorKind.RATE_LIMITED)));

        HealthReport burst = monitoring.health().evaluate();
        assertThat(burst.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(burst.checks()).contains(
                CheckResult.healthy("error_rate", "10 of 210 requests failed (5%) in the last 5 minutes"),
                CheckResult.degraded("recent_errors", "10 failed requests in the last minute"));

        clock.advance(Duration.ofSeconds(70));
        HealthReport later = monitoring.health().evaluate();
        assertThat(later.checks()).contains(CheckResult.healthy("recent_errors", "0 failed requests in the last minute"));
    }

    @Test
    void theHeapAloneCanMakeTheWorkerUnhealthy() {
        heap.set(new HeapUsage(930 << 20, 1024 << 20));
        assertThat(monitoring.health().evaluate().status()).isEqualTo(HealthStatus.DEGRADED);

        heap.set(new HeapUsage(1000 << 20, 1024 << 20));
        HealthReport report = monitoring.health().evaluate();

        assertThat(report.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(report.reason()).isEqualTo("heap: 98% of 1024 MiB in use after the last collection");
        assertThat(changes).extracting(HealthChange::current)
                .containsExactly(HealthStatus.DEGRADED, HealthStatus.UNHEALTHY);
    }

    @Test
    void includesChecksTheServerAdds() {
        monitoring.health().register(() -> CheckResult.unhealthy("draining", "the worker is draining"));
        monitoring.health().register(() -> {
            throw new IllegalStateException("broken check");
        });

        HealthReport report = monitoring.health().evaluate();

        assertThat(report.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(report.checks()).extracting(CheckResult::name)
                .containsExactly("error_rate", "recent_errors", "providers", "heap", "draining", "check_failed");
        assertThat(report.reason()).isEqualTo("draining: the worker is draining; "
                + "check_failed: a health check threw IllegalStateException");
        assertThat(report.status().httpStatus()).isEqualTo(503);
    }

    private HealthStatus evaluateTwice() {
        HealthStatus first = monitoring.health().evaluate().status();
        assertThat(monitoring.health().evaluate().status()).isEqualTo(first);
        return first;
    }

    private static void repeat(int times, Runnable action) {
        for (int i = 0; i < times; i++) {
            action.run();
        }
    }
}
