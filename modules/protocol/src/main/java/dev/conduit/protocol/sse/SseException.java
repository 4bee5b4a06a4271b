package dev.conduit.protocol.sse;

/** An event stream that cannot be parsed any further. */
public final class SseException extends RuntimeException {

    public SseException(String message) {
        super(message, null, false, false);
    }
}
