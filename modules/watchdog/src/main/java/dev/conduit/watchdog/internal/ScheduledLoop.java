package dev.conduit.watchdog.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The supervisor's loop on one platform thread; a task that throws is logged and the loop goes on. */
public final class ScheduledLoop implements EventLoop, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledLoop.class);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("supervisor").factory());

    @Override
    public void execute(Runnable task) {
        try {
            executor.execute(guarded(task));
        } catch (RejectedExecutionException closed) {
            // an event (a control connection closing) after the supervisor stopped: nothing is left to decide
        }
    }

    @Override
    public Timer schedule(Duration delay, Runnable task) {
        var future = executor.schedule(guarded(task), delay.toMillis(), TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("the supervisor's loop failed a task", e);
            }
        };
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
