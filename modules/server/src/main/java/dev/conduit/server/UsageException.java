package dev.conduit.server;

/** Command-line arguments that make no sense; the message says which and why. */
public final class UsageException extends Exception {

    public UsageException(String message) {
        super(message, null, false, false);
    }
}
