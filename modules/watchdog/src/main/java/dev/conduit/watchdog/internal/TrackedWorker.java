package dev.conduit.watchdog.internal;

import dev.conduit.control.ControlMessage;
import dev.conduit.control.WorkerChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A worker as the supervisor tracks it; read and written on the supervisor's loop only. */
final class TrackedWorker {

    /** How long a worker that never said otherwise drains (the default DRAIN_TIMEOUT_MS). */
    static final Duration DEFAULT_DRAIN = Duration.ofSeconds(25);

    final WorkerProcess process;
    final Instant launchedAt;
    /** Why this worker was started: the first start, a restart after a failure, a rolling restart. */
    final String startReason;
    WorkerChannel channel;
    List<String> args = List.of();
    ControlMessage.Ready ready;
    Instant lastBeatAt;
    long heapUsedBytes = -1;
    long residentBytes = -1;
    int missedProbes;
    String health = "starting";
    boolean draining;
    /** Why it was told to go; null while it is meant to serve. */
    String leaveReason;
    EventLoop.Timer killTimer;

    TrackedWorker(WorkerProcess process, Instant launchedAt, String startReason) {
        this.process = process;
        this.launchedAt = launchedAt;
        this.startReason = startReason;
    }

    long pid() {
        return process.pid();
    }

    boolean leaving() {
        return leaveReason != null;
    }

    Duration drainTimeout() {
        return ready != null ? Duration.ofMillis(ready.drainTimeoutMillis()) : DEFAULT_DRAIN;
    }

    String address() {
        return ready == null ? "(not listening yet)" : ready.host() + ":" + ready.port();
    }

    SupervisorStatus.WorkerSnapshot snapshot() {
        return new SupervisorStatus.WorkerSnapshot(pid(), process.startedAt(), ready == null ? "" : ready.host(),
                ready == null ? 0 : ready.port(), health, residentBytes, heapUsedBytes);
    }

    /** Sends a command if the worker is connected; false when it is not. */
    boolean send(ControlMessage message) {
        return channel != null && channel.send(message);
    }
}
