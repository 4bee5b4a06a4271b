package dev.conduit.server.http;

import dev.conduit.protocol.anthropic.StreamEvent;
import dev.conduit.protocol.anthropic.Usage;
import dev.conduit.providers.EventSink;
import dev.conduit.providers.UpstreamException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;

/**
 * Writes a streamed answer to the client as server-sent events, in the format of the client's
 * API (see the subclasses). The response head (200, {@code text/event-stream}) goes out with the
 * first flush, so an upstream that fails before its first event can still be answered with a
 * proper HTTP error, or the request tried again elsewhere: one sink serves one upstream attempt,
 * and an attempt that failed before its first flush leaves the response untouched. Every event,
 * written or only observed, feeds the access record.
 */
abstract sealed class SseSink implements EventSink permits AnthropicSseSink, OpenAiSseSink {

    private final Request request;
    private final Response response;
    private final AttemptLink link;
    private final AccessRecord record;
    /** Bytes collected since the last flush. */
    protected final ByteArrayOutputStream pending = new ByteArrayOutputStream(4096);
    private boolean committed;
    private Usage usage;

    SseSink(Request request, Response response, AttemptLink link, AccessRecord record) {
        this.request = request;
        this.response = response;
        this.link = link;
        this.record = record;
    }

    static SseSink of(ClientApi api, Request request, Response response, AttemptLink link, AccessRecord record,
            boolean includeUsage) {
        return switch (api) {
            case ANTHROPIC -> new AnthropicSseSink(request, response, link, record);
            case OPENAI -> new OpenAiSseSink(request, response, link, record, includeUsage);
        };
    }

    /** Writes one hub-model event in the client's format into {@link #pending}. */
    protected abstract void write(StreamEvent event);

    @Override
    public final void send(StreamEvent event) {
        observe(event);
        write(event);
    }

    @Override
    public final void observe(StreamEvent event) {
        if (event instanceof StreamEvent.MessageDelta delta) {
            usage = delta.usage();
        } else if (record.firstTokenAt == 0 && event instanceof StreamEvent.ContentBlockDelta) {
            record.firstTokenAt = System.nanoTime();
        }
    }

    @Override
    public void upstreamWaited(long nanos) {
        link.upstreamWaited(nanos);
    }

    @Override
    public void upstreamFirstByte() {
        link.upstreamFirstByte();
    }

    @Override
    public void upstreamFailed(UpstreamException.Kind kind) {
        record.upstreamError = kind;
        link.brokeAfterStart(kind);
    }

    @Override
    public boolean clientGone() {
        return link.clientGone();
    }

    @Override
    public boolean mustStop() {
        return link.mustStop();
    }

    @Override
    public void flush() throws IOException {
        if (pending.size() == 0) {
            return;
        }
        if (!committed) {
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
            // tells nginx and similar proxies not to buffer the stream
            response.getHeaders().put("X-Accel-Buffering", "no");
            committed = true;
            DrainGuardHandler.markStreaming(request);
            link.answerBegan();
        }
        ByteBuffer bytes = ByteBuffer.wrap(pending.toByteArray());
        pending.reset();
        try (Blocker.Callback written = Blocker.callback()) {
            response.write(false, bytes, written);
            written.block();
        }
    }

    @Override
    public boolean committed() {
        return committed;
    }

    /** The usage of the final {@code message_delta}, or null when the stream did not finish. */
    Usage usage() {
        return usage;
    }
}
