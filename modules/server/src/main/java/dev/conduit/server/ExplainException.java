package dev.conduit.server;

/** A request that cannot be explained: not JSON, not a valid request, or one no route can serve. */
public final class ExplainException extends Exception {

    public ExplainException(String message) {
        super(message, null, false, false);
    }
}
