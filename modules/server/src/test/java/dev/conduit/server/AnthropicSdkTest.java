package dev.conduit.server;

import static dev.conduit.testing.OpenAiChunks.finishChunk;
import static dev.conduit.testing.OpenAiChunks.roleChunk;
import static dev.conduit.testing.OpenAiChunks.textChunk;
import static dev.conduit.testing.OpenAiChunks.toolCallArguments;
import static dev.conduit.testing.OpenAiChunks.toolCallStart;
import static dev.conduit.testing.OpenAiChunks.usageChunk;
import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import dev.conduit.testing.MockReply;
import dev.conduit.testing.OpenAiChunks;
import dev.conduit.testing.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** The official Anthropic Java SDK talks to Conduit, which talks to an OpenAI-compatible mock. */
class AnthropicSdkTest {

    @RegisterExtension
    static final RunningGateway gateway = new RunningGateway("");

    private static AnthropicClient client() {
        return gateway.anthropic();
    }

    private static MessageCreateParams.Builder hello() {
        return MessageCreateParams.builder()
                .model("claude-sonnet-4-5")
                .maxTokens(256)
                .system("Answer briefly.")
                .addUserMessage("Say hello.");
    }

    @Test
    void aPlainRequestIsAnsweredWithTheUpstreamsTextAndUsage() throws Exception {
        gateway.upstream.enqueue(MockReply.json(200, OpenAiChunks.completion("Hello there!", "stop", 21, 4)));

        Message message = client().messages().create(hello().build());

        assertThat(message.content()).hasSize(1);
        assertThat(message.content().getFirst().asText().text()).isEqualTo("Hello there!");
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.usage().inputTokens()).isEqualTo(21);
        assertThat(message.usage().outputTokens()).isEqualTo(4);

        RecordedRequest upstream = gateway.upstream.takeRequest(5, TimeUnit.SECONDS);
        assertThat(upstream.header("authorization")).isEqualTo("Bearer " + RunningGateway.UPSTREAM_KEY);
        assertThat(upstream.body().get("model").stringValue()).isEqualTo("mock-model");
        assertThat(upstream.body().get("max_tokens").intValue()).isEqualTo(256);
        assertThat(upstream.body().get("stream").booleanValue()).isFalse();
        assertThat(upstream.body().get("messages").toString()).isEqualTo(
                "[{\"role\":\"system\",\"content\":\"Answer briefly.\"},{\"role\":\"user\",\"content\":\"Say hello.\"}]");
    }

    @Test
    void aStreamedAnswerAccumulatesToTheSameMessageAsAWholeOne() throws Exception {
        gateway.upstream.enqueue(MockReply.json(200, OpenAiChunks.completion("Hello there, friend!", "stop", 30, 5)));
        Message whole = client().messages().create(hello().build());
        gateway.upstream.enqueue(MockReply.sse(OpenAiChunks.textStream("Hello there, friend!", 30, 5)));

        MessageAccumulator accumulator = MessageAccumulator.create();
        List<String> eventTypes = new ArrayList<>();
        try (StreamResponse<RawMessageStreamEvent> stream = client().messages().createStreaming(hello().build())) {
            stream.stream().forEach(event -> {
                accumulator.accumulate(event);
                eventTypes.add(typeOf(event));
            });
        }
        Message streamed = accumulator.message();

        assertThat(streamed.content()).hasSize(1);
        assertThat(streamed.content().getFirst().asText().text()).isEqualTo(whole.content().getFirst().asText().text());
        assertThat(streamed.stopReason()).isEqualTo(whole.stopReason());
        assertThat(streamed.usage().inputTokens()).isEqualTo(whole.usage().inputTokens());
        assertThat(streamed.usage().outputTokens()).isEqualTo(whole.usage().outputTokens());
        assertThat(eventTypes.getFirst()).isEqualTo("message_start");
        assertThat(eventTypes.getLast()).isEqualTo("message_stop");
        assertThat(eventTypes).containsSubsequence("content_block_start", "content_block_delta", "content_block_stop",
                "message_delta", "message_stop");

        gateway.upstream.takeRequest(5, TimeUnit.SECONDS);
        RecordedRequest upstream = gateway.upstream.takeRequest(5, TimeUnit.SECONDS);
        assertThat(upstream.body().get("stream").booleanValue()).isTrue();
        assertThat(upstream.body().at("/stream_options/include_usage").booleanValue()).isTrue();
    }

    private static String typeOf(RawMessageStreamEvent event) {
        if (event.isMessageStart()) {
            return "message_start";
        } else if (event.isContentBlockStart()) {
            return "content_block_start";
        } else if (event.isContentBlockDelta()) {
            return "content_block_delta";
        } else if (event.isContentBlockStop()) {
            return "content_block_stop";
        } else if (event.isMessageDelta()) {
            return "message_delta";
        }
        return "message_stop";
    }

    @Test
    void aToolCallMakesTheRoundTrip() throws Exception {
        Tool weather = Tool.builder()
                .name("get_weather")
                .description("Current weather of a city")
                .inputSchema(Tool.InputSchema.builder()
                        .properties(JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .required(List.of("city"))
                        .build())
                .build();
        gateway.upstream.enqueue(MockReply.sse(List.of(
                roleChunk(),
                textChunk("Let me check."),
                toolCallStart(0, "call_7", "get_weather"),
                toolCallArguments(0, "{\"ci"),
                toolCallArguments(0, "ty\": \"Paris\"}"),
                finishChunk("tool_calls"),
                usageChunk(80, 17))));

        MessageAccumulator accumulator = MessageAccumulator.create();
        MessageCreateParams first = MessageCreateParams.builder()
                .model("claude-sonnet-4-5").maxTokens(512).addTool(weather)
                .addUserMessage("Weather in Paris?").build();
        try (StreamResponse<RawMessageStreamEvent> stream = client().messages().createStreaming(first)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        Message answer = accumulator.message();

        assertThat(answer.stopReason()).contains(StopReason.TOOL_USE);
        assertThat(answer.content()).hasSize(2);
        assertThat(answer.content().get(0).asText().text()).isEqualTo("Let me check.");
        ToolUseBlock call = answer.content().get(1).asToolUse();
        assertThat(call.id()).isEqualTo("call_7");
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(call._input().convert(Map.class)).isEqualTo(Map.of("city", "Paris"));

        RecordedRequest firstUpstream = gateway.upstream.takeRequest(5, TimeUnit.SECONDS);
        JsonNode function = firstUpstream.body().at("/tools/0/function");
        assertThat(function.get("name").stringValue()).isEqualTo("get_weather");
        assertThat(function.at("/parameters/required/0").stringValue()).isEqualTo("city");

        gateway.upstream.enqueue(MockReply.json(200, OpenAiChunks.completion("It is sunny in Paris.", "stop", 120, 8)));
        MessageCreateParams second = MessageCreateParams.builder()
                .model("claude-sonnet-4-5").maxTokens(512).addTool(weather)
                .addUserMessage("Weather in Paris?")
                .addMessage(answer)
                .addUserMessageOfContentBlockParams(List.of(
                        ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
                                .toolUseId("call_7").content("18°C, sunny").build()),
                        ContentBlockParam.ofText("Thanks!")))
                .build();
        Message last = client().messages().create(second);

        assertThat(last.content().getFirst().asText().text()).isEqualTo("It is sunny in Paris.");
        JsonNode messages = gateway.upstream.takeRequest(5, TimeUnit.SECONDS).body().get("messages");
        assertThat(messages.get(1).get("role").stringValue()).isEqualTo("assistant");
        assertThat(messages.get(1).get("content").stringValue()).isEqualTo("Let me check.");
        assertThat(messages.get(1).at("/tool_calls/0/id").stringValue()).isEqualTo("call_7");
        assertThat(messages.get(1).at("/tool_calls/0/function/arguments").stringValue()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(messages.get(2).toString()).isEqualTo("{\"role\":\"tool\",\"tool_call_id\":\"call_7\",\"content\":\"18°C, sunny\"}");
        assertThat(messages.get(3).toString()).isEqualTo("{\"role\":\"user\",\"content\":\"Thanks!\"}");
    }

    @Test
    void anExplicitProviderAndModelInTheModelFieldIsRoutedThereWithTheConfiguredSpelling() throws Exception {
        gateway.upstream.enqueue(MockReply.json(200, OpenAiChunks.completion("ok", "stop", 1, 1)));

        client().messages().create(hello().model("MOCK,other-model").build());

        assertThat(gateway.upstream.takeRequest(5, TimeUnit.SECONDS).body().get("model").stringValue()).isEqualTo("Other-Model");
    }

    @Test
    void stopSequencesGoUpstreamAsAListAndMetadataUserIdAsUser() throws Exception {
        gateway.upstream.enqueue(MockReply.json(200, OpenAiChunks.completion("ok", "stop", 1, 1)));

        client().messages().create(hello()
                .stopSequences(List.of("END"))
                .metadata(com.anthropic.models.messages.Metadata.builder().userId("user-42").build())
                .putAdditionalBodyProperty("temperature", JsonValue.from(0.2))
                .build());

        JsonNode body = gateway.upstream.takeRequest(5, TimeUnit.SECONDS).body();
        assertThat(body.get("stop").toString()).isEqualTo("[\"END\"]");
        assertThat(body.get("user").stringValue()).isEqualTo("user-42");
        assertThat(body.get("temperature").doubleValue()).isEqualTo(0.2);
    }
}
