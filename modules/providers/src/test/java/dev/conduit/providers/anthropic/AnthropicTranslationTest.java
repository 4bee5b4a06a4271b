package dev.conduit.providers.anthropic;

import static dev.conduit.providers.anthropic.AnthropicPassThroughTest.PING;
import static dev.conduit.providers.anthropic.AnthropicPassThroughTest.START;
import static dev.conduit.providers.anthropic.AnthropicPassThroughTest.STOP;
import static dev.conduit.providers.anthropic.AnthropicTestSupport.TARGET;
import static dev.conduit.providers.anthropic.AnthropicTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.providers.RecordingSink;
import dev.conduit.protocol.Json;
import dev.conduit.protocol.anthropic.ContentBlock;
import dev.conduit.protocol.anthropic.MessagesRequest;
import dev.conduit.protocol.anthropic.MessagesResponse;
import dev.conduit.protocol.anthropic.StopReason;
import dev.conduit.protocol.anthropic.StreamEvent;
import dev.conduit.protocol.anthropic.Usage;
import dev.conduit.protocol.openai.OpenAiRequestReader;
import dev.conduit.protocol.openai.OpenAiResponseWriter;
import dev.conduit.protocol.openai.OpenAiStreamWriter;
import dev.conduit.providers.Answer;
import dev.conduit.providers.ClientFormat;
import dev.conduit.providers.ClientLink;
import dev.conduit.providers.Inbound;
import dev.conduit.providers.UpstreamException;
import dev.conduit.testing.MockReply;
import dev.conduit.testing.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** An OpenAI client's request is written in Anthropic's API and the answer read back. */
class AnthropicTranslationTest {

    private static final String CHAT = """
            {"model":"anthropic,claude-sonnet-4-5","max_tokens":4096,"reasoning_effort":"low","temperature":0.3,
             "messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Weather in Paris?"}],
             "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather",
                       "parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}],
             "stop":"END","user":"u-7","logprobs":true}""";

    private static final String THINKING_START =
            "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}";
    private static final String TOOL_START = """
            {"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_01","name":"get_weather","input":{}}}""";

    private final AnthropicTestSupport support = new AnthropicTestSupport();

    @AfterEach
    void close() throws Exception {
        support.close();
    }

    private static Inbound client(String body) {
        return new Inbound(ClientFormat.OPENAI, (ObjectNode) json(body), Map.of());
    }

    private static MessagesRequest hub(String body) {
        return OpenAiRequestReader.read(json(body));
    }

    private static String delta(int index, String delta) {
        return "{\"type\":\"content_block_delta\",\"index\":" + index + ",\"delta\":" + delta + "}";
    }

    private static String blockStop(int index) {
        return "{\"type\":\"content_block_stop\",\"index\":" + index + "}";
    }

    private static String messageDelta(String stopReason) {
        return "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"" + stopReason
                + "\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":42}}";
    }

    /** The chunks an OpenAI client would get from the events sent. */
    private static List<JsonNode> chunks(List<StreamEvent> events) {
        OpenAiStreamWriter writer = new OpenAiStreamWriter("claude-sonnet-4-5", 1_700_000_000L, true);
        List<JsonNode> chunks = new ArrayList<>();
        for (StreamEvent event : events) {
            writer.accept(event, bytes -> {
                String frame = new String(bytes, StandardCharsets.UTF_8).strip().substring("data: ".length());
                if (!frame.equals("[DONE]")) {
                    chunks.add(json(frame));
                }
            });
        }
        return chunks;
    }

    private static String joined(List<JsonNode> chunks, String pointer) {
        StringBuilder text = new StringBuilder();
        chunks.forEach(chunk -> text.append(chunk.at(pointer).asString("")));
        return text.toString();
    }

    @Test
    void theRequestIsWrittenInAnthropicsApiWithoutWhatAnthropicRefusesBesideThinking() throws Exception {
        support.upstream.enqueue(MockReply.json(200, "{\"id\":\"msg_1\",\"content\":[],\"usage\":{}}"));

        support.adapter().complete(hub(CHAT), client(CHAT), TARGET, ClientLink.DETACHED);

        RecordedRequest request = support.upstream.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request.body()).isEqualTo(json("""
                {"model":"claude-sonnet-4-5","max_tokens":4096,"system":[{"type":"text","text":"Be brief."}],
                 "messages":[{"role":"user","content":[{"type":"text","text":"Weather in Paris?"}]}],
                 "tools":[{"name":"get_weather","description":"Weather",
                           "input_schema":{"type":"object","properties":{"city":{"type":"string"}}}}],
                 "stop_sequences":["END"],"metadata":{"user_id":"u-7"},
                 "thinking":{"type":"enabled","budget_tokens":2048}}"""));
        assertThat(request.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(request.header("x-api-key")).isEqualTo(AnthropicTestSupport.KEY);
    }

    @Test
    void aForcedToolWinsOverThinkingAndTemperatureOverTopP() throws Exception {
        support.upstream.enqueue(MockReply.json(200, "{\"id\":\"msg_1\",\"content\":[],\"usage\":{}}"));
        String chat = """
                {"model":"m","reasoning_effort":"high","temperature":0.3,"top_p":0.9,"tool_choice":"required",
                 "messages":[{"role":"user","content":"Hi"}],
                 "tools":[{"type":"function","function":{"name":"f"}}]}""";

        support.adapter().complete(hub(chat), client(chat), TARGET, ClientLink.DETACHED);

        JsonNode body = support.upstream.takeRequest(5, TimeUnit.SECONDS).body();
        assertThat(body.has("thinking")).isFalse();
        assertThat(body.get("tool_choice")).isEqualTo(json("{\"type\":\"any\"}"));
        assertThat(body.get("temperature").doubleValue()).isEqualTo(0.3);
        assertThat(body.has("top_p")).isFalse();
    }

    @Test
    void aWholeAnswerIsReadWithThinkingTextAndToolCalls() {
        support.upstream.enqueue(MockReply.json(200, """
                {"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
                 "content":[{"type":"thinking","thinking":"Check the weather.","signature":"EqQBsig"},
                            {"type":"text","text":"Let me check."},
                            {"type":"tool_use","id":"toolu_01","name":"get_weather","input":{"city":"Paris"}}],
                 "stop_reason":"tool_use","stop_sequence":null,
                 "usage":{"input_tokens":30,"cache_creation_input_tokens":0,"cache_read_input_tokens":20,"output_tokens":42}}"""));

        Answer answer = support.adapter().complete(hub(CHAT), client(CHAT), TARGET, ClientLink.DETACHED);

        MessagesResponse response = ((Answer.Translated) answer).response();
        assertThat(response).isEqualTo(new MessagesResponse("msg_01", "claude-sonnet-4-5-20250929", List.of(
                new ContentBlock.Thinking("Check the weather.", "EqQBsig"),
                new ContentBlock.Text("Let me check."),
                new ContentBlock.ToolUse("toolu_01", "get_weather", json("{\"city\":\"Paris\"}"))),
                StopReason.TOOL_USE, null, new Usage(30, 42, 0, 20)));
        JsonNode completion = json(new String(OpenAiResponseWriter.completion(response, "claude-sonnet-4-5", 1L),
                StandardCharsets.UTF_8));
        assertThat(completion.at("/choices/0/finish_reason").stringValue()).isEqualTo("tool_calls");
        assertThat(completion.at("/choices/0/message/reasoning_content").stringValue()).isEqualTo("Check the weather.");
        assertThat(completion.at("/choices/0/message/tool_calls/0/function/arguments").stringValue())
                .isEqualTo("{\"city\":\"Paris\"}");
        assertThat(completion.at("/usage/prompt_tokens").intValue()).isEqualTo(50);
    }

    @ParameterizedTest
    @CsvSource({"end_turn, stop", "max_tokens, length", "tool_use, tool_calls", "stop_sequence, stop",
        "refusal, content_filter", "pause_turn, stop", "model_context_window_exceeded, length"})
    void stopReasonsBecomeFinishReasons(String stopReason, String finishReason) {
        support.upstream.enqueue(MockReply.json(200, "{\"id\":\"msg_1\",\"model\":\"claude-x\",\"content\":[{\"type\":\"text\","
                + "\"text\":\"x\"}],\"stop_reason\":\"" + stopReason + "\",\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}"));

        MessagesResponse response = ((Answer.Translated) support.adapter()
                .complete(hub(CHAT), client(CHAT), TARGET, ClientLink.DETACHED)).response();

        JsonNode completion = json(new String(OpenAiResponseWriter.completion(response, "m", 1L), StandardCharsets.UTF_8));
        assertThat(completion.at("/choices/0/finish_reason").stringValue()).isEqualTo(finishReason);
    }

    @Test
    void aStreamIsReadIntoEventsWithThinkingSignatureAndToolInputFragments() throws Exception {
        support.upstream.enqueue(AnthropicTestSupport.stream(START, PING,
                THINKING_START,
                delta(0, "{\"type\":\"thinking_delta\",\"thinking\":\"Check \"}"),
                delta(0, "{\"type\":\"thinking_delta\",\"thinking\":\"the weather.\"}"),
                delta(0, "{\"type\":\"signature_delta\",\"signature\":\"EqQBsig\"}"),
                blockStop(0),
                "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
                delta(1, "{\"type\":\"text_delta\",\"text\":\"Let me check.\"}"),
                blockStop(1),
                TOOL_START,
                delta(2, "{\"type\":\"input_json_delta\",\"partial_json\":\"\"}"),
                delta(2, "{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"ci\"}"),
                delta(2, "{\"type\":\"input_json_delta\",\"partial_json\":\"ty\\\": \\\"Paris\\\"}\"}"),
                blockStop(2),
                messageDelta("tool_use"), STOP));
        RecordingSink sink = new RecordingSink();

        support.adapter().stream(hub(CHAT), client(CHAT), TARGET, sink);

        assertThat(sink.forwarded()).as("nothing forwarded to a client of another API").isEmpty();
        List<StreamEvent> sent = sink.sent();
        assertThat(sent).hasSize(17);
        assertThat(sent).contains(new StreamEvent.MessageDelta(StopReason.TOOL_USE, null, new Usage(25, 42, 0, 10)));
        List<JsonNode> chunks = chunks(sent);
        assertThat(joined(chunks, "/choices/0/delta/reasoning_content")).isEqualTo("Check the weather.");
        assertThat(joined(chunks, "/choices/0/delta/content")).isEqualTo("Let me check.");
        assertThat(joined(chunks, "/choices/0/delta/tool_calls/0/function/arguments")).isEqualTo("{\"city\": \"Paris\"}");
        assertThat(joined(chunks, "/choices/0/delta/tool_calls/0/id")).isEqualTo("toolu_01");
        assertThat(joined(chunks, "/choices/0/finish_reason")).isEqualTo("tool_calls");
        assertThat(chunks.getLast().at("/usage/prompt_tokens").intValue()).isEqualTo(35);
        assertThat(chunks.getLast().at("/usage/completion_tokens").intValue()).isEqualTo(42);
        assertThat(sink.flushed).isEqualTo(sink.written.size());
    }

    @Test
    void serverToolBlocksAreLeftOutOfAnotherApisStream() throws Exception {
        support.upstream.enqueue(AnthropicTestSupport.stream(START,
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"server_tool_use\",\"id\":\"srvtoolu_1\",\"name\":\"web_search\",\"input\":{}}}",
                delta(0, "{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"query\\\":\\\"q\\\"}\"}"),
                blockStop(0),
                "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
                delta(1, "{\"type\":\"text_delta\",\"text\":\"Found.\"}"),
                blockStop(1), messageDelta("end_turn"), STOP));
        RecordingSink sink = new RecordingSink();

        support.adapter().stream(hub(CHAT), client(CHAT), TARGET, sink);

        assertThat(joined(chunks(sink.sent()), "/choices/0/delta/content")).isEqualTo("Found.");
        assertThat(sink.sent()).noneMatch(event -> event instanceof StreamEvent.ContentBlockDelta delta && delta.index() == 0);
    }

    @Test
    void anErrorEventMidStreamEndsTheStreamWithTheProvidersWords() throws Exception {
        support.upstream.enqueue(AnthropicTestSupport.stream(START,
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
        RecordingSink sink = new RecordingSink();

        support.adapter().stream(hub(CHAT), client(CHAT), TARGET, sink);

        assertThat(sink.written.getLast()).isEqualTo(new StreamEvent.Error("overloaded_error",
                "provider anthropic (model claude-sonnet-4-5) reported an error: Overloaded"));
    }

    @Test
    void contentBeforeMessageStartBreaksTheStream() {
        support.upstream.enqueue(AnthropicTestSupport.stream(
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));

        assertThatThrownBy(() -> support.adapter().stream(hub(CHAT), client(CHAT), TARGET, new RecordingSink()))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(e.getMessage()).isEqualTo(
                            "provider anthropic (model claude-sonnet-4-5) sent a stream that did not begin with message_start");
                });
    }

    @Test
    void anAnswerWithoutIdOrModelGetsBoth() {
        support.upstream.enqueue(MockReply.json(200, "{\"content\":[{\"type\":\"text\",\"text\":\"x\"}],\"usage\":{}}"));

        MessagesResponse response = ((Answer.Translated) support.adapter()
                .complete(hub(CHAT), client(CHAT), TARGET, ClientLink.DETACHED)).response();

        assertThat(response.id()).startsWith("msg_");
        assertThat(response.model()).isEqualTo("claude-sonnet-4-5");
        assertThat(Json.MAPPER.writeValueAsString(response.content())).isNotEmpty();
    }
}
