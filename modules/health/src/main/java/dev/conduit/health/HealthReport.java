package dev.conduit.health;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every check of one evaluation and the overall status, the worst of them. The reason names the
 * checks that set the overall status.
 */
public record HealthReport(HealthStatus status, String reason, List<CheckResult> checks, Instant evaluatedAt) {

    public HealthReport {
        checks = List.copyOf(checks);
    }

    static HealthReport of(List<CheckResult> checks, Instant evaluatedAt) {
        HealthStatus status = checks.stream()
                .map(CheckResult::status)
                .reduce(HealthStatus.HEALTHY, HealthStatus::worst);
        String reason = status == HealthStatus.HEALTHY
                ? "all checks pass"
                : checks.stream()
                        .filter(check -> check.status() == status)
                        .map(check -> check.name() + ": " + check.reason())
                        .collect(Collectors.joining("; "));
        return new HealthReport(status, reason, checks, evaluatedAt);
    }
}
