package dev.conduit.providers.transform;

import dev.conduit.config.ConduitConfig;
import dev.conduit.config.ConfigLoader;
import dev.conduit.config.ConfigSource;
import dev.conduit.config.ProviderConfig;
import dev.conduit.config.RouteTarget;
import dev.conduit.config.Secret;
import dev.conduit.config.UpstreamTimeouts;
import dev.conduit.protocol.Json;
import dev.conduit.protocol.anthropic.AnthropicRequestReader;
import dev.conduit.protocol.anthropic.AnthropicWriter;
import dev.conduit.protocol.anthropic.MessagesResponse;
import dev.conduit.protocol.openai.OpenAiRequestReader;
import dev.conduit.protocol.sse.SseEvent;
import dev.conduit.providers.Answer;
import dev.conduit.providers.ClientFormat;
import dev.conduit.providers.ClientLink;
import dev.conduit.providers.RecordingSink;
import dev.conduit.providers.Inbound;
import dev.conduit.providers.openai.OpenAiCompatibleAdapter;
import dev.conduit.providers.upstream.KeepAlive;
import dev.conduit.providers.upstream.Pacing;
import dev.conduit.providers.upstream.Redactor;
import dev.conduit.providers.upstream.UpstreamClient;
import dev.conduit.providers.upstream.UpstreamResources;
import dev.conduit.testing.MockReply;
import dev.conduit.testing.MockUpstream;
import dev.conduit.testing.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One provider, configured from config text as a user writes it, with a real HTTP server playing
 * the upstream: requests go through {@link OpenAiCompatibleAdapter} and its transformers.
 */
final class Gateway implements AutoCloseable {

    static final String KEY = "sk-test-0000000000000000";

    final MockUpstream upstream = new MockUpstream();
    private final UpstreamResources resources = new UpstreamResources();
    private final UpstreamClient client = new UpstreamClient(UpstreamTimeouts.DEFAULTS, Optional.empty(), "conduit-test",
            resources, new Pacing(Duration.ofMillis(50), Duration.ofMillis(50)));
    private final OpenAiCompatibleAdapter adapter;

    /**
     * @param transformer the provider's {@code transformer} object as JSON
     * @param models the provider's models
     */
    Gateway(String transformer, String... models) {
        String config = """
                {"Providers": [{"name": "p", "api_base_url": "%s", "api_key": "%s", "models": [%s],
                                "transformer": %s}],
                 "Router": {"default": "p,%s"}}""".formatted(upstream.chatCompletionsUrl(), KEY,
                String.join(", ", Arrays.stream(models).map(model -> '"' + model + '"').toList()),
                transformer, models[0]);
        ProviderConfig provider;
        try {
            ConduitConfig parsed = new ConfigLoader(Map.of(), Path.of("/home/nobody"), base -> Optional.empty())
                    .parse(config, Path.of("config.json"), new ConfigSource.File(Path.of("config.json"),
                            ConfigSource.Origin.CONDUIT_HOME));
            provider = parsed.providers().getFirst();
        } catch (Exception invalid) {
            throw new AssertionError(invalid.getMessage(), invalid);
        }
        adapter = new OpenAiCompatibleAdapter(provider, client, new Redactor(List.of(new Secret(KEY))),
                new KeepAlive(Duration.ofSeconds(30)));
    }

    static JsonNode json(String text) {
        return Json.MAPPER.readTree(text);
    }

    Gateway reply(MockReply reply) {
        upstream.enqueue(reply);
        return this;
    }

    Gateway replyJson(String body) {
        return reply(MockReply.json(200, body));
    }

    Gateway replySse(String... chunks) {
        return reply(MockReply.sse(List.of(chunks)));
    }

    /** An Anthropic client's whole request ({@code body} without {@code stream}) for {@code model}. */
    MessagesResponse complete(String model, String body) {
        Answer answer = adapter.complete(AnthropicRequestReader.read(json(body)), anthropicClient(), new RouteTarget("p", model),
                ClientLink.DETACHED);
        return ((Answer.Translated) answer).response();
    }

    /** An Anthropic client's streamed request; the events it got, as JSON. */
    List<String> stream(String model, String body) throws Exception {
        RecordingSink sink = new RecordingSink();
        adapter.stream(AnthropicRequestReader.read(json(body)), anthropicClient(), new RouteTarget("p", model), sink);
        return sink.sent().stream().map(AnthropicWriter::json).toList();
    }

    /** An OpenAI client's whole request; the body it got. */
    JsonNode completeOpenAi(String model, String body) {
        ObjectNode request = (ObjectNode) json(body);
        Answer answer = adapter.complete(OpenAiRequestReader.read(request), new Inbound(ClientFormat.OPENAI, request, Map.of()),
                new RouteTarget("p", model), ClientLink.DETACHED);
        return json(new String(((Answer.Forwarded) answer).json(), StandardCharsets.UTF_8));
    }

    /** An OpenAI client's streamed request; the data of each event it got. */
    List<String> streamOpenAi(String model, String body) throws Exception {
        ObjectNode request = (ObjectNode) json(body);
        RecordingSink sink = new RecordingSink();
        adapter.stream(OpenAiRequestReader.read(request), new Inbound(ClientFormat.OPENAI, request, Map.of()),
                new RouteTarget("p", model), sink);
        return sink.forwarded().stream().map(SseEvent::data).toList();
    }

    RecordedRequest received() throws InterruptedException {
        return upstream.takeRequest(5, TimeUnit.SECONDS);
    }

    private static Inbound anthropicClient() {
        return new Inbound(ClientFormat.ANTHROPIC, Json.MAPPER.createObjectNode(), Map.of());
    }

    @Override
    public void close() throws Exception {
        client.close();
        resources.close();
        upstream.close();
    }
}
