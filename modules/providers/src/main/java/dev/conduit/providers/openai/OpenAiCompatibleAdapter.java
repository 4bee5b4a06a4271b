package dev.conduit.providers.openai;

import dev.conduit.config.ProviderConfig;
import dev.conduit.config.RouteTarget;
import dev.conduit.config.Secret;
import dev.conduit.protocol.Json;
import dev.conduit.protocol.anthropic.ContentBlock;
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
import dev.conduit.providers.transform.ChunkPipeline;
import dev.conduit.providers.transform.ChunkSink;
import dev.conduit.providers.transform.Exchange;
import dev.conduit.providers.transform.TransformerChain;
import dev.conduit.providers.transform.TransformerChains;
import dev.conduit.providers.upstream.UpstreamAnswers;
import dev.conduit.providers.upstream.KeepAlive;
import dev.conduit.providers.upstream.Probe;
import dev.conduit.providers.upstream.StreamRelay;
import dev.conduit.providers.upstream.Redactor;
import dev.conduit.providers.upstream.UpstreamCall;
import dev.conduit.providers.upstream.UpstreamClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
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

    private final ProviderConfig provider;
    private final UpstreamClient client;
    private final OpenAiRequestTranslator translator;
    private final Redactor redactor;
    private final KeepAlive keepAlive;
    private final TransformerChains transformers;

    public OpenAiCompatibleAdapter(ProviderConfig provider, UpstreamClient client, Redactor redactor, KeepAlive keepAlive) {
        this.provider = provider;
        this.client = client;
        this.translator = new OpenAiRequestTranslator(OpenAiDialect.of(provider));
        this.redactor = redactor;
        this.keepAlive = keepAlive;
        this.transformers = new TransformerChains(provider.transformers());
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
        boolean forward = inbound.format() == ClientFormat.OPENAI;
        Exchange exchange = new Exchange(target.model(), !forward, request);
        TransformerChain chain = transformers.forModel(target.model());
        Map<String, String> headers = headers(false, key);
        byte[] body = transformed(forward ? forwardedBody(inbound, target, false)
                : translator.translate(request, target.model(), false), headers, chain, exchange);
        String label = UpstreamAnswers.label(provider, target);
        try (UpstreamCall call = client.post(provider.apiBaseUrl(), headers, body, label, link)) {
            call.awaitHead();
            UpstreamAnswers.failOnErrorStatus(call, label, redactor);
            byte[] answer = call.readAll(MAX_RESPONSE_BYTES);
            ObjectNode root = UpstreamAnswers.object(answer, label);
            List<ContentBlock> leading = chain.completion(root, exchange);
            ChatCompletion completion = OpenAiResponseReader.completion(root);
            if (forward) {
                return new Answer.Forwarded(chain.isEmpty() ? answer : Json.MAPPER.writeValueAsBytes(root),
                        OpenAiMappings.usage(completion.usage()));
            }
            return new Answer.Translated(leading(leading,
                    OpenAiResponseTranslator.translate(completion, target.model(), request.stopSequences())));
        }
    }

    /** The request body after the transformers, as bytes. */
    private static byte[] transformed(ObjectNode body, Map<String, String> headers, TransformerChain chain,
            Exchange exchange) {
        chain.request(body, headers, exchange);
        return Json.MAPPER.writeValueAsBytes(body);
    }

    /** {@code response} with the blocks transformers put before its content (web search results). */
    private static MessagesResponse leading(List<ContentBlock> leading, MessagesResponse response) {
        if (leading.isEmpty()) {
            return response;
        }
        List<ContentBlock> content = new ArrayList<>(leading);
        content.addAll(response.content());
        return new MessagesResponse(response.id(), response.model(), content, response.stopReason(),
                response.stopSequence(), response.usage());
    }

    @Override
    public void stream(MessagesRequest request, Inbound inbound, RouteTarget target, Optional<Secret> key, EventSink sink)
            throws IOException {
        boolean forward = inbound.format() == ClientFormat.OPENAI;
        Exchange exchange = new Exchange(target.model(), !forward, request);
        TransformerChain chain = transformers.forModel(target.model());
        Map<String, String> headers = headers(true, key);
        byte[] body = transformed(forward ? forwardedBody(inbound, target, true)
                : translator.translate(request, target.model(), true), headers, chain, exchange);
        String label = UpstreamAnswers.label(provider, target);
        try (UpstreamCall call = client.post(provider.apiBaseUrl(), headers, body, label, sink)) {
            call.awaitHead();
            UpstreamAnswers.failOnErrorStatus(call, label, redactor);
            if (!call.isEventStream()) {
                // a server that ignored "stream": true answered with one whole completion
                ObjectNode root = UpstreamAnswers.object(call.readAll(MAX_RESPONSE_BYTES), label);
                List<ContentBlock> leading = chain.completion(root, exchange);
                MessagesResponse whole = leading(leading, OpenAiResponseTranslator.translate(
                        OpenAiResponseReader.completion(root), target.model(), request.stopSequences()));
                StreamEvents.of(whole).forEach(sink::send);
                sink.flush();
                return;
            }
            if (forward) {
                ForwardedStream stream = new ForwardedStream(
                        new OpenAiStreamTranslator(target.model(), request.stopSequences(), sink::observe), sink,
                        OpenAiRequestReader.includeUsage(inbound.body()));
                ChunkPipeline chunks = chain.stream(exchange, terminal(chunk -> forwardChunk(OpenAiResponseReader.chunk(chunk),
                        new SseEvent(SseEvent.DEFAULT_TYPE, Json.MAPPER.writeValueAsString(chunk), null), stream, label),
                        block -> { })); // blocks are made for Anthropic clients only
                StreamRelay.run(call, stream, event -> onForwardedEvent(event, stream, chunks, label),
                        sink, keepAlive, provider.name(), label);
            } else {
                OpenAiStreamTranslator translator = new OpenAiStreamTranslator(target.model(), request.stopSequences(), sink::send);
                ChunkPipeline chunks = chain.stream(exchange,
                        terminal(chunk -> onChunk(OpenAiResponseReader.chunk(chunk), translator, label), translator::insertBlock));
                StreamRelay.run(call, translator, event -> onEvent(event, translator, chunks, label),
                        sink, keepAlive, provider.name(), label);
            }
        }
    }

    private static ChunkSink terminal(Consumer<ObjectNode> chunks, Consumer<ContentBlock> blocks) {
        return new ChunkSink() {
            @Override
            public void chunk(ObjectNode chunk) {
                chunks.accept(chunk);
            }

            @Override
            public void block(ContentBlock block) {
                blocks.accept(block);
            }
        };
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

    private void onForwardedEvent(SseEvent event, ForwardedStream stream, ChunkPipeline chunks, String label) {
        if (event.data().equals("[DONE]")) {
            chunks.end();
            stream.observer().onDone();
            stream.forward(event, false);
            return;
        }
        // without transformers the client gets the very bytes of the event
        onChunkEvent(event, chunks, chunk -> forwardChunk(chunk, event, stream, label));
    }

    /** One chunk for an OpenAI client: followed by the observer, then forwarded as {@code event}. */
    private void forwardChunk(ChatCompletionChunk chunk, SseEvent event, ForwardedStream stream, String label) {
        if (chunk.error() != null) {
            // not forwarded as it came: the upstream's words may quote a key, and whatever follows
            // (often [DONE]) would make the failed answer look complete
            stream.fail("api_error", failedChunk(chunk, label, stream.started()));
            return;
        }
        stream.observer().onChunk(chunk);
        stream.forward(event, chunk.choices().isEmpty() && chunk.usage() != null);
    }

    /**
     * One chunk event. Without transformers it is read straight into a chunk for {@code direct},
     * with no JSON tree; with them, its tree goes through them. An empty event, or JSON that is not
     * an object, is skipped; an event that is not JSON breaks the stream.
     */
    private static void onChunkEvent(SseEvent event, ChunkPipeline chunks, Consumer<ChatCompletionChunk> direct) {
        String data = event.data();
        if (data.isBlank()) {
            return;
        }
        if (chunks.isEmpty()) {
            ChatCompletionChunk chunk = parsed(data, OpenAiResponseReader::chunk);
            if (chunk != null) {
                direct.accept(chunk);
            }
        } else if (parsed(data, Json.MAPPER::readTree) instanceof ObjectNode root) {
            chunks.chunk(root);
        }
    }

    private static <T> T parsed(String data, Function<String, T> reader) {
        try {
            return reader.apply(data);
        } catch (JacksonException notJson) {
            throw new SseException("an event is not JSON");
        }
    }

    private void onEvent(SseEvent event, OpenAiStreamTranslator translator, ChunkPipeline chunks, String label) {
        if (event.data().equals("[DONE]")) {
            chunks.end();
            translator.onDone();
            return;
        }
        onChunkEvent(event, chunks, chunk -> onChunk(chunk, translator, label));
    }

    /** One chunk, after the transformers if any, into the translator. */
    private void onChunk(ChatCompletionChunk chunk, OpenAiStreamTranslator translator, String label) {
        if (chunk.error() != null) {
            translator.fail("api_error", failedChunk(chunk, label, translator.started()));
            return;
        }
        translator.onChunk(chunk);
    }

    /**
     * The redacted message of an error chunk, for an in-band error once the client's stream has
     * started; before that the answer fails as a whole with a 502.
     */
    private String failedChunk(ChatCompletionChunk chunk, String label, boolean started) {
        String message = label + " reported an error: " + redactor.redact(String.valueOf(chunk.error().message()));
        if (!started) {
            throw new UpstreamException(502, message, UpstreamException.Kind.STATUS_5XX);
        }
        return message;
    }

    @Override
    public Optional<String> probe() {
        Map<String, String> headers = headers(false, provider.apiKeys().stream().findFirst());
        return Probe.run(client, Probe.openAiModels(provider.apiBaseUrl()), headers, "provider " + provider.name(), redactor);
    }

    private static Map<String, String> headers(boolean stream, Optional<Secret> key) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", stream ? "text/event-stream" : "application/json");
        key.ifPresent(secret -> headers.put("Authorization", "Bearer " + secret.reveal()));
        return headers;
    }
}
