package dev.conduit.providers.openai;

import dev.conduit.protocol.anthropic.StreamEvent;
import dev.conduit.protocol.sse.SseEvent;
import dev.conduit.providers.EventSink;
import dev.conduit.providers.upstream.StreamTranslation;

/**
 * An OpenAI client's stream from an OpenAI-compatible provider: each upstream event goes to the
 * client as it came, while the translator follows along into the hub model for the access log and
 * metrics. An error Conduit itself must report (a limit, the drain) is written in the client's
 * format.
 */
final class ForwardedStream implements StreamTranslation {

    private final OpenAiStreamTranslator observer;
    private final EventSink sink;
    private final boolean clientWantsUsage;
    private boolean failed;

    /**
     * @param observer a translator whose events go to {@link EventSink#observe}
     * @param clientWantsUsage whether the client asked for the usage chunk (Conduit always asks,
     *     for its metrics, and keeps that chunk from clients that did not)
     */
    ForwardedStream(OpenAiStreamTranslator observer, EventSink sink, boolean clientWantsUsage) {
        this.observer = observer;
        this.sink = sink;
        this.clientWantsUsage = clientWantsUsage;
    }

    /** Forwards one upstream event, after the observer has seen its chunk. */
    void forward(SseEvent event, boolean usageOnly) {
        if (!usageOnly || clientWantsUsage) {
            sink.forward(event);
        }
    }

    OpenAiStreamTranslator observer() {
        return observer;
    }

    @Override
    public boolean started() {
        return observer.started();
    }

    @Override
    public boolean finished() {
        return observer.finished() || failed;
    }

    @Override
    public void ensureStarted() {
        observer.ensureStarted();
    }

    @Override
    public void onEnd(String provider) {
        boolean wasFinished = observer.finished();
        observer.onEnd(provider);
        if (!wasFinished && !observer.sawFinish()) {
            fail("api_error", "the stream from provider " + provider + " ended before the response was complete");
        }
    }

    @Override
    public void fail(String type, String message) {
        if (failed) {
            return;
        }
        failed = true;
        observer.fail(type, message);
        sink.send(new StreamEvent.Error(type, message));
    }
}
