package dev.conduit.watchdog.internal;

import dev.conduit.watchdog.WatchdogSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.DoubleSupplier;

/**
 * When to start the next worker after one failed (exited unplanned or hung): the first restart
 * at once, then {@code backoffInitial} doubling up to {@code backoffCap}, each wait with random
 * jitter. More than {@code crashLoopRestarts} failures within {@code crashLoopWindow} latch the
 * crash-loop alarm, and the waits stay at the cap; the supervisor keeps trying. A worker that
 * stays healthy for {@code healthyReset} resets the backoff and the alarm, as does an operator's
 * restart. Pure logic: time comes from the clock, chance from {@code random} (uniform in [0, 1)).
 */
public final class RestartPolicy {

    private final WatchdogSettings settings;
    private final InstantSource clock;
    private final DoubleSupplier random;
    private final Deque<Instant> recentFailures = new ArrayDeque<>();
    private int failuresInARow;
    private boolean crashLoop;
    private Instant healthySince;

    public RestartPolicy(WatchdogSettings settings, InstantSource clock, DoubleSupplier random) {
        this.settings = settings;
        this.clock = clock;
        this.random = random;
    }

    /** Records a failure now and returns how long to wait before starting the next worker. */
    public Duration failed() {
        resetIfHealthyLongEnough();
        Instant now = clock.instant();
        healthySince = null;
        failuresInARow++;
        recentFailures.addLast(now);
        forgetOlderThanWindow(now);
        if (recentFailures.size() > settings.crashLoopRestarts()) {
            crashLoop = true;
        }
        if (failuresInARow == 1 && !crashLoop) {
            return Duration.ZERO;
        }
        Duration base = crashLoop ? settings.backoffCap() : doubled(failuresInARow - 2);
        double factor = 1 + settings.jitter() * (2 * random.getAsDouble() - 1);
        return Duration.ofMillis(Math.round(base.toMillis() * factor));
    }

    private Duration doubled(int doublings) {
        long cap = settings.backoffCap().toMillis();
        long wait = settings.backoffInitial().toMillis();
        for (int i = 0; i < doublings && wait < cap; i++) {
            wait *= 2;
        }
        return Duration.ofMillis(Math.min(wait, cap));
    }

    /** The worker serves and passed its probe; a healthy streak starts unless one runs. */
    public void healthy() {
        if (healthySince == null) {
            healthySince = clock.instant();
        }
    }

    /** The worker missed a probe or stopped serving: the healthy streak ends. */
    public void unhealthy() {
        healthySince = null;
    }

    /**
     * Resets the backoff and the crash-loop alarm once the worker has been healthy for
     * {@code healthyReset}; true when this call reset something.
     */
    public boolean resetIfHealthyLongEnough() {
        if (healthySince == null || failuresInARow == 0 && !crashLoop) {
            return false;
        }
        if (Duration.between(healthySince, clock.instant()).compareTo(settings.healthyReset()) < 0) {
            return false;
        }
        reset();
        return true;
    }

    /** Forgets the failures: an operator restarted the worker, or it stayed healthy long enough. */
    public void reset() {
        failuresInARow = 0;
        crashLoop = false;
        recentFailures.clear();
    }

    /** True from the failure that made more than {@code crashLoopRestarts} in the window until a reset. */
    public boolean crashLoop() {
        return crashLoop;
    }

    /** Failures within the last {@code crashLoopWindow}. */
    public int failuresInWindow() {
        forgetOlderThanWindow(clock.instant());
        return recentFailures.size();
    }

    private void forgetOlderThanWindow(Instant now) {
        Instant start = now.minus(settings.crashLoopWindow());
        while (!recentFailures.isEmpty() && recentFailures.peekFirst().isBefore(start)) {
            recentFailures.removeFirst();
        }
    }
}
