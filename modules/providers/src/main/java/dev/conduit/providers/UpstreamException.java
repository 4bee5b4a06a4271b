package dev.conduit.providers;

import java.util.Optional;

/**
 * The upstream failed before anything reached the client: a refused or timed-out connection, or
 * an error status. {@code status} is what the client gets (the upstream's own status where it
 * answered); the message names provider and model and the cause, and holds no secret.
 */
public final class UpstreamException extends RuntimeException {

    private final int status;
    private final Optional<String> retryAfter;

    public UpstreamException(int status, String message, Optional<String> retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public UpstreamException(int status, String message) {
        this(status, message, Optional.empty());
    }

    public int status() {
        return status;
    }

    public Optional<String> retryAfter() {
        return retryAfter;
    }
}
