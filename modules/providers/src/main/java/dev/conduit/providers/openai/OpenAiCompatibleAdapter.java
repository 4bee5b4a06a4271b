package dev.conduit.providers.openai;

import dev.conduit.config.ProviderConfig;
import dev.conduit.config.RouteTarget;
import dev.conduit.protocol.Json;
import dev.conduit.protocol.anthropic.MessagesRequest;
import dev.conduit.protocol.anthropic.MessagesResponse;
import dev.conduit.protocol.anthropic.StreamEvents;
import dev.conduit.protocol.openai.ChatCompletion;
import dev.conduit.protocol.openai.ChatCompletionChunk;
import dev.conduit.protocol.openai.OpenAiRequestReader;
import dev.conduit.protocol.openai.OpenAiResponseReader;
import dev.conduit.protocol.sse.SseEvent;
import dev.conduit.protocol.sse.SseException;
import dev.conduit.providers.Answer;
import dev.conduit.providers.ClientFormat;
import dev.conduit.providers.ClientLink;
import dev.conduit.providers.Inbound;
import dev.conduit.providers.EventSink;
import dev.conduit.providers.ProviderAdapter;
import dev.conduit.providers.UpstreamException;
import dev.conduit.providers.upstream.ErrorBodies;
import dev.conduit.providers.upstream.KeepAlive;
import dev.conduit.providers.upstream.Probe;
import dev.conduit.providers.upstream.StreamRelay;
import dev.conduit.providers.upstream.Redactor;
import dev.conduit.providers.upstream.UpstreamCall;
import dev.conduit.providers.upstream.UpstreamClient;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A provider that speaks OpenAI Chat Completions: OpenAI, OpenRouter, DeepSeek, Groq, Gemini's
 * OpenAI endpoint, Ollama, vLLM, llama.cpp. The configured {@code api_base_url} is the full
 * endpoint and is used as-is.
 */
public final class OpenAiCompatibleAdapter implements ProviderAdapter {

    private static final int MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
    private static final int MAX_ERROR_BYTES = 64 * 1024;

    private final ProviderConfig provider;
    private final UpstreamClient client;
    private final OpenAiRequestTranslator translator;
    private final Redactor redactor;
    private final KeepAlive keepAlive;

    public OpenAiCompatibleAdapter(ProviderConfig provider, UpstreamClient client, Redactor redactor, KeepAlive keepAlive) {
        this.provider = provider;
        this.client = client;
        this.translator = new OpenAiRequestTranslator(OpenAiDialect.of(provider));
        this.redactor = redactor;
        this.keepAlive = keepAlive;
    }

    @Override
    public String name() {
        return provider.name();
    }

    @Override
    public Answer complete(MessagesRequest request, Inbound inbound, RouteTarget target, ClientLink link) {
        boolean forward = inbound.format() == ClientFormat.OPENAI;
        byte[] body = Json.MAPPER.writeValueAsBytes(forward
                ? forwardedBody(inbound, target, false)
                : translator.translate(request, target.model(), false));
        String label = label(target);
        try (UpstreamCall call = client.post(provider.apiBaseUrl(), headers(false), body, label, link)) {
            call.awaitHead();
            failOnErrorStatus(call, label);
            byte[] answer = call.readAll(MAX_RESPONSE_BYTES);
            ChatCompletion completion = OpenAiResponseReader.completion(parse(answer, label));
            if (forward) {
                return new Answer.Forwarded(answer, OpenAiMappings.usage(completion.usage()));
            }
            return new Answer.Translated(OpenAiResponseTranslator.translate(completion, target.model(), request.stopSequences()));
        }
    }

    @Override
    public void stream(MessagesRequest request, Inbound inbound, RouteTarget target, EventSink sink) throws IOException {
        boolean forward = inbound.format() == ClientFormat.OPENAI;
        byte[] body = Json.MAPPER.writeValueAsBytes(forward
                ? forwardedBody(inbound, target, true)
                : translator.translate(request, target.model(), true));
        String label = label(target);
        try (UpstreamCall call = client.post(provider.apiBaseUrl(), headers(true), body, label, sink)) {
            call.awaitHead();
            failOnErrorStatus(call, label);
            if (!call.isEventStream()) {
                // a server that ignored "stream": true answered with one whole completion
                MessagesResponse whole = OpenAiResponseTranslator.translate(
                        OpenAiResponseReader.completion(parse(call.readAll(MAX_RESPONSE_BYTES), label)),
                        target.model(), request.stopSequences());
                StreamEvents.of(whole).forEach(sink::send);
                sink.flush();
                return;
            }
            if (forward) {
                ForwardedStream stream = new ForwardedStream(
                        new OpenAiStreamTranslator(target.model(), request.stopSequences(), sink::observe), sink,
                        OpenAiRequestReader.includeUsage(inbound.body()));
                StreamRelay.run(call, stream, event -> onForwardedEvent(event, stream, label), sink, keepAlive,
                        provider.name(), label);
            } else {
                OpenAiStreamTranslator translator = new OpenAiStreamTranslator(target.model(), request.stopSequences(), sink::send);
                StreamRelay.run(call, translator, event -> onEvent(event, translator, label), sink, keepAlive,
                        provider.name(), label);
            }
        }
    }

    /**
     * The client's own body for a provider that speaks its API: unknown fields survive; only the
     * model becomes the routed one, and usage is always asked for (for metrics).
     */
    private static ObjectNode forwardedBody(Inbound inbound, RouteTarget target, boolean stream) {
        ObjectNode body = inbound.body().deepCopy();
        body.put("model", target.model());
        if (stream) {
            body.put("stream", true);
            JsonNode options = body.get("stream_options");
            (options != null && options.isObject() ? (ObjectNode) options : body.putObject("stream_options"))
                    .put("include_usage", true);
        }
        return body;
    }

    private void onForwardedEvent(SseEvent event, ForwardedStream stream, String label) {
        if (event.data().equals("[DONE]")) {
            stream.observer().onDone();
            stream.forward(event, false);
            return;
        }
        JsonNode root = chunkJson(event);
        if (root == null) {
            return;
        }
        ChatCompletionChunk chunk = OpenAiResponseReader.chunk(root);
        if (chunk.error() != null) {
            // not forwarded as it came: the upstream's words may quote a key, and whatever follows
            // (often [DONE]) would make the failed answer look complete
            String message = label + " reported an error: " + redactor.redact(String.valueOf(chunk.error().message()));
            if (!stream.started()) {
                throw new UpstreamException(502, message, UpstreamException.Kind.STATUS_5XX);
            }
            stream.fail("api_error", message);
            return;
        }
        stream.observer().onChunk(chunk);
        stream.forward(event, chunk.choices().isEmpty() && chunk.usage() != null);
    }

    /** The JSON of a chunk event, null for an empty one; an event that is not JSON breaks the stream. */
    private static JsonNode chunkJson(SseEvent event) {
        if (event.data().isBlank()) {
            return null;
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(event.data());
        } catch (JacksonException notJson) {
            throw new SseException("an event is not JSON");
        }
        return root != null && root.isObject() ? root : null;
    }

    private void onEvent(SseEvent event, OpenAiStreamTranslator translator, String label) {
        if (event.data().equals("[DONE]")) {
            translator.onDone();
            return;
        }
        JsonNode root = chunkJson(event);
        if (root == null) {
            return;
        }
        ChatCompletionChunk chunk = OpenAiResponseReader.chunk(root);
        if (chunk.error() != null) {
            String message = label + " reported an error: " + redactor.redact(String.valueOf(chunk.error().message()));
            if (!translator.started()) {
                throw new UpstreamException(502, message, UpstreamException.Kind.STATUS_5XX);
            }
            translator.fail("api_error", message);
            return;
        }
        translator.onChunk(chunk);
    }

    @Override
    public Optional<String> probe() {
        Map<String, String> headers = headers(false);
        return Probe.run(client, Probe.openAiModels(provider.apiBaseUrl()), headers, "provider " + provider.name(), redactor);
    }

    private Map<String, String> headers(boolean stream) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", stream ? "text/event-stream" : "application/json");
        provider.apiKeys().stream().findFirst()
                .ifPresent(secret -> headers.put("Authorization", "Bearer " + secret.reveal()));
        return headers;
    }

    private void failOnErrorStatus(UpstreamCall call, String label) {
        int status = call.status();
        if (status < 400) {
            return;
        }
        String detail = ErrorBodies.message(call.readSome(MAX_ERROR_BYTES), redactor);
        throw new UpstreamException(status, label + " answered " + status + (detail == null ? "" : ": " + detail),
                call.retryAfter());
    }

    private static JsonNode parse(byte[] answer, String label) {
        try {
            JsonNode root = Json.MAPPER.readTree(answer);
            if (root == null || !root.isObject()) {
                throw new UpstreamException(502, label + " answered with something other than a JSON object", UpstreamException.Kind.BAD_RESPONSE);
            }
            return root;
        } catch (JacksonException e) {
            throw new UpstreamException(502, label + " answered with a body that is not JSON", UpstreamException.Kind.BAD_RESPONSE);
        }
    }

    private String label(RouteTarget target) {
        return "provider " + provider.name() + " (model " + target.model() + ")";
    }
}
