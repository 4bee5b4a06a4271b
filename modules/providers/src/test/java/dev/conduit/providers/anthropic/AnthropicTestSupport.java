package dev.conduit.providers.anthropic;

import dev.conduit.config.ProviderConfig;
import dev.conduit.config.RouteTarget;
import dev.conduit.config.Secret;
import dev.conduit.config.UpstreamTimeouts;
import dev.conduit.protocol.Json;
import dev.conduit.providers.upstream.KeepAlive;
import dev.conduit.providers.upstream.Pacing;
import dev.conduit.providers.upstream.Redactor;
import dev.conduit.providers.upstream.UpstreamClient;
import dev.conduit.providers.upstream.UpstreamResources;
import dev.conduit.testing.MockReply;
import dev.conduit.testing.MockUpstream;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A mock upstream playing Anthropic's API, an HTTP client to reach it, and a sink that records
 * what a client would get. Close it after each test.
 */
final class AnthropicTestSupport implements AutoCloseable {

    static final String KEY = "sk-ant-api03-TestKey0000000000000000000000";
    static final RouteTarget TARGET = new RouteTarget("anthropic", "claude-sonnet-4-5");

    final MockUpstream upstream = new MockUpstream();
    private final UpstreamResources resources = new UpstreamResources();
    private final UpstreamClient client;

    AnthropicTestSupport() {
        this(UpstreamTimeouts.DEFAULTS);
    }

    AnthropicTestSupport(UpstreamTimeouts timeouts) {
        client = new UpstreamClient(timeouts, Optional.empty(), "conduit-test", resources, new Pacing(Duration.ofMillis(50), Duration.ofMillis(50)));
    }

    static JsonNode json(String text) {
        return Json.MAPPER.readTree(text);
    }

    String origin() {
        return "http://127.0.0.1:" + upstream.chatCompletionsUrl().getPort();
    }

    AnthropicAdapter adapter() {
        return adapter("{\"use\":[\"Anthropic\"]}");
    }

    AnthropicAdapter adapter(String transformer) {
        return new AnthropicAdapter(provider(origin() + "/v1/messages", transformer), client,
                new Redactor(List.of(new Secret(KEY))), new KeepAlive(Duration.ofSeconds(30)));
    }

    static ProviderConfig provider(String url, String transformer) {
        return new ProviderConfig("anthropic", URI.create(url), List.of(new Secret(KEY)), List.of("claude-sonnet-4-5"),
                transformer == null ? null : json(transformer));
    }

    /** One SSE event as Anthropic frames it, its name taken from the data's type. */
    static String frame(String data) {
        return "event: " + json(data).get("type").stringValue() + "\ndata: " + data + "\n\n";
    }

    /** A stream of events, each written and flushed on its own. */
    static MockReply stream(String... data) {
        return new MockReply.Stream(Arrays.stream(data).map(AnthropicTestSupport::frame).toList(), Duration.ZERO, false);
    }

    /** The events, then the connection drops. */
    static MockReply cut(String... data) {
        return new MockReply.Stream(Arrays.stream(data).map(AnthropicTestSupport::frame).toList(), Duration.ZERO, true);
    }

    @Override
    public void close() throws Exception {
        client.close();
        resources.close();
        upstream.close();
    }
}
