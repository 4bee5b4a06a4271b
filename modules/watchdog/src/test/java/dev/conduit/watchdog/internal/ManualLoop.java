package dev.conduit.watchdog.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/** The supervisor's loop driven by the test: tasks run when it says, timers fire when it moves the clock. */
final class ManualLoop implements EventLoop {

    private final MutableClock clock;
    private final Deque<Runnable> tasks = new ArrayDeque<>();
    private final List<PendingTimer> timers = new ArrayList<>();

    ManualLoop(MutableClock clock) {
        this.clock = clock;
    }

    private final class PendingTimer implements Timer {
        final Instant due;
        final Runnable task;

        PendingTimer(Instant due, Runnable task) {
            this.due = due;
            this.task = task;
        }

        @Override
        public void cancel() {
            timers.remove(this);
        }
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
    }

    @Override
    public Timer schedule(Duration delay, Runnable task) {
        PendingTimer timer = new PendingTimer(clock.instant().plus(delay), task);
        timers.add(timer);
        return timer;
    }

    /** Runs every queued task, and the tasks those queue. */
    void runPending() {
        for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
            task.run();
        }
    }

    /** Moves the clock, firing each timer at its time, in order. */
    void advance(Duration duration) {
        Instant end = clock.instant().plus(duration);
        runPending();
        while (true) {
            PendingTimer next = timers.stream().filter(timer -> !timer.due.isAfter(end))
                    .min(Comparator.comparing(timer -> timer.due)).orElse(null);
            if (next == null) {
                break;
            }
            timers.remove(next);
            clock.advance(Duration.between(clock.instant(), next.due));
            next.task.run();
            runPending();
        }
        clock.advance(Duration.between(clock.instant(), end));
    }
}
