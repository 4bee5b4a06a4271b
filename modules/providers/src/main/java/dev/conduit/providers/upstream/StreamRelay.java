package dev.conduit.providers.upstream;

import dev.conduit.protocol.ApiError;
import dev.conduit.protocol.anthropic.StreamEvent;
import dev.conduit.protocol.sse.SseEvent;
import dev.conduit.protocol.sse.SseException;
import dev.conduit.protocol.sse.SseParser;
import dev.conduit.providers.EventSink;
import dev.conduit.providers.UpstreamException;
import java.io.IOException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays an upstream event stream to the client: parses SSE as bytes arrive, hands each event to
 * the adapter's translation, writes what it produced after every read, pings while the upstream
 * is silent, and turns a failure after the stream started into an in-band error.
 */
public final class StreamRelay {

    private static final Logger LOG = LoggerFactory.getLogger(StreamRelay.class);

    private StreamRelay() {}

    /**
     * @param onEvent translates one upstream event; may throw {@link UpstreamException} or
     *     {@link SseException}
     */
    public static void run(UpstreamCall call, StreamTranslation translation, Consumer<SseEvent> onEvent,
            EventSink sink, KeepAlive keepAlive, String provider, String label) throws IOException {
        SseParser parser = new SseParser(onEvent);
        KeepAlive.Timer pings = keepAlive.start(() -> {
            translation.ensureStarted();
            sink.send(new StreamEvent.Ping());
        }, sink);
        boolean broken = false;
        while (!translation.finished()) {
            try {
                if (!call.next(parser::feed, pings::onQuiet)) {
                    parser.finish();
                    if (!translation.started()) {
                        throw new UpstreamException(502, label + " ended its stream without sending an event",
                                UpstreamException.Kind.BAD_RESPONSE);
                    }
                    translation.onEnd(provider);
                }
            } catch (UpstreamException | SseException failed) {
                broken = true;
                if (!translation.started()) {
                    throw failed instanceof UpstreamException upstream ? upstream
                            : new UpstreamException(502, label + " answered with a malformed event stream",
                                    UpstreamException.Kind.BAD_RESPONSE);
                }
                UpstreamException.Kind kind = failed instanceof UpstreamException upstream
                        ? upstream.kind() : UpstreamException.Kind.STREAM_BROKEN;
                String message = failed instanceof UpstreamException upstream ? upstream.getMessage()
                        : label + ": the upstream stream broke before the response was complete";
                LOG.warn("{}", message);
                sink.upstreamFailed(kind);
                translation.fail(failed instanceof UpstreamException upstream
                        ? ApiError.anthropicType(upstream.status()) : "api_error", message);
            }
            pings.flush();
        }
        if (!broken) {
            call.answered(); // the body's end may still be on its way: the connection stays pooled
        }
    }
}
