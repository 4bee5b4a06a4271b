package dev.conduit.providers.gemini;

import dev.conduit.config.KnownTransformer;
import dev.conduit.config.ProviderConfig;
import dev.conduit.config.ProviderType;
import dev.conduit.config.RouteTarget;
import dev.conduit.config.Secret;
import dev.conduit.protocol.ApiError;
import dev.conduit.protocol.Json;
import dev.conduit.protocol.anthropic.MessagesRequest;
import dev.conduit.protocol.sse.SseEvent;
import dev.conduit.protocol.sse.SseException;
import dev.conduit.providers.Answer;
import dev.conduit.providers.ClientLink;
import dev.conduit.providers.Inbound;
import dev.conduit.providers.EventSink;
import dev.conduit.providers.ProviderAdapter;
import dev.conduit.providers.UpstreamException;
import dev.conduit.providers.upstream.UpstreamAnswers;
import dev.conduit.providers.upstream.KeepAlive;
import dev.conduit.providers.upstream.Probe;
import dev.conduit.providers.upstream.StreamRelay;
import dev.conduit.providers.upstream.Redactor;
import dev.conduit.providers.upstream.UpstreamCall;
import dev.conduit.providers.upstream.UpstreamClient;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A provider that speaks Gemini's own API ({@code generateContent} and
 * {@code streamGenerateContent?alt=sse}), chosen the way claude-code-router chooses it: the
 * provider's {@code transformer.use} lists {@code "gemini"}. Its {@code api_base_url} is the
 * models prefix (see {@link GeminiEndpoint}); the first key goes in {@code x-goog-api-key}.
 */
public final class GeminiAdapter implements ProviderAdapter {

    private static final int MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

    private final ProviderConfig provider;
    private final UpstreamClient client;
    private final GeminiRequestTranslator translator;
    private final Redactor redactor;
    private final KeepAlive keepAlive;

    public GeminiAdapter(ProviderConfig provider, UpstreamClient client, Redactor redactor, KeepAlive keepAlive) {
        this.provider = provider;
        this.client = client;
        this.translator = new GeminiRequestTranslator(provider.name());
        this.redactor = redactor;
        this.keepAlive = keepAlive;
    }

    /**
     * Whether {@code provider} speaks Gemini's own API: its {@code type} says so, or, without a
     * type, its transformer's {@code use} list names {@code gemini}, as a name or as the first
     * element of a {@code [name, options]} pair.
     */
    public static boolean handles(ProviderConfig provider) {
        if (provider.type().isPresent()) {
            return provider.type().get() == ProviderType.GEMINI;
        }
        return provider.transformers().forAllModels().stream()
                .anyMatch(entry -> entry.transformer() == KnownTransformer.GEMINI);
    }

    @Override
    public String name() {
        return provider.name();
    }

    @Override
    public List<Secret> keys() {
        return provider.apiKeys();
    }

    @Override
    public Answer complete(MessagesRequest request, Inbound inbound, RouteTarget target, Optional<Secret> key,
            ClientLink link) {
        byte[] body = Json.MAPPER.writeValueAsBytes(translator.translate(request, target.model()));
        String label = UpstreamAnswers.label(provider, target);
        try (UpstreamCall call = client.post(
                GeminiEndpoint.of(provider.apiBaseUrl(), target.model(), false), headers(false, key), body, label, link)) {
            call.awaitHead();
            UpstreamAnswers.failOnErrorStatus(call, label, redactor, GeminiErrors::retryDelay);
            JsonNode answer = parse(call.readAll(MAX_RESPONSE_BYTES), label);
            if (!answer.isObject()) {
                throw new UpstreamException(502, label + " answered with something other than a JSON object", UpstreamException.Kind.BAD_RESPONSE);
            }
            return new Answer.Translated(GeminiResponseTranslator.translate(answer, target.model()));
        }
    }

    @Override
    public void stream(MessagesRequest request, Inbound inbound, RouteTarget target, Optional<Secret> key, EventSink sink)
            throws IOException {
        byte[] body = Json.MAPPER.writeValueAsBytes(translator.translate(request, target.model()));
        String label = UpstreamAnswers.label(provider, target);
        try (UpstreamCall call = client.post(
                GeminiEndpoint.of(provider.apiBaseUrl(), target.model(), true), headers(true, key), body, label, sink)) {
            call.awaitHead();
            UpstreamAnswers.failOnErrorStatus(call, label, redactor, GeminiErrors::retryDelay);
            GeminiStreamTranslator events = new GeminiStreamTranslator(target.model(), sink::send);
            if (!call.isEventStream()) {
                replayWhole(parse(call.readAll(MAX_RESPONSE_BYTES), label), events, label);
                sink.flush();
                return;
            }
            StreamRelay.run(call, events, event -> onEvent(event, events, label), sink, keepAlive, provider.name(), label);
        }
    }

    /** A server that ignored {@code alt=sse} answered with one response, or a JSON array of chunks. */
    private void replayWhole(JsonNode answer, GeminiStreamTranslator events, String label) {
        if (answer.isArray()) {
            answer.forEach(chunk -> onChunk(chunk, events, label));
        } else {
            onChunk(answer, events, label);
        }
        if (!events.started()) {
            throw new UpstreamException(502, label + " answered with no response", UpstreamException.Kind.BAD_RESPONSE);
        }
        events.onEnd(provider.name());
    }

    private void onEvent(SseEvent event, GeminiStreamTranslator events, String label) {
        if (event.data().isBlank()) {
            return;
        }
        JsonNode chunk;
        try {
            chunk = Json.MAPPER.readTree(event.data());
        } catch (JacksonException notJson) {
            throw new SseException("an event is not JSON");
        }
        onChunk(chunk, events, label);
    }

    /** An error inside the stream fails the request while nothing was sent, and the stream after. */
    private void onChunk(JsonNode chunk, GeminiStreamTranslator events, String label) {
        if (chunk == null || !chunk.isObject()) {
            return;
        }
        JsonNode error = chunk.get("error");
        if (error == null) {
            events.onChunk(chunk);
            return;
        }
        int status = GeminiErrors.streamErrorStatus(error);
        String message = label + " reported an error: " + redactor.redact(error.path("message").asString(error.toString()));
        if (!events.started()) {
            throw new UpstreamException(status, message);
        }
        events.fail(ApiError.anthropicType(status), message);
    }

    /** Gemini lists its models at the models prefix the provider is configured with. */
    @Override
    public Optional<String> probe() {
        return Probe.run(client, provider.apiBaseUrl(), headers(false, provider.apiKeys().stream().findFirst()),
                "provider " + provider.name(), redactor);
    }

    private static Map<String, String> headers(boolean stream, Optional<Secret> key) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", stream ? "text/event-stream" : "application/json");
        key.ifPresent(secret -> headers.put("x-goog-api-key", secret.reveal()));
        return headers;
    }

    /** A whole answer: one response object, or (from some proxies) an array of stream chunks. */
    private static JsonNode parse(byte[] answer, String label) {
        JsonNode root = UpstreamAnswers.json(answer, label);
        if (!(root.isObject() || root.isArray())) {
            throw new UpstreamException(502, label + " answered with something other than JSON", UpstreamException.Kind.BAD_RESPONSE);
        }
        return root;
    }
}
