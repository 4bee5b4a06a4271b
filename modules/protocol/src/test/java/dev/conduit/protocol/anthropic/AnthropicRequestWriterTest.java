package dev.conduit.protocol.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.protocol.Json;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Writing a request and reading it back gives the same request. */
class AnthropicRequestWriterTest {

    private static JsonNode json(String text) {
        return Json.MAPPER.readTree(text);
    }

    private static MessagesRequest roundTrip(MessagesRequest request) {
        return AnthropicRequestReader.read(Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(
                AnthropicRequestWriter.write(request))));
    }

    @Test
    void everyFieldAndBlockTypeSurvivesTheRoundTrip() {
        MessagesRequest request = AnthropicRequestReader.read(json("""
                {"model":"claude-x","max_tokens":4096,
                 "system":[{"type":"text","text":"Be brief.","cache_control":{"type":"ephemeral"}}],
                 "messages":[
                   {"role":"user","content":[
                     {"type":"text","text":"Look:","cache_control":{"type":"ephemeral","ttl":"1h"}},
                     {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}},
                     {"type":"image","source":{"type":"url","url":"https://example.com/a.png"}},
                     {"type":"image","source":{"type":"file","file_id":"file_011"}},
                     {"type":"document","source":{"type":"text","media_type":"text/plain","data":"notes"},"title":"n"},
                     {"type":"search_result","source":"https://e.com","title":"t","content":[{"type":"text","text":"x"}]}]},
                   {"role":"assistant","content":[
                     {"type":"thinking","thinking":"Plan.","signature":"EqQBCkYIARgCIkA"},
                     {"type":"redacted_thinking","data":"EmwKAhgBEgy"},
                     {"type":"thinking","thinking":"unsigned"},
                     {"type":"text","text":"Calling."},
                     {"type":"tool_use","id":"toolu_1","name":"Read","input":{"path":"/a","lines":[1,2]}},
                     {"type":"server_tool_use","id":"srvtoolu_1","name":"web_search","input":{"query":"q"}}]},
                   {"role":"user","content":[
                     {"type":"tool_result","tool_use_id":"toolu_1","content":[{"type":"text","text":"data"},
                       {"type":"tool_reference","tool_name":"Later"}],"is_error":true},
                     {"type":"tool_result","tool_use_id":"toolu_2"}]},
                   {"role":"system","content":"environment"}],
                 "tools":[{"name":"Read","description":"Reads","input_schema":{"type":"object"}},
                          {"name":"Later","input_schema":{"type":"object"},"defer_loading":true},
                          {"type":"custom","name":"Custom","input_schema":{"type":"object"}},
                          {"type":"web_search_20250305","name":"web_search"}],
                 "tool_choice":{"type":"tool","name":"Read","disable_parallel_tool_use":true},
                 "stop_sequences":["END"],"temperature":0.5,"top_p":0.9,"top_k":40,"stream":true,
                 "metadata":{"user_id":"u-1"},"thinking":{"type":"enabled","budget_tokens":2048},
                 "output_config":{"effort":"high","format":{"type":"json_schema","schema":{"type":"object"}}}}"""));

        assertThat(roundTrip(request)).isEqualTo(request);
    }

    @Test
    void aMinimalRequestIsWrittenWithoutOptionalFields() {
        MessagesRequest request = new MessagesRequest("m", 100, List.of(),
                List.of(new Message(Role.USER, List.of(new ContentBlock.Text("hi")))),
                List.of(), null, List.of(), null, null, null, false, null, null);

        assertThat(AnthropicRequestWriter.write(request)).isEqualTo(json("""
                {"model":"m","max_tokens":100,"messages":[{"role":"user","content":[{"type":"text","text":"hi"}]}]}"""));
        assertThat(roundTrip(request)).isEqualTo(request);
    }

    @Test
    void everyToolChoiceAndThinkingSurvives() {
        for (ToolChoice choice : List.of(new ToolChoice.Auto(false), new ToolChoice.Any(true), new ToolChoice.None(),
                new ToolChoice.Named("Read", false))) {
            for (Thinking thinking : List.of(new Thinking.Enabled(1024), new Thinking.Adaptive(), new Thinking.Disabled())) {
                MessagesRequest request = new MessagesRequest("m", 2048, List.of(new ContentBlock.Text("sys")),
                        List.of(new Message(Role.USER, List.of(new ContentBlock.Text("hi")))),
                        List.of(new Tool("Read", null, json("{\"type\":\"object\"}"), null, false)),
                        choice, List.of(), null, null, null, false, null, thinking);

                assertThat(roundTrip(request)).isEqualTo(request);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "cc-2.1.332-print-request.json",
        "cc-2.1.332-read-tool-followup-request.json",
        "cc-2.1.332-toolsearch-followup-request.json",
        "cc-2.1.332-interactive-turn-request.json",
        "cc-2.1.332-interactive-title-request.json"})
    void claudeCodesRequestsSurviveTheRoundTrip(String name) {
        JsonNode capture = Json.MAPPER.readTree(
                Path.of("../testing/src/main/resources/dev/conduit/testing/claude-code").resolve(name).toFile());
        MessagesRequest request = AnthropicRequestReader.read(capture.get("body"));

        assertThat(roundTrip(request)).isEqualTo(request);
    }
}
