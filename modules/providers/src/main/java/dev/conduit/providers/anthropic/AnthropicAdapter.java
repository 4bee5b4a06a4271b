package dev.conduit.providers.anthropic;

import dev.conduit.config.KnownTransformer;
import dev.conduit.config.ProviderConfig;
import dev.conduit.config.TransformerEntry;
import dev.conduit.config.ProviderType;
import dev.conduit.config.RouteTarget;
import dev.conduit.config.Secret;
import dev.conduit.protocol.Json;
import dev.conduit.protocol.anthropic.AnthropicRequestWriter;
import dev.conduit.protocol.anthropic.AnthropicResponseReader;
import dev.conduit.protocol.anthropic.MessagesRequest;
import dev.conduit.protocol.anthropic.MessagesResponse;
import dev.conduit.protocol.anthropic.StreamEvents;
import dev.conduit.providers.Answer;
import dev.conduit.providers.ClientFormat;
import dev.conduit.providers.ClientLink;
import dev.conduit.providers.EventSink;
import dev.conduit.providers.Inbound;
import dev.conduit.providers.ProviderAdapter;
import dev.conduit.providers.upstream.UpstreamAnswers;
import dev.conduit.providers.upstream.Ids;
import dev.conduit.providers.upstream.KeepAlive;
import dev.conduit.providers.upstream.Probe;
import dev.conduit.providers.upstream.Redactor;
import dev.conduit.providers.upstream.StreamRelay;
import dev.conduit.providers.upstream.UpstreamCall;
import dev.conduit.providers.upstream.UpstreamClient;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A provider that speaks Anthropic's Messages API: Anthropic itself, or a server with the same
 * API. The configured {@code api_base_url} is the full endpoint ({@code …/v1/messages}), used
 * as-is.
 *
 * <p>An Anthropic client's request is passed through: its own body with only {@code model}
 * replaced (and {@code stream} set for a stream), so fields this gateway does not know survive,
 * with its {@code anthropic-version} and {@code anthropic-beta} headers; the answer, whole or
 * streamed, goes back as the upstream sent it. The one change to the body: thinking blocks that
 * another provider produced are dropped, because Anthropic rejects a request over a signature it
 * did not make (see {@link ForeignThinking}). A client of another API gets its request written
 * from the hub model and the answer read back into it.
 *
 * <p>The first key goes in {@code x-api-key}, or, with claude-code-router's
 * {@code ["Anthropic", {"UseBearer": true}]}, in {@code Authorization: Bearer} (servers that
 * want that). The client's own credentials never go upstream.
 */
public final class AnthropicAdapter implements ProviderAdapter {

    /** The version sent when the client names none (and for clients of other APIs). */
    static final String DEFAULT_VERSION = "2023-06-01";

    private static final int MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

    private final ProviderConfig provider;
    private final UpstreamClient client;
    private final Redactor redactor;
    private final KeepAlive keepAlive;
    private final boolean useBearer;

    public AnthropicAdapter(ProviderConfig provider, UpstreamClient client, Redactor redactor, KeepAlive keepAlive) {
        this.provider = provider;
        this.client = client;
        this.redactor = redactor;
        this.keepAlive = keepAlive;
        TransformerEntry entry = transformerEntry(provider);
        this.useBearer = entry != null && entry.options().path("UseBearer").asBoolean(false);
    }

    /**
     * Whether {@code provider} speaks Anthropic's API: its {@code type} says so, or, without a
     * type, its transformer's {@code use} list names {@code Anthropic} (claude-code-router's name,
     * any case), or its URL is Anthropic's own API other than the OpenAI-compatible {@code
     * /chat/completions} endpoint.
     */
    public static boolean handles(ProviderConfig provider) {
        if (provider.type().isPresent()) {
            return provider.type().get() == ProviderType.ANTHROPIC;
        }
        if (transformerEntry(provider) != null) {
            return true;
        }
        URI url = provider.apiBaseUrl();
        String path = url.getPath() == null ? "" : url.getPath();
        return "api.anthropic.com".equalsIgnoreCase(url.getHost()) && !path.endsWith("/chat/completions");
    }

    /** The {@code use} entry naming Anthropic, with its options; null without. */
    private static TransformerEntry transformerEntry(ProviderConfig provider) {
        return provider.transformers().forAllModels().stream()
                .filter(entry -> entry.transformer() == KnownTransformer.ANTHROPIC)
                .findFirst().orElse(null);
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
        boolean forward = inbound.format() == ClientFormat.ANTHROPIC;
        String label = UpstreamAnswers.label(provider, target);
        try (UpstreamCall call = client.post(provider.apiBaseUrl(), headers(inbound, false, key),
                body(request, inbound, target, false), label, link)) {
            call.awaitHead();
            UpstreamAnswers.failOnErrorStatus(call, label, redactor);
            byte[] answer = call.readAll(MAX_RESPONSE_BYTES);
            MessagesResponse response = AnthropicResponseReader.response(UpstreamAnswers.object(answer, label));
            if (forward) {
                return new Answer.Forwarded(answer, response.usage());
            }
            return new Answer.Translated(named(response, target));
        }
    }

    @Override
    public void stream(MessagesRequest request, Inbound inbound, RouteTarget target, Optional<Secret> key, EventSink sink)
            throws IOException {
        boolean forward = inbound.format() == ClientFormat.ANTHROPIC;
        String label = UpstreamAnswers.label(provider, target);
        try (UpstreamCall call = client.post(provider.apiBaseUrl(), headers(inbound, true, key),
                body(request, inbound, target, true), label, sink)) {
            call.awaitHead();
            UpstreamAnswers.failOnErrorStatus(call, label, redactor);
            if (!call.isEventStream()) {
                // a server that ignored "stream": true answered with one whole message
                MessagesResponse whole = named(AnthropicResponseReader.response(
                        UpstreamAnswers.object(call.readAll(MAX_RESPONSE_BYTES), label)), target);
                StreamEvents.of(whole).forEach(sink::send);
                sink.flush();
                return;
            }
            AnthropicStream stream = new AnthropicStream(sink, forward, target.model(), label, redactor);
            StreamRelay.run(call, stream, stream::onEvent, sink, keepAlive, provider.name(), label);
        }
    }

    private byte[] body(MessagesRequest request, Inbound inbound, RouteTarget target, boolean stream) {
        ObjectNode body;
        if (inbound.format() == ClientFormat.ANTHROPIC) {
            body = inbound.body().deepCopy();
            ForeignThinking.strip(body);
        } else {
            body = translated(request);
        }
        body.put("model", target.model());
        if (stream) {
            body.put("stream", true);
        }
        return Json.MAPPER.writeValueAsBytes(body);
    }

    /**
     * A request of another API, in Anthropic's. Anthropic refuses some combinations other APIs
     * allow: thinking with a forced tool (the tool wins: thinking is left out), thinking with
     * sampling settings (they are left out), and, on current models, {@code temperature} with
     * {@code top_p} (temperature is kept).
     */
    private static ObjectNode translated(MessagesRequest request) {
        ObjectNode body = AnthropicRequestWriter.write(request);
        JsonNode choice = body.path("tool_choice").path("type");
        if (choice.isString() && (choice.stringValue().equals("any") || choice.stringValue().equals("tool"))) {
            body.remove("thinking");
        }
        if (request.thinking() != null && request.thinking().isOn() && body.has("thinking")) {
            body.remove("temperature");
            body.remove("top_p");
            body.remove("top_k");
        } else if (body.has("temperature")) {
            body.remove("top_p");
        }
        return body;
    }

    /** The id and model a translated answer is written with, when the upstream gave none. */
    private static MessagesResponse named(MessagesResponse response, RouteTarget target) {
        if (response.id() != null && response.model() != null) {
            return response;
        }
        return new MessagesResponse(response.id() == null ? Ids.messageId(null) : response.id(),
                response.model() == null ? target.model() : response.model(),
                response.content(), response.stopReason(), response.stopSequence(), response.usage());
    }

    /** Anthropic lists its models next to the messages endpoint: {@code …/v1/models}. */
    @Override
    public Optional<String> probe() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        headers.put("anthropic-version", DEFAULT_VERSION);
        authorize(headers, provider.apiKeys().stream().findFirst());
        return Probe.run(client, models(provider.apiBaseUrl()), headers, "provider " + provider.name(), redactor);
    }

    /** The models endpoint beside a messages endpoint; the origin's {@code /v1/models} otherwise. */
    static URI models(URI messages) {
        String path = messages.getRawPath() == null ? "" : messages.getRawPath();
        String origin = messages.getScheme() + "://" + messages.getRawAuthority();
        if (path.endsWith("/messages")) {
            return URI.create(origin + path.substring(0, path.length() - "/messages".length()) + "/models");
        }
        return URI.create(origin + "/v1/models");
    }

    private Map<String, String> headers(Inbound inbound, boolean stream, Optional<Secret> key) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", stream ? "text/event-stream" : "application/json");
        boolean forward = inbound.format() == ClientFormat.ANTHROPIC;
        String version = forward ? inbound.header("anthropic-version") : null;
        headers.put("anthropic-version", version == null || version.isBlank() ? DEFAULT_VERSION : version);
        String beta = forward ? inbound.header("anthropic-beta") : null;
        if (beta != null && !beta.isBlank()) {
            headers.put("anthropic-beta", beta);
        }
        authorize(headers, key);
        return headers;
    }

    private void authorize(Map<String, String> headers, Optional<Secret> key) {
        key.ifPresent(secret -> {
            if (useBearer) {
                headers.put("Authorization", "Bearer " + secret.reveal());
            } else {
                headers.put("x-api-key", secret.reveal());
            }
        });
    }
}
