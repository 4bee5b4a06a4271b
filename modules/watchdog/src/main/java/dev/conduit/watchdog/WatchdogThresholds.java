package dev.conduit.watchdog;

/**
 * The supervisor's thresholds as an MXBean open type (JConsole and the Prometheus JMX exporter
 * read it without Conduit's classes). Durations in seconds, sizes in bytes, 0 for a limit that is
 * off.
 */
public record WatchdogThresholds(
        long probeIntervalSeconds, int probeMissesAllowed, long hangGraceSeconds, long startTimeoutSeconds,
        long backoffInitialSeconds, long backoffCapSeconds, double backoffJitter, long healthyResetSeconds,
        int crashLoopRestarts, long crashLoopWindowSeconds,
        long maxWorkerResidentBytes, long maxWorkerHeapBytes, long memorySustainSeconds) {

    public static WatchdogThresholds of(WatchdogSettings settings) {
        return new WatchdogThresholds(settings.probeInterval().toSeconds(), settings.missesAllowed(),
                settings.hangGrace().toSeconds(), settings.startTimeout().toSeconds(),
                settings.backoffInitial().toSeconds(), settings.backoffCap().toSeconds(), settings.jitter(),
                settings.healthyReset().toSeconds(), settings.crashLoopRestarts(),
                settings.crashLoopWindow().toSeconds(), settings.maxRssBytes(), settings.maxHeapBytes(),
                settings.memorySustain().toSeconds());
    }
}
