package dev.conduit.watchdog;

import dev.conduit.management.Description;

/**
 * {@code dev.conduit:type=Watchdog}, in the supervisor: the worker it keeps serving, its restarts
 * and alarms, and the operations an operator needs. Notifications: {@value #CRASH},
 * {@value #RESTART}, {@value #CRASH_LOOP}, {@value #HANG}.
 */
@Description("The supervisor: keeps one healthy worker serving the port, restarts it, detects hangs and crash loops")
public interface WatchdogMXBean {

    /** A worker exited without being asked to. */
    String CRASH = "dev.conduit.watchdog.crash";
    /** A new worker serves: after a crash or hang, or a rolling restart. */
    String RESTART = "dev.conduit.watchdog.restart";
    /** More restarts than allowed within the window; the supervisor keeps trying at the longest backoff. */
    String CRASH_LOOP = "dev.conduit.watchdog.crashloop";
    /** The worker missed its probes and is being replaced. */
    String HANG = "dev.conduit.watchdog.hang";

    @Description("STARTING, SERVING, ROLLING (a rolling restart runs), BACKOFF (waiting to restart), ADOPTING, STOPPED (stopWorker) or STOPPING")
    String getState();

    @Description("Process id of the supervisor")
    long getSupervisorPid();

    @Description("Seconds since the supervisor started")
    long getSupervisorUptimeSeconds();

    @Description("Process id of the worker serving the port; -1 when there is none")
    long getWorkerPid();

    @Description("Seconds since the serving worker started; 0 when there is none")
    long getWorkerUptimeSeconds();

    @Description("The address the worker listens on")
    String getWorkerHost();

    @Description("The port the worker listens on; 0 when none serves")
    int getWorkerPort();

    @Description("The supervisor's view of the worker: alive, missed probes, starting, or none")
    String getWorkerHealth();

    @Description("Resident memory of the worker in bytes (Linux); -1 when unknown")
    long getWorkerResidentBytes();

    @Description("Heap the worker uses after its last collection, in bytes, from its heartbeat; -1 when unknown")
    long getWorkerHeapUsedBytes();

    @Description("Workers started since the supervisor started, the first one excluded")
    long getRestartsTotal();

    @Description("Failures (unplanned exits and hangs) within the crash-loop window")
    int getRestartsInWindow();

    @Description("True while the crash-loop alarm stands: it clears after the worker stays healthy long enough, or on restartWorker()")
    boolean isCrashLoop();

    @Description("Exit status of the last worker that ended; -1 when none ended or it is not known")
    int getLastExitCode();

    @Description("The signal that ended the last worker (SIGKILL, SIGTERM, ...); empty when it exited by itself")
    String getLastExitSignal();

    @Description("Why the last worker ended, in words")
    String getLastExitReason();

    @Description("When the last worker ended (ISO-8601); empty when none has")
    String getLastExitTime();

    @Description("Milliseconds until the next restart while backing off; 0 otherwise")
    long getNextRestartInMillis();

    @Description("The probe, hang, backoff, crash-loop and memory thresholds")
    WatchdogThresholds getThresholds();

    @Description("Rolling restart: starts a new worker, waits until it serves, then drains the old one; clears the crash-loop alarm")
    String restartWorker();

    @Description("Drains and stops the worker; the supervisor stays and restarts nothing until startWorker()")
    String stopWorker();

    @Description("Starts a worker after stopWorker(), and waits until it serves")
    String startWorker();
}
