package dev.conduit.providers;

import dev.conduit.protocol.anthropic.StreamEvent;
import dev.conduit.protocol.sse.SseEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * An adapter's client, for tests: what reaches it (forwarded upstream events and events sent in the
 * hub model, in order), what it observed, and the upstream failures it was told of.
 */
public final class RecordingSink implements EventSink {
    public final List<Object> written = new ArrayList<>();
    public final List<StreamEvent> observed = new ArrayList<>();
    public final List<UpstreamException.Kind> failures = new ArrayList<>();
    /** How many written events had been flushed at the last flush. */
    public int flushed;

    @Override
    public void send(StreamEvent event) {
        written.add(event);
    }

    @Override
    public void forward(SseEvent event) {
        written.add(event);
    }

    @Override
    public void observe(StreamEvent event) {
        observed.add(event);
    }

    @Override
    public void flush() {
        flushed = written.size();
    }

    @Override
    public boolean committed() {
        return flushed > 0;
    }

    @Override
    public void upstreamFailed(UpstreamException.Kind kind) {
        failures.add(kind);
    }

    @Override
    public boolean clientGone() {
        return false;
    }

    @Override
    public boolean mustStop() {
        return false;
    }

    public List<SseEvent> forwarded() {
        return written.stream().filter(SseEvent.class::isInstance).map(SseEvent.class::cast).toList();
    }

    public List<StreamEvent> sent() {
        return written.stream().filter(StreamEvent.class::isInstance).map(StreamEvent.class::cast).toList();
    }
}
