package dev.conduit.connections;

/** Where a worker is in its life as the drain sees it. */
public enum DrainState {
    /** Serving normally. */
    SERVING,
    /** Not accepting: in-flight requests finish, streams run until the deadline. */
    DRAINING,
    /** The deadline passed: calls still running are being ended. */
    ENDING,
    /** Every connection is closed. */
    DRAINED
}
