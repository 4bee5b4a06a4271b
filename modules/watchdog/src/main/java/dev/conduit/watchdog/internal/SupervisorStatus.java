package dev.conduit.watchdog.internal;

import java.time.Instant;

/**
 * A snapshot of the supervisor, published after every change, so JMX reads it from any thread.
 *
 * @param worker the serving worker; {@link WorkerSnapshot#NONE} when none serves
 * @param lastExit null when no worker has ended
 * @param nextRestartAt null unless backing off
 */
public record SupervisorStatus(SupervisorState state, WorkerSnapshot worker, long restartsTotal, int restartsInWindow,
        boolean crashLoop, LastExit lastExit, Instant nextRestartAt) {

    /** The serving worker as the supervisor last saw it; -1 for what is not known. */
    public record WorkerSnapshot(long pid, Instant startedAt, String host, int port, String health,
            long residentBytes, long heapUsedBytes) {

        public static final WorkerSnapshot NONE = new WorkerSnapshot(-1, null, "", 0, "none", -1, -1);
    }

    /** How and why the last worker to end ended. */
    public record LastExit(ExitStatus status, String reason, Instant at) {}
}
