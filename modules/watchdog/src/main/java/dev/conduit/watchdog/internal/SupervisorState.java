package dev.conduit.watchdog.internal;

/** What the supervisor is doing; the {@code State} attribute of the Watchdog MXBean. */
public enum SupervisorState {
    /** A worker was launched and is not serving yet. */
    STARTING,
    /** A worker serves and is probed. */
    SERVING,
    /** A rolling restart runs: a successor starts while the worker serves. */
    ROLLING,
    /** A worker failed; the next starts when the backoff has passed. */
    BACKOFF,
    /** Waiting for the worker a dead supervisor left to reconnect. */
    ADOPTING,
    /** stopWorker(): no worker runs and none is started. */
    STOPPED,
    /** The supervisor is shutting down with its workers. */
    STOPPING
}
