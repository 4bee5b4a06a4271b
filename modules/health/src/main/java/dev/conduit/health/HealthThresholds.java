package dev.conduit.health;

/**
 * When the built-in checks call the worker degraded or unhealthy. Error ratios apply to the
 * gateway as a whole and to each provider, and only once the window holds at least
 * {@code minimumRequests} requests, so a single early failure does not raise an alarm.
 *
 * @param degradedErrorRatio   failed share of requests in the window from which a check is degraded
 * @param unhealthyErrorRatio  failed share of requests in the window from which a check is unhealthy
 * @param minimumRequests      requests the window must hold before its error ratio is judged
 * @param recentErrorsDegraded failed requests within the last minute from which the worker is degraded
 * @param degradedHeapRatio    heap used after the last collection, as a share of the maximum, from which it is degraded
 * @param unhealthyHeapRatio   the same share from which it is unhealthy
 */
public record HealthThresholds(
        double degradedErrorRatio,
        double unhealthyErrorRatio,
        int minimumRequests,
        int recentErrorsDegraded,
        double degradedHeapRatio,
        double unhealthyHeapRatio) {

    public static final HealthThresholds DEFAULTS = new HealthThresholds(0.10, 0.50, 5, 10, 0.90, 0.97);

    public HealthThresholds {
        requireRatios("error", degradedErrorRatio, unhealthyErrorRatio);
        requireRatios("heap", degradedHeapRatio, unhealthyHeapRatio);
        if (minimumRequests < 1 || recentErrorsDegraded < 1) {
            throw new IllegalArgumentException("minimumRequests and recentErrorsDegraded must be at least 1");
        }
    }

    /** The status an error ratio earns, or healthy when there are too few requests to judge. */
    public HealthStatus errorRatioStatus(WindowCounts counts) {
        if (counts.requests() < minimumRequests) {
            return HealthStatus.HEALTHY;
        }
        double ratio = counts.errorRatio();
        if (ratio >= unhealthyErrorRatio) {
            return HealthStatus.UNHEALTHY;
        }
        return ratio >= degradedErrorRatio ? HealthStatus.DEGRADED : HealthStatus.HEALTHY;
    }

    private static void requireRatios(String what, double degraded, double unhealthy) {
        if (!(degraded > 0 && degraded <= unhealthy && unhealthy <= 1)) {
            throw new IllegalArgumentException(
                    what + " thresholds must satisfy 0 < degraded <= unhealthy <= 1, got " + degraded + " and " + unhealthy);
        }
    }
}
