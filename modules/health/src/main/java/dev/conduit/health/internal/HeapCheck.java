package dev.conduit.health.internal;

import dev.conduit.health.CheckResult;
import dev.conduit.health.HealthCheck;
import dev.conduit.health.HealthStatus;
import dev.conduit.health.HealthThresholds;
import dev.conduit.health.HeapUsage;
import java.util.function.Supplier;

/** {@code heap}: heap in use after the last collection as a share of the maximum heap. */
public final class HeapCheck implements HealthCheck {

    private final Supplier<HeapUsage> heap;
    private final HealthThresholds thresholds;

    public HeapCheck(Supplier<HeapUsage> heap, HealthThresholds thresholds) {
        this.heap = heap;
        this.thresholds = thresholds;
    }

    @Override
    public CheckResult check() {
        HeapUsage usage = heap.get();
        double ratio = usage.ratio();
        HealthStatus status = ratio >= thresholds.unhealthyHeapRatio() ? HealthStatus.UNHEALTHY
                : ratio >= thresholds.degradedHeapRatio() ? HealthStatus.DEGRADED
                : HealthStatus.HEALTHY;
        String reason = Math.round(ratio * 100) + "% of " + (usage.maxBytes() >> 20) + " MiB in use after the last collection";
        return new CheckResult("heap", status, reason);
    }
}
