package dev.conduit.protocol.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.protocol.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AnthropicResponseReaderTest {

    private static JsonNode json(String text) {
        return Json.MAPPER.readTree(text);
    }

    @Test
    void readsEveryBlockTypeStopReasonAndUsage() {
        JsonNode search = json("""
                {"type":"web_search_tool_result","tool_use_id":"srvtoolu_1","content":[{"type":"web_search_result",
                 "url":"https://e.com","title":"E","encrypted_content":"Eq"}]}""");
        MessagesResponse response = AnthropicResponseReader.response(json("""
                {"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
                 "content":[
                   {"type":"thinking","thinking":"Plan.","signature":"EqQBsig"},
                   {"type":"redacted_thinking","data":"EmwK"},
                   {"type":"text","text":"Hi.","citations":null},
                   {"type":"server_tool_use","id":"srvtoolu_1","name":"web_search","input":{"query":"q"}},
                   %s,
                   {"type":"tool_use","id":"toolu_1","name":"Read","input":{"path":"/a"}},
                   {"no":"type"}],
                 "stop_reason":"tool_use","stop_sequence":null,
                 "usage":{"input_tokens":12,"cache_creation_input_tokens":3,"cache_read_input_tokens":40,
                          "output_tokens":7,"service_tier":"standard"}}""".formatted(search)));

        assertThat(response).isEqualTo(new MessagesResponse("msg_01", "claude-sonnet-4-5-20250929", java.util.List.of(
                new ContentBlock.Thinking("Plan.", "EqQBsig"),
                new ContentBlock.RedactedThinking("EmwK"),
                new ContentBlock.Text("Hi."),
                new ContentBlock.Unknown("server_tool_use", json(
                        "{\"type\":\"server_tool_use\",\"id\":\"srvtoolu_1\",\"name\":\"web_search\",\"input\":{\"query\":\"q\"}}")),
                new ContentBlock.Unknown("web_search_tool_result", search),
                new ContentBlock.ToolUse("toolu_1", "Read", json("{\"path\":\"/a\"}"))),
                StopReason.TOOL_USE, null, new Usage(12, 7, 3, 40)));
    }

    @Test
    void missingFieldsGiveDefaultsInsteadOfFailing() {
        MessagesResponse response = AnthropicResponseReader.response(json("""
                {"content":[{"type":"text"},{"type":"tool_use","id":"t","name":"n"}],"usage":null}"""));

        assertThat(response.content()).containsExactly(
                new ContentBlock.Text(""), new ContentBlock.ToolUse("t", "n", Json.NODES.objectNode()));
        assertThat(response.usage()).isEqualTo(Usage.ZERO);
        assertThat(response.stopReason()).isNull();
    }

    @Test
    void stopReasonsMapByWireNameAndAnExhaustedContextWindowIsAMaxTokensStop() {
        for (StopReason reason : StopReason.values()) {
            assertThat(AnthropicResponseReader.stopReason(reason.wireName())).isEqualTo(reason);
        }
        assertThat(AnthropicResponseReader.stopReason("model_context_window_exceeded")).isEqualTo(StopReason.MAX_TOKENS);
        assertThat(AnthropicResponseReader.stopReason("something_new")).isNull();
    }

    @Test
    void aStopSequenceIsKept() {
        MessagesResponse response = AnthropicResponseReader.response(json("""
                {"id":"msg_2","model":"m","content":[{"type":"text","text":"a"}],
                 "stop_reason":"stop_sequence","stop_sequence":"END","usage":{"input_tokens":1,"output_tokens":1}}"""));

        assertThat(response.stopReason()).isEqualTo(StopReason.STOP_SEQUENCE);
        assertThat(response.stopSequence()).isEqualTo("END");
    }
}
