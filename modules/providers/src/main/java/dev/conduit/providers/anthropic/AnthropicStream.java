package dev.conduit.providers.anthropic;

import dev.conduit.protocol.Json;
import dev.conduit.protocol.anthropic.AnthropicEventReader;
import dev.conduit.protocol.anthropic.ContentBlock;
import dev.conduit.protocol.anthropic.MessagesResponse;
import dev.conduit.protocol.anthropic.StreamEvent;
import dev.conduit.protocol.anthropic.Usage;
import dev.conduit.protocol.sse.SseEvent;
import dev.conduit.providers.EventSink;
import dev.conduit.providers.UpstreamException;
import dev.conduit.providers.upstream.Ids;
import dev.conduit.providers.upstream.Redactor;
import dev.conduit.providers.upstream.StreamTranslation;
import java.util.HashSet;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One stream from an Anthropic upstream, in either of two modes. For an Anthropic client every
 * upstream event (pings included) is forwarded as it came and only observed in the hub model, for
 * the access log and metrics. For any other client the events are read into the hub model and
 * sent, to be written in the client's format.
 *
 * <p>An upstream {@code error} event before anything was sent fails the request with the status
 * Anthropic gives that error ({@code overloaded_error} is 529), so the client gets a proper HTTP
 * error; after that it ends the stream. A stream that ends without {@code message_stop} ends with
 * an in-band error, never looking complete. Nothing is synthesized before the upstream's own
 * {@code message_start}: a keep-alive ping may come first, which Anthropic's grammar allows.
 */
final class AnthropicStream implements StreamTranslation {

    private final EventSink sink;
    private final boolean forward;
    private final String fallbackModel;
    private final String label;
    private final Redactor redactor;
    /** Blocks with no form outside Anthropic's API (server tool calls); their deltas are not sent. */
    private final Set<Integer> opaqueBlocks = new HashSet<>();
    private Usage startUsage = Usage.ZERO;
    private boolean sawMessageStart;
    private boolean started;
    private boolean finished;

    /**
     * @param forward whether the client speaks Anthropic's API and gets the upstream's events as-is
     * @param fallbackModel the model named in a translated {@code message_start} that names none
     */
    AnthropicStream(EventSink sink, boolean forward, String fallbackModel, String label, Redactor redactor) {
        this.sink = sink;
        this.forward = forward;
        this.fallbackModel = fallbackModel;
        this.label = label;
        this.redactor = redactor;
    }

    void onEvent(SseEvent event) {
        if (finished || event.data().isBlank()) {
            return;
        }
        JsonNode data;
        try {
            data = Json.MAPPER.readTree(event.data());
        } catch (JacksonException notJson) {
            throw badEvent("an event that is not JSON");
        }
        if (data == null || !data.isObject()) {
            throw badEvent("an event that is not a JSON object");
        }
        StreamEvent parsed = AnthropicEventReader.event(event.event(), data);
        switch (parsed) {
            case StreamEvent.Error error -> onError(event, error);
            case null -> {
                // a type this gateway does not know yet: an Anthropic client may, other clients cannot
                if (forward) {
                    sink.forward(event);
                    started = true;
                }
            }
            default -> pass(event, parsed);
        }
    }

    private void pass(SseEvent event, StreamEvent parsed) {
        StreamEvent hub = switch (parsed) {
            case StreamEvent.MessageStart start -> {
                startUsage = start.message().usage();
                yield forward ? start : named(start.message());
            }
            case StreamEvent.MessageDelta delta -> new StreamEvent.MessageDelta(delta.stopReason(), delta.stopSequence(),
                    totals(startUsage, delta.usage()));
            default -> parsed;
        };
        if (forward) {
            sink.forward(event);
            sink.observe(hub);
            started = true;
        } else if (sendable(hub)) {
            sink.send(hub);
            started = true;
        }
        if (hub instanceof StreamEvent.MessageStop) {
            finished = true;
        }
    }

    /**
     * What a client of another API can be sent: everything but server tool blocks, and nothing
     * but pings before {@code message_start}, which its writer needs first.
     */
    private boolean sendable(StreamEvent event) {
        if (event instanceof StreamEvent.MessageStart) {
            sawMessageStart = true;
            return true;
        }
        if (event instanceof StreamEvent.Ping) {
            return true;
        }
        if (!sawMessageStart) {
            throw badEvent("a stream that did not begin with message_start");
        }
        return switch (event) {
            case StreamEvent.ContentBlockStart start when start.block() instanceof ContentBlock.Unknown -> {
                opaqueBlocks.add(start.index());
                yield false;
            }
            case StreamEvent.ContentBlockDelta delta -> !opaqueBlocks.contains(delta.index());
            case StreamEvent.ContentBlockStop stop -> !opaqueBlocks.contains(stop.index());
            default -> true;
        };
    }

    private UpstreamException badEvent(String what) {
        return new UpstreamException(502, label + " sent " + what, UpstreamException.Kind.BAD_RESPONSE);
    }

    private StreamEvent.MessageStart named(MessagesResponse message) {
        return new StreamEvent.MessageStart(new MessagesResponse(
                message.id() == null ? Ids.messageId(null) : message.id(),
                message.model() == null ? fallbackModel : message.model(),
                message.content(), message.stopReason(), message.stopSequence(), message.usage()));
    }

    private void onError(SseEvent event, StreamEvent.Error error) {
        int status = statusOf(error.type());
        String message = label + " reported an error: " + redactor.redact(error.message());
        if (!started) {
            throw new UpstreamException(status, message);
        }
        finished = true;
        sink.upstreamFailed(UpstreamException.Kind.ofStatus(status));
        if (forward) {
            sink.forward(event);
            sink.observe(error);
        } else {
            sink.send(new StreamEvent.Error(error.type(), message));
        }
    }

    /** The status Anthropic answers an error type with (the inverse of {@code ApiError.anthropicType}). */
    private static int statusOf(String type) {
        return switch (type) {
            case "invalid_request_error" -> 400;
            case "authentication_error" -> 401;
            case "billing_error" -> 402;
            case "permission_error" -> 403;
            case "not_found_error" -> 404;
            case "request_too_large" -> 413;
            case "rate_limit_error" -> 429;
            case "timeout_error" -> 504;
            case "overloaded_error" -> 529;
            default -> 500;
        };
    }

    /**
     * {@code message_delta} carries the final output count, and in newer API versions the input
     * counts too; older ones leave those to {@code message_start}. Counts only grow.
     */
    private static Usage totals(Usage start, Usage delta) {
        return new Usage(
                Math.max(start.inputTokens(), delta.inputTokens()),
                Math.max(start.outputTokens(), delta.outputTokens()),
                Math.max(start.cacheCreationInputTokens(), delta.cacheCreationInputTokens()),
                Math.max(start.cacheReadInputTokens(), delta.cacheReadInputTokens()));
    }

    @Override
    public boolean started() {
        return started;
    }

    @Override
    public boolean finished() {
        return finished;
    }

    /** Nothing to start: see the class comment. */
    @Override
    public void ensureStarted() {
    }

    @Override
    public void onEnd(String provider) {
        if (finished) {
            return;
        }
        sink.upstreamFailed(UpstreamException.Kind.STREAM_BROKEN);
        fail("api_error", "the stream from provider " + provider + " ended before the response was complete");
    }

    @Override
    public void fail(String type, String message) {
        if (finished) {
            return;
        }
        finished = true;
        sink.send(new StreamEvent.Error(type, message));
    }
}
