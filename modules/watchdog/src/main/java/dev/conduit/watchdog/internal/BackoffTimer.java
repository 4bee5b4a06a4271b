package dev.conduit.watchdog.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** The one pending start of a worker after a failure's backoff: when it is due, and cancelling it. Loop only. */
final class BackoffTimer {

    private final EventLoop loop;
    private final InstantSource clock;
    private EventLoop.Timer timer;
    private Instant due;

    BackoffTimer(EventLoop loop, InstantSource clock) {
        this.loop = loop;
        this.clock = clock;
    }

    void schedule(Duration wait, Runnable start) {
        cancel();
        due = clock.instant().plus(wait);
        timer = loop.schedule(wait, () -> {
            timer = null;
            due = null;
            start.run();
        });
    }

    void cancel() {
        if (timer != null) {
            timer.cancel();
            timer = null;
            due = null;
        }
    }

    /** When the pending start is due; null when none is pending. */
    Instant due() {
        return due;
    }
}
