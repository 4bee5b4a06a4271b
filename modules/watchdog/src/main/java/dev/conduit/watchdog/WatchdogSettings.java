package dev.conduit.watchdog;

import java.time.Duration;

/**
 * The supervisor's thresholds. {@link #defaults()} are those of the issue that introduced it:
 * probe every 5 s, 3 misses make a hang; restart at once, then back off from 1 s doubling to
 * 60 s with ±20 % jitter; more than 5 restarts in 300 s are a crash loop; 10 healthy minutes
 * forgive the past. Memory limits are off (0) unless configured.
 *
 * @param probeInterval how often the worker is probed (HTTP {@code /alive} and its heartbeat)
 * @param probeTimeout how long one HTTP probe may take
 * @param missesAllowed consecutive failed probes that make the worker hung
 * @param hangGrace after SIGTERM, how long a hung worker gets before SIGKILL
 * @param startTimeout how long a new worker may take to serve
 * @param adoptTimeout how long a worker left by a dead supervisor gets to reconnect
 * @param backoffInitial the wait before the second restart in a row
 * @param backoffCap the longest wait between restarts
 * @param jitter the random share (±) added to each wait
 * @param healthyReset how long a worker must stay healthy for the backoff and alarm to reset
 * @param crashLoopRestarts more failures than this within {@code crashLoopWindow} raise the alarm
 * @param crashLoopWindow the window failures are counted in
 * @param maxRssBytes resident memory of the worker that triggers a rolling restart; 0: off
 * @param maxHeapBytes heap in use after collection that triggers a rolling restart; 0: off
 * @param memorySustain how long memory must stay over a limit before the restart
 */
public record WatchdogSettings(
        Duration probeInterval, Duration probeTimeout, int missesAllowed, Duration hangGrace,
        Duration startTimeout, Duration adoptTimeout,
        Duration backoffInitial, Duration backoffCap, double jitter, Duration healthyReset,
        int crashLoopRestarts, Duration crashLoopWindow,
        long maxRssBytes, long maxHeapBytes, Duration memorySustain) {

    public static WatchdogSettings defaults() {
        return new WatchdogSettings(Duration.ofSeconds(5), Duration.ofSeconds(2), 3, Duration.ofSeconds(5),
                Duration.ofSeconds(60), Duration.ofSeconds(10),
                Duration.ofSeconds(1), Duration.ofSeconds(60), 0.2, Duration.ofMinutes(10),
                5, Duration.ofSeconds(300),
                0, 0, Duration.ofSeconds(60));
    }

    public WatchdogSettings withMemoryLimits(long maxRssBytes, long maxHeapBytes, Duration memorySustain) {
        return new WatchdogSettings(probeInterval, probeTimeout, missesAllowed, hangGrace, startTimeout, adoptTimeout,
                backoffInitial, backoffCap, jitter, healthyReset, crashLoopRestarts, crashLoopWindow,
                maxRssBytes, maxHeapBytes, memorySustain);
    }

    public WatchdogSettings withProbes(Duration probeInterval, Duration probeTimeout, Duration hangGrace) {
        return new WatchdogSettings(probeInterval, probeTimeout, missesAllowed, hangGrace, startTimeout, adoptTimeout,
                backoffInitial, backoffCap, jitter, healthyReset, crashLoopRestarts, crashLoopWindow,
                maxRssBytes, maxHeapBytes, memorySustain);
    }
}
