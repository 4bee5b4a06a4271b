package dev.conduit.daemon;

/** The service cannot start; the message says why in words an operator can act on. */
public final class ServiceStartException extends Exception {

    public ServiceStartException(String message) {
        super(message, null, false, false);
    }
}
