package dev.conduit.protocol.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.protocol.Json;
import dev.conduit.protocol.ProtocolException;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AnthropicRequestReaderTest {

    private static JsonNode json(String text) {
        return Json.MAPPER.readTree(text);
    }

    private static MessagesRequest read(String text) {
        return AnthropicRequestReader.read(json(text));
    }

    @Test
    void readsAMinimalRequestWithDefaults() {
        MessagesRequest request = read("""
                {"model":"claude-x","max_tokens":100,"messages":[{"role":"user","content":"hi"}]}""");

        assertThat(request).isEqualTo(new MessagesRequest("claude-x", 100, List.of(),
                List.of(new Message(Role.USER, List.of(new ContentBlock.Text("hi")))),
                List.of(), null, List.of(), null, null, null, false, null, null));
    }

    @Test
    void readsClaudeCodesOutputConfig() {
        MessagesRequest request = read("""
                {"model":"m","max_tokens":64,"messages":[{"role":"user","content":"hi"}],
                 "output_config":{"effort":"medium","format":{"type":"json_schema",
                   "schema":{"type":"object","properties":{"title":{"type":"string"}}}}}}""");

        assertThat(request.effort()).isEqualTo("medium");
        assertThat(request.responseFormat()).isEqualTo(new ResponseFormat.JsonSchema(null,
                json("{\"type\":\"object\",\"properties\":{\"title\":{\"type\":\"string\"}}}"), null));
    }

    @Test
    void anOutputFormatOtherThanAJsonSchemaIsRefusedByPath() {
        assertThatThrownBy(() -> read("""
                {"model":"m","max_tokens":64,"messages":[],"output_config":{"format":{"type":"xml"}}}"""))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("output_config.format.type");
        assertThatThrownBy(() -> read("""
                {"model":"m","max_tokens":64,"messages":[],"output_config":{"format":{"type":"json_schema"}}}"""))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("output_config.format.schema");
    }

    @Test
    void readsEveryTopLevelField() {
        MessagesRequest request = read("""
                {"model":"m","max_tokens":64,
                 "system":[{"type":"text","text":"Be brief.","cache_control":{"type":"ephemeral"}}],
                 "messages":[{"role":"user","content":"hi"}],
                 "tools":[{"name":"Read","description":"Reads a file","input_schema":{"type":"object"}},
                          {"name":"Later","input_schema":{"type":"object"},"defer_loading":true},
                          {"type":"web_search_20250305","name":"web_search","max_uses":3}],
                 "tool_choice":{"type":"any","disable_parallel_tool_use":true},
                 "stop_sequences":["END","STOP"],
                 "temperature":0.5,"top_p":0.9,"top_k":40,"stream":true,
                 "metadata":{"user_id":"u-1"},
                 "thinking":{"type":"enabled","budget_tokens":2048}}""");

        assertThat(request.system()).containsExactly(
                new ContentBlock.Text("Be brief.", json("{\"type\":\"ephemeral\"}")));
        assertThat(request.tools()).containsExactly(
                new Tool("Read", "Reads a file", json("{\"type\":\"object\"}"), null, false),
                new Tool("Later", null, json("{\"type\":\"object\"}"), null, true),
                new Tool("web_search", null, null, "web_search_20250305", false));
        assertThat(request.tools()).extracting(Tool::isClientTool).containsExactly(true, true, false);
        assertThat(request.toolChoice()).isEqualTo(new ToolChoice.Any(true));
        assertThat(request.stopSequences()).containsExactly("END", "STOP");
        assertThat(request.temperature()).isEqualTo(0.5);
        assertThat(request.topP()).isEqualTo(0.9);
        assertThat(request.topK()).isEqualTo(40);
        assertThat(request.stream()).isTrue();
        assertThat(request.userId()).isEqualTo("u-1");
        assertThat(request.thinking()).isEqualTo(new Thinking.Enabled(2048));
    }

    @Test
    void systemStringIsOneTextBlock() {
        assertThat(read("""
                {"model":"m","max_tokens":1,"system":"You are terse.","messages":[]}""").system())
                .containsExactly(new ContentBlock.Text("You are terse."));
    }

    @Test
    void roleSystemMessageIsKept() {
        MessagesRequest request = read("""
                {"model":"m","max_tokens":1,"messages":[
                  {"role":"user","content":"hi"},
                  {"role":"system","content":"# Environment"},
                  {"role":"assistant","content":[{"type":"text","text":"hello"}]}]}""");

        assertThat(request.messages()).extracting(Message::role).containsExactly(Role.USER, Role.SYSTEM, Role.ASSISTANT);
        assertThat(request.messages().get(1).content()).containsExactly(new ContentBlock.Text("# Environment"));
    }

    @Test
    void readsEveryContentBlockType() {
        MessagesRequest request = read("""
                {"model":"m","max_tokens":1,"messages":[
                  {"role":"user","content":[
                    {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBOR"}},
                    {"type":"image","source":{"type":"url","url":"https://example.com/a.png"}},
                    {"type":"image","source":{"type":"file","file_id":"file_1"}},
                    {"type":"document","source":{"type":"text","media_type":"text/plain","data":"doc"}},
                    {"type":"search_result","source":"s","title":"t","content":[]}]},
                  {"role":"assistant","content":[
                    {"type":"thinking","thinking":"hmm","signature":"sig"},
                    {"type":"redacted_thinking","data":"opaque"},
                    {"type":"tool_use","id":"toolu_1","name":"ToolSearch","input":{"query":"select:WebFetch"}},
                    {"type":"tool_use","id":"toolu_2","name":"NoInput"}]},
                  {"role":"user","content":[
                    {"type":"tool_result","tool_use_id":"toolu_1","content":[{"type":"tool_reference","tool_name":"WebFetch"}]},
                    {"type":"tool_result","tool_use_id":"toolu_2","content":"failed","is_error":true},
                    {"type":"tool_result","tool_use_id":"toolu_3"}]}]}""");

        List<ContentBlock> user = request.messages().get(0).content();
        assertThat(user.subList(0, 3)).containsExactly(
                new ContentBlock.Image(new ImageSource.Base64("image/png", "iVBOR")),
                new ContentBlock.Image(new ImageSource.Url("https://example.com/a.png")),
                new ContentBlock.Image(new ImageSource.File("file_1")));
        assertThat(user.get(3)).isInstanceOf(ContentBlock.Document.class);
        assertThat(((ContentBlock.Document) user.get(3)).raw().path("source").path("data").stringValue()).isEqualTo("doc");
        assertThat(user.get(4)).isInstanceOf(ContentBlock.Unknown.class);
        assertThat(user.get(4).type()).isEqualTo("search_result");
        assertThat(((ContentBlock.Unknown) user.get(4)).raw().path("title").stringValue()).isEqualTo("t");

        assertThat(request.messages().get(1).content()).containsExactly(
                new ContentBlock.Thinking("hmm", "sig"),
                new ContentBlock.RedactedThinking("opaque"),
                new ContentBlock.ToolUse("toolu_1", "ToolSearch", json("{\"query\":\"select:WebFetch\"}")),
                new ContentBlock.ToolUse("toolu_2", "NoInput", json("{}")));

        assertThat(request.messages().get(2).content()).containsExactly(
                new ContentBlock.ToolResult("toolu_1", List.of(new ContentBlock.ToolReference("WebFetch")), false),
                new ContentBlock.ToolResult("toolu_2", List.of(new ContentBlock.Text("failed")), true),
                new ContentBlock.ToolResult("toolu_3", List.of(), false));
    }

    @Test
    void readsEachThinkingMode() {
        String head = "{\"model\":\"m\",\"max_tokens\":1,\"messages\":[],\"thinking\":";
        assertThat(read(head + "{\"type\":\"adaptive\",\"display\":\"omitted\"}}").thinking()).isEqualTo(new Thinking.Adaptive());
        assertThat(read(head + "{\"type\":\"disabled\"}}").thinking()).isEqualTo(new Thinking.Disabled());
        assertThat(read(head + "{\"type\":\"enabled\",\"budget_tokens\":1024}}").thinking().isOn()).isTrue();
        assertThat(new Thinking.Disabled().isOn()).isFalse();
    }

    @Test
    void readsEachToolChoice() {
        String head = "{\"model\":\"m\",\"max_tokens\":1,\"messages\":[],\"tool_choice\":";
        assertThat(read(head + "{\"type\":\"auto\"}}").toolChoice()).isEqualTo(new ToolChoice.Auto(false));
        assertThat(read(head + "{\"type\":\"any\"}}").toolChoice()).isEqualTo(new ToolChoice.Any(false));
        assertThat(read(head + "{\"type\":\"tool\",\"name\":\"Read\",\"disable_parallel_tool_use\":true}}").toolChoice())
                .isEqualTo(new ToolChoice.Named("Read", true));
        assertThat(read(head + "{\"type\":\"none\"}}").toolChoice()).isEqualTo(new ToolChoice.None());
    }

    @Test
    void nullFieldsCountAsAbsent() {
        MessagesRequest request = read("""
                {"model":"m","max_tokens":1,"messages":[],"system":null,"tools":null,"tool_choice":null,
                 "stop_sequences":null,"temperature":null,"metadata":null,"thinking":null,"stream":null}""");

        assertThat(request).isEqualTo(new MessagesRequest("m", 1, List.of(), List.of(), List.of(), null, List.of(),
                null, null, null, false, null, null));
    }

    @Test
    void countTokensBodiesNeedNoMaxTokens() {
        JsonNode body = json("""
                {"model":"m","system":"s","messages":[{"role":"user","content":"hi"}]}""");

        MessagesRequest request = AnthropicRequestReader.readForCounting(body);

        assertThat(request.model()).isEqualTo("m");
        assertThat(request.system()).containsExactly(new ContentBlock.Text("s"));
        assertThat(request.messages()).hasSize(1);
        assertThatThrownBy(() -> AnthropicRequestReader.read(body))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("max_tokens: field required");
    }

    @Test
    void countTokensStillChecksAMaxTokensThatIsGiven() {
        assertThat(AnthropicRequestReader.readForCounting(json("""
                {"model":"m","max_tokens":300,"messages":[]}""")).maxTokens()).isEqualTo(300);
        assertThatThrownBy(() -> AnthropicRequestReader.readForCounting(json("""
                {"model":"m","max_tokens":0,"messages":[]}""")))
                .hasMessage("max_tokens: must be at least 1, got 0");
    }
}
