package dev.conduit.protocol.sse;

/**
 * One server-sent event: its type ({@code "message"} when the stream names none), its data (the
 * {@code data:} lines joined with newlines) and its last event id, if any.
 */
public record SseEvent(String event, String data, String id) {

    public static final String DEFAULT_TYPE = "message";
}
