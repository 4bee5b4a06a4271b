package dev.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.protocol.sse.SseEvent;
import dev.conduit.protocol.sse.SseParser;
import dev.conduit.testing.ClaudeCodeFixtures;
import dev.conduit.testing.MockReply;
import dev.conduit.testing.OpenAiChunks;
import dev.conduit.testing.RecordedRequest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;

/** The requests Claude Code really sends, replayed with their headers, path and body. */
class ClaudeCodeRequestsTest {

    /** Headers the JDK client sets itself and refuses to be given. */
    private static final Set<String> RESTRICTED = Set.of("host", "connection", "content-length", "accept-encoding");

    static final List<String> FIXTURES = ClaudeCodeFixtures.ALL;

    @RegisterExtension
    static final RunningGateway gateway = new RunningGateway("");

    private static HttpResponse<String> replay(String fixture) throws Exception {
        JsonNode capture = ClaudeCodeFixtures.capture(fixture);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + capture.get("path").stringValue()))
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(capture.get("body").toString()));
        for (Map.Entry<String, JsonNode> header : capture.get("headers").properties()) {
            if (!RESTRICTED.contains(header.getKey())) {
                request.header(header.getKey(), header.getValue().stringValue());
            }
        }
        return gateway.send(request.build());
    }

    private static List<SseEvent> events(String body) {
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        parser.feed(bytes, 0, bytes.length);
        parser.finish();
        return events;
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void everyCapturedRequestStreamsBackAWellFormedMessage(String fixture) throws Exception {
        gateway.upstream.enqueue(MockReply.sse(OpenAiChunks.textStream("Done.", 9000, 3)));

        HttpResponse<String> response = replay(fixture);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        List<String> names = events(response.body()).stream().map(SseEvent::event).toList();
        assertThat(names).containsExactly("message_start", "ping", "content_block_start", "content_block_delta",
                "content_block_stop", "message_delta", "message_stop");
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void theUpstreamGetsOneSystemMessageWithoutTheBillingHeaderButWithTheEnvironment(String fixture) throws Exception {
        gateway.upstream.enqueue(MockReply.sse(OpenAiChunks.textStream("Done.", 10, 1)));

        replay(fixture);

        JsonNode messages = gateway.upstream.takeRequest(5, TimeUnit.SECONDS).body().get("messages");
        assertThat(messages.get(0).get("role").stringValue()).isEqualTo("system");
        assertThat(messages.toString()).doesNotContain("x-anthropic-billing-header");
        long systemMessages = 0;
        for (JsonNode message : messages) {
            if (message.get("role").stringValue().equals("system")) {
                systemMessages++;
            }
        }
        assertThat(systemMessages).isEqualTo(1);
        boolean hasEnvironmentMessage = ClaudeCodeFixtures.body(fixture).get("messages").toString().contains("# Environment");
        if (hasEnvironmentMessage) {
            assertThat(messages.get(0).get("content").stringValue()).contains("# Environment");
        }
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void everyToolResultAnswersACallTheUpstreamSawBeforeIt(String fixture) throws Exception {
        gateway.upstream.enqueue(MockReply.sse(OpenAiChunks.textStream("Done.", 10, 1)));

        replay(fixture);

        List<String> calls = new ArrayList<>();
        for (JsonNode message : gateway.upstream.takeRequest(5, TimeUnit.SECONDS).body().get("messages")) {
            for (JsonNode call : message.path("tool_calls")) {
                calls.add(call.get("id").stringValue());
            }
            if (message.get("role").stringValue().equals("tool")) {
                assertThat(calls).contains(message.get("tool_call_id").stringValue());
            }
        }
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void deferredToolsAreSentOnlyOnceToolSearchLoadedThem(String fixture) throws Exception {
        gateway.upstream.enqueue(MockReply.sse(OpenAiChunks.textStream("Done.", 10, 1)));

        replay(fixture);

        RecordedRequest upstream = gateway.upstream.takeRequest(5, TimeUnit.SECONDS);
        List<String> functions = new ArrayList<>();
        for (JsonNode tool : upstream.body().path("tools")) {
            functions.add(tool.at("/function/name").stringValue());
        }
        assertThat(functions).doesNotContain("DeferredToolPlaceholder");
        if (fixture.equals(ClaudeCodeFixtures.TOOLSEARCH_FOLLOWUP)) {
            assertThat(functions).contains("WebFetch", "ToolSearch");
            assertThat(upstream.body().get("messages").toString()).contains("Tool WebFetch loaded.");
        } else {
            assertThat(functions).doesNotContain("WebFetch");
        }
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void countTokensAnswersEveryCapturedBody(String fixture) throws Exception {
        HttpResponse<String> response = gateway.postJson("/v1/messages/count_tokens",
                ClaudeCodeFixtures.body(fixture).toString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).matches("\\{\"input_tokens\":\\d+}");
        long tokens = Long.parseLong(response.body().replaceAll("\\D", ""));
        // the interactive bodies carry Claude Code's whole system prompt and tool list
        assertThat(tokens).isGreaterThan(fixture.equals(ClaudeCodeFixtures.INTERACTIVE_TITLE) ? 100 : 5_000);
    }
}
