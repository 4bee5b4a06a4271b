package dev.conduit.providers;

import dev.conduit.protocol.anthropic.StreamEvent;
import dev.conduit.protocol.sse.SseEvent;
import java.io.IOException;

/**
 * Where a streamed answer goes, in the client's format. Events are collected by {@link #send}
 * (and {@link #forward}) and written to the client by {@link #flush}, once per upstream read, so
 * one network write carries all events of a read.
 */
public interface EventSink extends ClientLink {

    /** An event of the hub model, written in the client's format. */
    void send(StreamEvent event);

    /**
     * An upstream event that is already in the client's format, written as it came. Only for a
     * provider that speaks the client's API; pair it with {@link #observe}.
     */
    void forward(SseEvent event);

    /** What a forwarded event meant, for the access log and metrics; nothing is written. */
    void observe(StreamEvent event);

    /** Writes what was sent so far; fails when the client has gone away. */
    void flush() throws IOException;

    /** Whether any event has reached the client, after which errors can only be sent in-band. */
    boolean committed();

    /** The upstream failed after the stream started; an in-band error event follows. */
    default void upstreamFailed(UpstreamException.Kind kind) {
    }
}
