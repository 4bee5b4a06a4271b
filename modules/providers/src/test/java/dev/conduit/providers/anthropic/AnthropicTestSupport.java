package dev.conduit.providers.anthropic;

import dev.conduit.config.ProviderConfig;
import dev.conduit.config.RouteTarget;
import dev.conduit.config.Secret;
import dev.conduit.config.UpstreamTimeouts;
import dev.conduit.protocol.Json;
import dev.conduit.protocol.anthropic.StreamEvent;
import dev.conduit.protocol.sse.SseEvent;
import dev.conduit.providers.EventSink;
import dev.conduit.providers.UpstreamException;
import dev.conduit.providers.upstream.KeepAlive;
import dev.conduit.providers.upstream.Redactor;
import dev.conduit.providers.upstream.UpstreamClient;
import dev.conduit.providers.upstream.UpstreamResources;
import dev.conduit.testing.MockReply;
import dev.conduit.testing.MockUpstream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
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
        client = new UpstreamClient(timeouts, Optional.empty(), "conduit-test", resources, Duration.ofMillis(50));
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

    /** What reaches the client: forwarded upstream events and events sent in the hub model, in order. */
    static final class Sink implements EventSink {
        final List<Object> written = new ArrayList<>();
        final List<StreamEvent> observed = new ArrayList<>();
        final List<UpstreamException.Kind> failures = new ArrayList<>();
        int flushed;

        @Override
        public void send(StreamEvent event) {
            written.add(event);
        }

        @Override
        public void forward(SseEvent event) {
            written.add(event);
        }

        @Override
        public void observe(StreamEvent event) {
            observed.add(event);
        }

        @Override
        public void flush() {
            flushed = written.size();
        }

        @Override
        public boolean committed() {
            return flushed > 0;
        }

        @Override
        public void upstreamFailed(UpstreamException.Kind kind) {
            failures.add(kind);
        }

        @Override
        public boolean clientGone() {
            return false;
        }

        @Override
        public boolean mustStop() {
            return false;
        }

        List<SseEvent> forwarded() {
            return written.stream().filter(SseEvent.class::isInstance).map(SseEvent.class::cast).toList();
        }

        List<StreamEvent> sent() {
            return written.stream().filter(StreamEvent.class::isInstance).map(StreamEvent.class::cast).toList();
        }
    }
}
