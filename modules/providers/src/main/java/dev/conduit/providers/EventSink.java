package dev.conduit.providers;

import dev.conduit.protocol.anthropic.StreamEvent;
import java.io.IOException;

/**
 * Where a streamed answer goes. Events are collected by {@link #send} and written to the client
 * by {@link #flush}, once per upstream read, so one network write carries all events of a read.
 */
public interface EventSink extends ClientLink {

    void send(StreamEvent event);

    /** Writes what was sent so far; fails when the client has gone away. */
    void flush() throws IOException;

    /** Whether any event has reached the client, after which errors can only be sent in-band. */
    boolean committed();

    /** The upstream failed after the stream started; an in-band error event follows. */
    default void upstreamFailed(UpstreamException.Kind kind) {
    }
}
