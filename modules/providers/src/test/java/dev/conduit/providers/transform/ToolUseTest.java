package dev.conduit.providers.transform;

import static dev.conduit.providers.transform.Gateway.json;
import static dev.conduit.testing.OpenAiChunks.finishChunk;
import static dev.conduit.testing.OpenAiChunks.roleChunk;
import static dev.conduit.testing.OpenAiChunks.toolCallArguments;
import static dev.conduit.testing.OpenAiChunks.toolCallStart;
import static dev.conduit.testing.OpenAiChunks.usageChunk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.protocol.anthropic.ContentBlock;
import dev.conduit.protocol.anthropic.MessagesResponse;
import dev.conduit.protocol.anthropic.StopReason;
import dev.conduit.testing.OpenAiChunks;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** tooluse: tools required, ExitTool offered, and an ExitTool call answered as text. */
class ToolUseTest {

    private static final String ASK = """
            {"model":"claude","max_tokens":1024,"messages":[{"role":"user","content":"Hello"}],
             "tools":[{"name":"Read","input_schema":{"type":"object"}}]}""";
    private static final String ASK_STREAMED = ASK.replace("\"max_tokens\"", "\"stream\":true,\"max_tokens\"");

    /** Only for deepseek-chat, as in claude-code-router's README. */
    private final Gateway gateway = new Gateway("{\"use\": [\"deepseek\"], \"deepseek-chat\": {\"use\": [\"tooluse\"]}}",
            "deepseek-chat", "deepseek-reasoner");

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    @Test
    void toolsAreRequiredWithExitToolAsTheWayOut() throws Exception {
        gateway.replyJson(exitAnswer("{\"response\":\"Hi!\"}")).complete("deepseek-chat", ASK);

        JsonNode body = gateway.received().body();
        assertThat(body.get("tool_choice").stringValue()).isEqualTo("required");
        assertThat(body.get("tools").valueStream().map(tool -> tool.path("function").path("name").stringValue()))
                .containsExactly("Read", "ExitTool");
        assertThat(body.get("tools").get(1).path("function").path("parameters")).isEqualTo(json("""
                {"type":"object","properties":{"response":{"type":"string","description":"Your response will be \
                forwarded to the user exactly as returned — the tool will not modify or post-process it in any way."}},
                 "required":["response"]}"""));
        JsonNode reminder = body.get("messages").get(body.get("messages").size() - 1);
        assertThat(reminder.get("role").stringValue()).isEqualTo("system");
        assertThat(reminder.get("content").stringValue()).startsWith("<system-reminder>Tool mode is active.");
    }

    @Test
    void onlyTheModelThatListsItGetsToolMode() throws Exception {
        gateway.replyJson(exitAnswer("{}")).complete("deepseek-reasoner", ASK);

        JsonNode body = gateway.received().body();
        assertThat(body.has("tool_choice")).isFalse();
        assertThat(body.get("tools")).hasSize(1);
        assertThat(body.get("max_tokens").intValue()).isEqualTo(1024); // deepseek applies to every model
    }

    @Test
    void anExitToolCallComesBackAsTheAnswersText() {
        MessagesResponse response = gateway.replyJson(exitAnswer("{\"response\":\"Hi! How can I help?\"}"))
                .complete("deepseek-chat", ASK);

        assertThat(response.content()).containsExactly(new ContentBlock.Text("Hi! How can I help?"));
        assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
    }

    @Test
    void aStreamedExitToolCallComesBackAsText() throws Exception {
        gateway.replySse(roleChunk(), toolCallStart(0, "call_9", "ExitTool"), toolCallArguments(0, "{\"response\": \"Hi"),
                toolCallArguments(0, "! How can I help?\"}"), finishChunk("tool_calls"), usageChunk(30, 12));

        List<String> events = gateway.stream("deepseek-chat", ASK_STREAMED);

        assertThat(events.subList(2, events.size())).containsExactly(
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi! How can I help?\"}}",
                "{\"type\":\"content_block_stop\",\"index\":0}",
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
                        + "\"usage\":{\"input_tokens\":30,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,"
                        + "\"output_tokens\":12}}",
                "{\"type\":\"message_stop\"}");
    }

    @Test
    void otherToolCallsStayToolCalls() throws Exception {
        gateway.replySse(toolCallStart(0, "call_1", "Read"), toolCallArguments(0, "{\"path\":\"a.txt\"}"),
                finishChunk("tool_calls"));

        List<String> events = gateway.stream("deepseek-chat", ASK_STREAMED);

        assertThat(events).contains("{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"tool_use\","
                + "\"id\":\"call_1\",\"name\":\"Read\",\"input\":{}}}");
        assertThat(events).anyMatch(event -> event.contains("\"stop_reason\":\"tool_use\""));
    }

    @Test
    void anOpenAiClientGetsTheExitToolResponseAsContent() {
        JsonNode answer = gateway.replyJson(exitAnswer("{\"response\":\"Done.\"}")).completeOpenAi("deepseek-chat", """
                {"model":"x","messages":[{"role":"user","content":"Hello"}],
                 "tools":[{"type":"function","function":{"name":"Read","parameters":{"type":"object"}}}]}""");

        assertThat(answer.get("choices").get(0)).isEqualTo(json("""
                {"index":0,"message":{"role":"assistant","content":"Done."},"finish_reason":"stop"}"""));
    }

    private static String exitAnswer(String arguments) {
        return """
                {"id":"1","model":"deepseek-chat","choices":[{"index":0,"message":{"role":"assistant","content":"",
                 "tool_calls":[{"id":"call_9","type":"function","function":{"name":"ExitTool","arguments":%s}}]},
                 "finish_reason":"tool_calls"}],"usage":{"prompt_tokens":30,"completion_tokens":12,"total_tokens":42}}"""
                .formatted(OpenAiChunks.quote(arguments));
    }
}
