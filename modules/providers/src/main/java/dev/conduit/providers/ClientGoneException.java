package dev.conduit.providers;

/** The client went away; the upstream request has been aborted and nothing more can be sent. */
public final class ClientGoneException extends RuntimeException {

    public ClientGoneException(String message) {
        super(message, null, false, false);
    }
}
