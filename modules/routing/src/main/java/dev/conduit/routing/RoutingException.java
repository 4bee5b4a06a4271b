package dev.conduit.routing;

/**
 * A request no configured target can serve. {@code status} is the HTTP status the client gets;
 * the message tells the user what to change.
 */
public final class RoutingException extends RuntimeException {

    private final int status;

    public RoutingException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
