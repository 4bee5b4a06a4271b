package dev.conduit.providers.anthropic;

import static dev.conduit.providers.anthropic.AnthropicTestSupport.KEY;
import static dev.conduit.providers.anthropic.AnthropicTestSupport.TARGET;
import static dev.conduit.providers.anthropic.AnthropicTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.providers.RecordingSink;
import dev.conduit.protocol.anthropic.AnthropicRequestReader;
import dev.conduit.protocol.anthropic.MessagesRequest;
import dev.conduit.protocol.anthropic.StopReason;
import dev.conduit.protocol.anthropic.StreamEvent;
import dev.conduit.protocol.anthropic.Usage;
import dev.conduit.protocol.sse.SseEvent;
import dev.conduit.providers.Answer;
import dev.conduit.providers.ClientFormat;
import dev.conduit.providers.ClientLink;
import dev.conduit.providers.Inbound;
import dev.conduit.providers.UpstreamException;
import dev.conduit.testing.MockReply;
import dev.conduit.testing.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** An Anthropic client's request and answer pass through unchanged but for the model. */
class AnthropicPassThroughTest {

    /** A request with fields this gateway does not interpret, at every level. */
    private static final String BODY = """
            {"model":"claude-opus-4-1","max_tokens":1024,
             "system":[{"type":"text","text":"Be brief.","cache_control":{"type":"ephemeral","ttl":"1h"}}],
             "messages":[{"role":"user","content":[{"type":"text","text":"Hi","cache_control":{"type":"ephemeral"}}]}],
             "metadata":{"user_id":"u-1"},
             "context_management":{"edits":[{"type":"clear_tool_uses_20250919","trigger":{"type":"input_tokens","value":30000}}]},
             "output_config":{"effort":"medium"},
             "tools":[{"type":"web_search_20250305","name":"web_search","max_uses":3,"allowed_domains":["example.com"]}],
             "service_tier":"auto",
             "a_future_field":{"nested":[1,2,{"x":null}]}}""";

    static final String START = """
            {"type":"message_start","message":{"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":25,"cache_creation_input_tokens":0,"cache_read_input_tokens":10,"output_tokens":1}}}""";
    static final String TEXT_START = "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}";
    static final String PING = "{\"type\": \"ping\"}";
    static final String HELLO = "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello\"}}";
    static final String THERE = "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\" there \\u00e9\"}}";
    static final String TEXT_STOP = "{\"type\":\"content_block_stop\",\"index\":0}";
    static final String DELTA = "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":12}}";
    static final String STOP = "{\"type\":\"message_stop\"}";

    private final AnthropicTestSupport support = new AnthropicTestSupport();

    @AfterEach
    void close() throws Exception {
        support.close();
    }

    private static Inbound client(String body, Map<String, String> headers) {
        return new Inbound(ClientFormat.ANTHROPIC, (ObjectNode) json(body), headers);
    }

    private static MessagesRequest hub(String body) {
        return AnthropicRequestReader.read(json(body));
    }

    private RecordedRequest received() throws InterruptedException {
        return support.upstream.takeRequest(5, TimeUnit.SECONDS);
    }

    @Test
    void aWholeAnswerKeepsEveryFieldOfTheRequestAndComesBackByteForByte() throws Exception {
        String answer = """
                {"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
                 "content":[{"type":"text","text":"Hi!","citations":null}],"stop_reason":"end_turn","stop_sequence":null,
                 "usage":{"input_tokens":25,"cache_creation_input_tokens":3,"cache_read_input_tokens":10,"output_tokens":4,
                          "service_tier":"standard","server_tool_use":{"web_search_requests":0}},
                 "container":null}""";
        support.upstream.enqueue(MockReply.json(200, answer));
        Inbound inbound = client(BODY, Map.of("anthropic-version", "2023-06-01",
                "anthropic-beta", "context-management-2025-06-27,interleaved-thinking-2025-05-14"));

        Answer result = support.adapter().complete(hub(BODY), inbound, TARGET, ClientLink.DETACHED);

        Answer.Forwarded forwarded = (Answer.Forwarded) result;
        assertThat(new String(forwarded.json(), StandardCharsets.UTF_8)).isEqualTo(answer);
        assertThat(forwarded.usage()).isEqualTo(new Usage(25, 4, 3, 10));
        RecordedRequest request = received();
        ObjectNode expected = (ObjectNode) json(BODY);
        expected.put("model", "claude-sonnet-4-5");
        assertThat(request.body()).isEqualTo(expected);
        assertThat(request.path()).isEqualTo("/v1/messages");
        assertThat(request.header("x-api-key")).isEqualTo(KEY);
        assertThat(request.header("authorization")).isNull();
        assertThat(request.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(request.header("anthropic-beta")).isEqualTo("context-management-2025-06-27,interleaved-thinking-2025-05-14");
        assertThat(request.header("content-type")).startsWith("application/json");
        assertThat(request.header("accept")).isEqualTo("application/json");
        assertThat(inbound.body()).as("the client's body is not changed").isEqualTo(json(BODY));
    }

    @Test
    void withoutAVersionTheDefaultIsSentAndNoBetaHeader() throws Exception {
        support.upstream.enqueue(MockReply.json(200, "{\"content\":[],\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}"));

        support.adapter().complete(hub(BODY), client(BODY, Map.of()), TARGET, ClientLink.DETACHED);

        RecordedRequest request = received();
        assertThat(request.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(request.header("anthropic-beta")).isNull();
    }

    @Test
    void aStreamIsForwardedEventForEventWithTheUpstreamsOwnBytes() throws Exception {
        support.upstream.enqueue(AnthropicTestSupport.stream(START, TEXT_START, PING, HELLO, THERE, TEXT_STOP, DELTA, STOP));
        RecordingSink sink = new RecordingSink();

        support.adapter().stream(hub(BODY), client(BODY, Map.of("anthropic-version", "2023-06-01")), TARGET, sink);

        assertThat(sink.forwarded()).containsExactly(
                new SseEvent("message_start", START, null), new SseEvent("content_block_start", TEXT_START, null),
                new SseEvent("ping", PING, null), new SseEvent("content_block_delta", HELLO, null),
                new SseEvent("content_block_delta", THERE, null), new SseEvent("content_block_stop", TEXT_STOP, null),
                new SseEvent("message_delta", DELTA, null), new SseEvent("message_stop", STOP, null));
        assertThat(sink.sent()).as("nothing of Conduit's own").isEmpty();
        assertThat(sink.flushed).isEqualTo(sink.written.size());
        assertThat(sink.failures).isEmpty();
        RecordedRequest request = received();
        assertThat(request.body().get("stream").booleanValue()).isTrue();
        assertThat(request.body().get("model").stringValue()).isEqualTo("claude-sonnet-4-5");
        assertThat(request.header("accept")).isEqualTo("text/event-stream");
    }

    @Test
    void theUsageOfAStreamIsObservedWithTheInputCountsOfItsStart() throws Exception {
        support.upstream.enqueue(AnthropicTestSupport.stream(START, TEXT_START, HELLO, TEXT_STOP, DELTA, STOP));
        RecordingSink sink = new RecordingSink();

        support.adapter().stream(hub(BODY), client(BODY, Map.of()), TARGET, sink);

        assertThat(sink.observed).hasSize(6);
        assertThat(sink.observed).contains(new StreamEvent.MessageDelta(StopReason.END_TURN, null, new Usage(25, 12, 0, 10)));
        assertThat(sink.observed.getLast()).isEqualTo(new StreamEvent.MessageStop());
    }

    @Test
    void aStreamCutBeforeMessageStopEndsWithAnErrorEvent() throws Exception {
        support.upstream.enqueue(AnthropicTestSupport.cut(START, TEXT_START, HELLO));
        RecordingSink sink = new RecordingSink();

        support.adapter().stream(hub(BODY), client(BODY, Map.of()), TARGET, sink);

        assertThat(sink.forwarded()).hasSize(3);
        assertThat(sink.written.getLast()).isInstanceOfSatisfying(StreamEvent.Error.class, error -> {
            assertThat(error.type()).isEqualTo("api_error");
            assertThat(error.message()).endsWith("before the response was complete");
        });
        assertThat(sink.written).noneMatch(event -> event instanceof SseEvent sse && sse.event().equals("message_stop"));
        assertThat(sink.failures).containsExactly(UpstreamException.Kind.STREAM_BROKEN);
    }

    @Test
    void aStreamThatEndsCleanlyWithoutMessageStopAlsoEndsWithAnErrorEvent() throws Exception {
        support.upstream.enqueue(AnthropicTestSupport.stream(START, TEXT_START, HELLO, TEXT_STOP, DELTA));
        RecordingSink sink = new RecordingSink();

        support.adapter().stream(hub(BODY), client(BODY, Map.of()), TARGET, sink);

        assertThat(sink.written.getLast()).isEqualTo(new StreamEvent.Error("api_error",
                "the stream from provider anthropic ended before the response was complete"));
    }

    @Test
    void anErrorEventMidStreamIsForwardedAndEndsTheStream() throws Exception {
        String overloaded = "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}";
        support.upstream.enqueue(AnthropicTestSupport.stream(START, TEXT_START, HELLO, overloaded, THERE));
        RecordingSink sink = new RecordingSink();

        support.adapter().stream(hub(BODY), client(BODY, Map.of()), TARGET, sink);

        assertThat(sink.written).last().isEqualTo(new SseEvent("error", overloaded, null));
        assertThat(sink.written).hasSize(4);
        assertThat(sink.observed).last().isEqualTo(new StreamEvent.Error("overloaded_error", "Overloaded"));
        assertThat(sink.failures).containsExactly(UpstreamException.Kind.STATUS_5XX);
    }

    @Test
    void anErrorEventBeforeAnythingWasSentIsAnHttpErrorWithAnthropicsStatus() {
        support.upstream.enqueue(AnthropicTestSupport.stream(
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));

        assertThatThrownBy(() -> support.adapter().stream(hub(BODY), client(BODY, Map.of()), TARGET,
                new RecordingSink()))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.status()).isEqualTo(529);
                    assertThat(e.getMessage()).isEqualTo(
                            "provider anthropic (model claude-sonnet-4-5) reported an error: Overloaded");
                });
    }

    @Test
    void anEventTypeThisGatewayDoesNotKnowIsForwardedToo() throws Exception {
        String future = "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"citations_delta\",\"citation\":{}}}";
        support.upstream.enqueue(AnthropicTestSupport.stream(START, TEXT_START, future, TEXT_STOP, DELTA, STOP));
        RecordingSink sink = new RecordingSink();

        support.adapter().stream(hub(BODY), client(BODY, Map.of()), TARGET, sink);

        assertThat(sink.forwarded()).extracting(SseEvent::data).containsExactly(START, TEXT_START, future, TEXT_STOP, DELTA, STOP);
        assertThat(sink.observed).hasSize(5);
    }

    @Test
    void aServerThatIgnoresStreamIsReplayedAsEvents() throws Exception {
        support.upstream.enqueue(MockReply.json(200, """
                {"id":"msg_9","model":"claude-x","content":[{"type":"text","text":"Whole."}],
                 "stop_reason":"end_turn","usage":{"input_tokens":3,"output_tokens":2}}"""));
        RecordingSink sink = new RecordingSink();

        support.adapter().stream(hub(BODY), client(BODY, Map.of()), TARGET, sink);

        List<StreamEvent> sent = sink.sent();
        assertThat(sent.getFirst()).isInstanceOf(StreamEvent.MessageStart.class);
        assertThat(sent).contains(new StreamEvent.MessageDelta(StopReason.END_TURN, null, new Usage(3, 2, 0, 0)));
        assertThat(sent.getLast()).isEqualTo(new StreamEvent.MessageStop());
    }

    @Test
    void theBearerOptionSendsTheKeyAsABearerToken() throws Exception {
        support.upstream.enqueue(MockReply.json(200, "{\"content\":[],\"usage\":{}}"));

        support.adapter("{\"use\":[[\"Anthropic\",{\"UseBearer\":true}]]}")
                .complete(hub(BODY), client(BODY, Map.of()), TARGET, ClientLink.DETACHED);

        RecordedRequest request = received();
        assertThat(request.header("authorization")).isEqualTo("Bearer " + KEY);
        assertThat(request.header("x-api-key")).isNull();
    }

    @Test
    void aClientHeaderOtherThanVersionAndBetaIsNotSent() throws Exception {
        support.upstream.enqueue(MockReply.json(200, "{\"content\":[],\"usage\":{}}"));

        support.adapter().complete(hub(BODY), client(BODY, Map.of("anthropic-version", "2023-06-01",
                "anthropic-dangerous-direct-browser-access", "true")), TARGET, ClientLink.DETACHED);

        assertThat(received().header("anthropic-dangerous-direct-browser-access")).isNull();
    }
}
