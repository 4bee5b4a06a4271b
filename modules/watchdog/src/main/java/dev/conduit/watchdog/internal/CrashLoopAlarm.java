package dev.conduit.watchdog.internal;

import dev.conduit.watchdog.WatchdogSettings;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The crash-loop alarm: raised (logged, announced, and shown in every worker's {@code /health})
 * when the restart policy sees a crash loop, cleared when the policy resets. Workers get the
 * current text when they connect, and every change.
 */
final class CrashLoopAlarm {

    private static final Logger LOG = LoggerFactory.getLogger(CrashLoopAlarm.class);

    private final WatchdogSettings settings;
    private final SupervisorEvents events;
    private final Consumer<String> toWorkers;
    private String text = "";

    /** @param toWorkers tells every connected worker the alarm's text (empty: cleared) */
    CrashLoopAlarm(WatchdogSettings settings, SupervisorEvents events, Consumer<String> toWorkers) {
        this.settings = settings;
        this.events = events;
        this.toWorkers = toWorkers;
    }

    /** Raises the alarm if the policy sees a crash loop and it is not raised yet. */
    void update(RestartPolicy policy) {
        if (policy.crashLoop() && text.isEmpty()) {
            text = "crash loop: " + policy.failuresInWindow() + " worker failures within "
                    + settings.crashLoopWindow().toSeconds() + " s; restarting every "
                    + settings.backoffCap().toSeconds() + " s";
            LOG.error("{}", text);
            events.crashLoop(text);
            toWorkers.accept(text);
        }
    }

    void clear() {
        if (!text.isEmpty()) {
            text = "";
            LOG.info("the crash-loop alarm has cleared");
            toWorkers.accept("");
        }
    }

    boolean raised() {
        return !text.isEmpty();
    }

    String text() {
        return text;
    }
}
