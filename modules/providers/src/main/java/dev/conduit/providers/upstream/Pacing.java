package dev.conduit.providers.upstream;

import java.time.Duration;

/**
 * How waiting upstream calls are paced.
 *
 * @param tick how often a client's {@link CallWatcher} checks each of its calls (client gone,
 *     drain deadline, limits): how soon a call ends after one of them
 * @param quietWake how long a call's thread waits for news before the watcher wakes it to look
 *     for itself and maybe send a keep-alive ping (at the watcher's next tick)
 */
public record Pacing(Duration tick, Duration quietWake) {

    private static final Duration MAX_TICK = Duration.ofMillis(100);
    /** Keep-alive pings are due at most this late; the watcher covers everything else. */
    private static final Duration MAX_QUIET_WAKE = Duration.ofSeconds(1);

    /** Checks every 100 ms and wakes every second, or both every half ping interval if that is shorter. */
    public static Pacing forPingInterval(Duration pingInterval) {
        // not Duration.dividedBy: it computes with BigDecimal, whose first use costs a worker's start 20 ms
        Duration half = Duration.ofNanos(pingInterval.toNanos() / 2);
        return new Pacing(min(half, MAX_TICK), min(half, MAX_QUIET_WAKE));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }
}
