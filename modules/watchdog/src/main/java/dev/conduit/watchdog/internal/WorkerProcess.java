package dev.conduit.watchdog.internal;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/** A worker process the supervisor started or adopted. */
public interface WorkerProcess {

    long pid();

    Instant startedAt();

    /** Completes when the process has ended. */
    CompletableFuture<ExitStatus> exited();

    /** SIGTERM: the worker drains and exits. */
    void terminate();

    /** SIGKILL. */
    void kill();
}
