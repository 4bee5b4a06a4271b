package dev.conduit.providers;

import java.util.Optional;

/**
 * The upstream failed, or the call had to end: a refused or timed-out connection, an error status,
 * a broken stream. {@code status} is what the client gets (the upstream's own status where it
 * answered); the message names provider and model and the cause, and holds no secret.
 */
public final class UpstreamException extends RuntimeException {

    /** What went wrong, as metrics and health count it. */
    public enum Kind {
        CONNECT, TIMEOUT, AUTH, RATE_LIMITED, STATUS_4XX, STATUS_5XX, STREAM_BROKEN, BAD_RESPONSE,
        /** Not the provider's fault: the worker is draining and its deadline passed. */
        DRAINING;

        /** The kind of an error status an upstream answered (or reported inside its stream). */
        public static Kind ofStatus(int status) {
            if (status == 401 || status == 403) {
                return AUTH;
            }
            if (status == 429) {
                return RATE_LIMITED;
            }
            return status < 500 ? STATUS_4XX : STATUS_5XX;
        }
    }

    private final int status;
    private final Optional<String> retryAfter;
    private final Kind kind;
    private final boolean requestSent;

    /**
     * @param requestSent false only when the request provably never reached the upstream: the
     *     connection failed before the request was written, so sending it again cannot do it twice
     */
    public UpstreamException(int status, String message, Optional<String> retryAfter, Kind kind, boolean requestSent) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfter = retryAfter;
        this.kind = kind;
        this.requestSent = requestSent;
    }

    public UpstreamException(int status, String message, Optional<String> retryAfter, Kind kind) {
        this(status, message, retryAfter, kind, true);
    }

    /** An answer with an error status, counted by its status. */
    public UpstreamException(int status, String message, Optional<String> retryAfter) {
        this(status, message, retryAfter, Kind.ofStatus(status));
    }

    public UpstreamException(int status, String message, Kind kind) {
        this(status, message, Optional.empty(), kind);
    }

    public UpstreamException(int status, String message) {
        this(status, message, Optional.empty(), Kind.ofStatus(status));
    }

    public int status() {
        return status;
    }

    public Optional<String> retryAfter() {
        return retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether the request may have reached the upstream (see the constructor). */
    public boolean requestSent() {
        return requestSent;
    }
}
