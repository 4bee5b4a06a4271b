package dev.conduit.server;

/** The worker could not start; the message says why in words a user can act on. */
public final class StartupException extends Exception {

    public StartupException(String message) {
        super(message, null, false, false);
    }
}
