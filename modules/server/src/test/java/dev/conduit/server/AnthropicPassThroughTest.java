package dev.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import dev.conduit.testing.MockReply;
import dev.conduit.testing.RecordedRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The official Anthropic SDK talks to Conduit, which passes its requests through to a mock that
 * speaks Anthropic's own API (a provider with claude-code-router's {@code Anthropic} transformer).
 */
class AnthropicPassThroughTest {

    private static final String ANTHROPIC_KEY = "sk-ant-api03-mock-0123456789abcdef";
    private static final String BETA = "context-management-2025-06-27";
    /** Not Conduit's default, so the test sees the client's own version go upstream. */
    private static final String VERSION = "2099-01-01";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    static final RunningGateway gateway = new RunningGateway("", """
            {name: 'claude', api_base_url: '{origin}/v1/messages', api_key: '%s', models: ['claude-sonnet-4-5'],
             transformer: {use: ['Anthropic']}},
            """.formatted(ANTHROPIC_KEY));

    private static final String START = """
            {"type":"message_start","message":{"id":"msg_01XFDUDYJgAACzvnptvVoYEL","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":472,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":1}}}""";

    /** The same answer whole: thinking with its signature, text and a tool call. */
    private static final String WHOLE = """
            {"id":"msg_01XFDUDYJgAACzvnptvVoYEL","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
             "content":[{"type":"thinking","thinking":"The user wants weather.","signature":"EqQBCkYIBhgCKkBsig"},
                        {"type":"text","text":"Let me check."},
                        {"type":"tool_use","id":"toolu_01A","name":"get_weather","input":{"city":"Paris"}}],
             "stop_reason":"tool_use","stop_sequence":null,
             "usage":{"input_tokens":472,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":89}}""";

    private static final List<String> STREAM = List.of(
            START,
            "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"The user wants \"}}",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"weather.\"}}",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"EqQBCkYIBhgCKkBsig\"}}",
            "{\"type\":\"content_block_stop\",\"index\":0}",
            "{\"type\": \"ping\"}",
            "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
            "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":\"Let me \"}}",
            "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":\"check.\"}}",
            "{\"type\":\"content_block_stop\",\"index\":1}",
            "{\"type\":\"content_block_start\",\"index\":2,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_01A\",\"name\":\"get_weather\",\"input\":{}}}",
            "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\"}}",
            "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\": \"}}",
            "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\\\"Paris\\\"}\"}}",
            "{\"type\":\"content_block_stop\",\"index\":2}",
            "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":89}}",
            "{\"type\":\"message_stop\"}");

    private static MockReply anthropicStream(List<String> events) {
        return new MockReply.Stream(events.stream()
                .map(data -> "event: " + JSON.readTree(data).get("type").stringValue() + "\ndata: " + data + "\n\n")
                .toList(), Duration.ZERO, false);
    }

    private static MessageCreateParams request() {
        return MessageCreateParams.builder()
                .model("claude,claude-sonnet-4-5")
                .maxTokens(2048)
                .addUserMessage("Weather in Paris?")
                .putAdditionalHeader("anthropic-beta", BETA)
                .putAdditionalHeader("anthropic-version", VERSION)
                .build();
    }

    @Test
    void aStreamedAnswerAccumulatesToTheSameMessageAsTheWholeOne() throws Exception {
        gateway.upstream.enqueue(MockReply.json(200, WHOLE));
        Message whole = gateway.anthropic().messages().create(request());
        gateway.upstream.enqueue(anthropicStream(STREAM));

        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = gateway.anthropic().messages().createStreaming(request())) {
            stream.stream().forEach(accumulator::accumulate);
        }
        Message streamed = accumulator.message();

        assertThat(whole.stopReason()).contains(StopReason.TOOL_USE);
        assertThat(whole.content()).hasSize(3);
        assertThat(whole.content().get(0).asThinking().signature()).isEqualTo("EqQBCkYIBhgCKkBsig");
        assertThat(whole.content().get(2).asToolUse()._input().convert(Map.class)).isEqualTo(Map.of("city", "Paris"));
        assertThat(streamed).isEqualTo(whole);

        for (int i = 0; i < 2; i++) {
            RecordedRequest upstream = gateway.upstream.takeRequest(5, TimeUnit.SECONDS);
            assertThat(upstream.path()).isEqualTo("/v1/messages");
            assertThat(upstream.header("anthropic-beta")).isEqualTo(BETA);
            assertThat(upstream.header("anthropic-version")).isEqualTo(VERSION);
            assertThat(upstream.header("x-api-key")).as("Conduit's key for the provider, never the client's")
                    .isEqualTo(ANTHROPIC_KEY);
            assertThat(upstream.header("authorization")).isNull();
            assertThat(upstream.body().get("model").stringValue()).isEqualTo("claude-sonnet-4-5");
            assertThat(upstream.body().get("max_tokens").intValue()).isEqualTo(2048);
        }
    }

    @Test
    void aProviderStillOverloadedAfterThreeAttemptsIsA529ForTheClient() throws Exception {
        gateway.upstream.failNext(3, MockReply.json(529,
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));

        HttpResponse<String> response = gateway.postJson("/v1/messages",
                "{\"model\":\"claude,claude-sonnet-4-5\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        assertThat(response.statusCode()).isEqualTo(529);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.at("/error/type").stringValue()).isEqualTo("overloaded_error");
        assertThat(body.at("/error/message").stringValue()).endsWith("answered 529: Overloaded");
        assertThat(gateway.upstream.received()).hasSize(3);
    }

    @Test
    void anOpenAiClientGetsTheStreamAsChatCompletionChunks() throws Exception {
        gateway.upstream.enqueue(anthropicStream(STREAM));

        HttpResponse<String> response = gateway.postJson("/v1/chat/completions", """
                {"model":"claude,claude-sonnet-4-5","stream":true,"messages":[{"role":"user","content":"Weather in Paris?"}]}""");

        assertThat(response.statusCode()).isEqualTo(200);
        StringBuilder arguments = new StringBuilder();
        StringBuilder content = new StringBuilder();
        String finish = null;
        List<String> frames = response.body().lines().filter(line -> line.startsWith("data: ")).map(line -> line.substring(6)).toList();
        assertThat(frames.getLast()).isEqualTo("[DONE]");
        for (String frame : frames.subList(0, frames.size() - 1)) {
            JsonNode choice = JSON.readTree(frame).path("choices").path(0);
            content.append(choice.at("/delta/content").asString(""));
            arguments.append(choice.at("/delta/tool_calls/0/function/arguments").asString(""));
            finish = choice.path("finish_reason").isString() ? choice.path("finish_reason").stringValue() : finish;
        }
        assertThat(content.toString()).isEqualTo("Let me check.");
        assertThat(JSON.readTree(arguments.toString())).isEqualTo(JSON.readTree("{\"city\":\"Paris\"}"));
        assertThat(finish).isEqualTo("tool_calls");
        RecordedRequest upstream = gateway.upstream.takeRequest(5, TimeUnit.SECONDS);
        assertThat(upstream.body().get("messages")).isEqualTo(JSON.readTree(
                "[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Weather in Paris?\"}]}]"));
        assertThat(upstream.body().get("stream").booleanValue()).isTrue();
    }
}
