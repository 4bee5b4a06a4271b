package dev.conduit.watchdog.internal;

/** What the supervisor announces (as JMX notifications), besides logging it. */
public interface SupervisorEvents {

    void crashed(long pid, String reason);

    void restarted(long pid, String reason);

    void crashLoop(String alarm);

    void hung(long pid, String reason);
}
