package dev.conduit.watchdog.internal;

import java.time.Duration;

/** The one thread the supervisor's state lives on: tasks run in order, timers fire on it too. */
public interface EventLoop {

    /** A timer that has not fired yet can be cancelled. */
    interface Timer {
        void cancel();
    }

    void execute(Runnable task);

    Timer schedule(Duration delay, Runnable task);
}
