package dev.conduit.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.protocol.Json;
import dev.conduit.protocol.ProtocolException;
import dev.conduit.protocol.anthropic.AnthropicRequestReader;
import dev.conduit.protocol.anthropic.MessagesRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Messages: system prompt, turns, images, tool results, assistant tool calls. */
class OpenAiRequestTranslatorTest {

    static final OpenAiRequestTranslator TRANSLATOR = new OpenAiRequestTranslator(new OpenAiDialect("p", false, false, false, false));

    static ObjectNode translate(String request) {
        return TRANSLATOR.translate(AnthropicRequestReader.read(Json.MAPPER.readTree(request)), "up-model", false);
    }

    static JsonNode json(String text) {
        return Json.MAPPER.readTree(text);
    }

    /** The function names of the translated body's tools, in order. */
    static List<String> toolNames(ObjectNode body) {
        List<String> names = new ArrayList<>();
        if (body.has("tools")) {
            body.get("tools").forEach(tool -> names.add(tool.get("function").get("name").stringValue()));
        }
        return names;
    }

    private static JsonNode messages(String request) {
        return translate(request).get("messages");
    }

    @Test
    void translatesAMinimalRequest() {
        assertThat(translate("""
                {"model":"claude-x","max_tokens":100,"messages":[{"role":"user","content":"hi"}]}"""))
                .isEqualTo(json("""
                        {"model":"up-model","messages":[{"role":"user","content":"hi"}],"max_tokens":100,"stream":false}"""));
    }

    @Test
    void systemStringBecomesTheFirstMessage() {
        assertThat(messages("""
                {"model":"m","max_tokens":1,"system":"Be brief.","messages":[{"role":"user","content":"hi"}]}"""))
                .isEqualTo(json("""
                        [{"role":"system","content":"Be brief."},{"role":"user","content":"hi"}]"""));
    }

    @Test
    void systemBlocksBecomeOneMessageWithoutTheBillingHeader() {
        assertThat(messages("""
                {"model":"m","max_tokens":1,"system":[
                  {"type":"text","text":"x-anthropic-billing-header: cc_version=2.1.332.e83; cc_entrypoint=cli;"},
                  {"type":"text","text":"You are Claude Code.","cache_control":{"type":"ephemeral"}},
                  {"type":"text","text":"Mention x-anthropic-billing-header: here is kept."}],
                 "messages":[{"role":"user","content":"hi"}]}""").get(0))
                .isEqualTo(json("""
                        {"role":"system","content":"You are Claude Code.\\nMention x-anthropic-billing-header: here is kept."}"""));
    }

    @Test
    void roleSystemMessagesAreAppendedToTheSystemPrompt() {
        assertThat(messages("""
                {"model":"m","max_tokens":1,"system":"Base prompt.","messages":[
                  {"role":"user","content":"hi"},
                  {"role":"system","content":"# Environment\\ncwd: /home/dev"},
                  {"role":"assistant","content":"hello"},
                  {"role":"user","content":"bye"}]}"""))
                .isEqualTo(json("""
                        [{"role":"system","content":"Base prompt.\\n# Environment\\ncwd: /home/dev"},
                         {"role":"user","content":"hi"},
                         {"role":"assistant","content":"hello"},
                         {"role":"user","content":"bye"}]"""));
    }

    @Test
    void aRoleSystemMessageAloneMakesTheSystemPrompt() {
        assertThat(messages("""
                {"model":"m","max_tokens":1,"messages":[
                  {"role":"user","content":"hi"},{"role":"system","content":[{"type":"text","text":"env"}]}]}"""))
                .isEqualTo(json("""
                        [{"role":"system","content":"env"},{"role":"user","content":"hi"}]"""));
    }

    @Test
    void noSystemPromptMeansNoSystemMessage() {
        assertThat(messages("""
                {"model":"m","max_tokens":1,"system":[],"messages":[{"role":"user","content":"hi"}]}"""))
                .isEqualTo(json("[{\"role\":\"user\",\"content\":\"hi\"}]"));
    }

    @Test
    void turnsKeepTheirOrderAndTextBlocksJoinIntoOneString() {
        assertThat(messages("""
                {"model":"m","max_tokens":1,"messages":[
                  {"role":"user","content":[{"type":"text","text":"one"},{"type":"text","text":"two"}]},
                  {"role":"assistant","content":[{"type":"text","text":"three"},{"type":"text","text":"four"}]},
                  {"role":"user","content":"five"}]}"""))
                .isEqualTo(json("""
                        [{"role":"user","content":"one\\ntwo"},
                         {"role":"assistant","content":"three\\nfour"},
                         {"role":"user","content":"five"}]"""));
    }

    @Test
    void imagesBecomeImageUrlParts() {
        assertThat(messages("""
                {"model":"m","max_tokens":1,"messages":[{"role":"user","content":[
                  {"type":"text","text":"Compare these."},
                  {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}},
                  {"type":"image","source":{"type":"url","url":"https://example.com/b.jpg"}}]}]}"""))
                .isEqualTo(json("""
                        [{"role":"user","content":[
                          {"type":"text","text":"Compare these."},
                          {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}},
                          {"type":"image_url","image_url":{"url":"https://example.com/b.jpg"}}]}]"""));
    }

    @Test
    void filesApiImagesCannotBeSent() {
        assertThatThrownBy(() -> translate("""
                {"model":"m","max_tokens":1,"messages":[{"role":"user","content":"a"},{"role":"user","content":[
                  {"type":"text","text":"What is this?"},
                  {"type":"image","source":{"type":"file","file_id":"file_011"}}]}]}"""))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("messages[1].content[1].source: images uploaded with the Files API can only be sent to an "
                        + "Anthropic provider, not to p");
    }

    @Test
    void plainTextDocumentsAreInlinedAndPdfsRefused() {
        assertThat(messages("""
                {"model":"m","max_tokens":1,"messages":[{"role":"user","content":[
                  {"type":"document","source":{"type":"text","media_type":"text/plain","data":"notes"}},
                  {"type":"text","text":"Summarize."}]}]}"""))
                .isEqualTo(json("""
                        [{"role":"user","content":[{"type":"text","text":"notes"},{"type":"text","text":"Summarize."}]}]"""));
        assertThatThrownBy(() -> translate("""
                {"model":"m","max_tokens":1,"messages":[{"role":"user","content":[
                  {"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBER"}}]}]}"""))
                .isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith("messages[0].content[0]: document blocks of source type \"base64\" (such as PDFs) cannot be sent to p,");
    }

    @Test
    void deepSeekGetsItsOwnReasoningBackOnTurnsThatCalledTools() {
        MessagesRequest request = AnthropicRequestReader.read(json("""
                {"model":"m","max_tokens":1,"messages":[
                  {"role":"user","content":"weather?"},
                  {"role":"assistant","content":[{"type":"thinking","thinking":"Need the tool.","signature":""},
                    {"type":"tool_use","id":"call_1","name":"Weather","input":{"city":"Oslo"}}]},
                  {"role":"user","content":[{"type":"tool_result","tool_use_id":"call_1","content":"rain"}]},
                  {"role":"assistant","content":[{"type":"thinking","thinking":"Just answer.","signature":""},
                    {"type":"text","text":"Rain."}]},
                  {"role":"assistant","content":[{"type":"thinking","thinking":"Anthropic's.","signature":"EqQBCk"},
                    {"type":"tool_use","id":"call_2","name":"Weather","input":{"city":"Rome"}}]}]}"""));

        ArrayNode deepSeek = (ArrayNode) new OpenAiRequestTranslator(new OpenAiDialect("deepseek", false, false, true, false))
                .translate(request, "deepseek-chat", false).get("messages");
        ArrayNode other = (ArrayNode) TRANSLATOR.translate(request, "m", false).get("messages");

        assertThat(deepSeek.get(1).path("reasoning_content").asString()).isEqualTo("Need the tool.");
        assertThat(deepSeek.get(3).has("reasoning_content")).as("no tool call: DeepSeek ignores it").isFalse();
        assertThat(deepSeek.get(4).has("reasoning_content")).as("signed by another provider").isFalse();
        assertThat(other).allSatisfy(message -> assertThat(message.has("reasoning_content")).isFalse());
    }

    @Test
    void cacheBreakpointsReachOpenRouterForClaudeOnTextPartsOnly() {
        MessagesRequest request = AnthropicRequestReader.read(json("""
                {"model":"m","max_tokens":1,
                 "system":[{"type":"text","text":"x-anthropic-billing-header: cc_version=2"},
                           {"type":"text","text":"Agent.","cache_control":{"type":"ephemeral"}},{"type":"text","text":"Rules."}],
                 "messages":[{"role":"user","content":[{"type":"text","text":"Hi","cache_control":{"type":"ephemeral","ttl":"1h"}}]}]}"""));
        OpenAiRequestTranslator openRouter = new OpenAiRequestTranslator(new OpenAiDialect("or", false, true, false, true));

        assertThat(openRouter.translate(request, "anthropic/claude-sonnet-4.5", false).get("messages")).isEqualTo(json("""
                [{"role":"system","content":[{"type":"text","text":"Agent.","cache_control":{"type":"ephemeral"}},
                                             {"type":"text","text":"Rules."}]},
                 {"role":"user","content":[{"type":"text","text":"Hi","cache_control":{"type":"ephemeral","ttl":"1h"}}]}]"""));
        assertThat(openRouter.translate(request, "openai/gpt-5", false).get("messages")).isEqualTo(json("""
                [{"role":"system","content":"Agent.\\nRules."},{"role":"user","content":"Hi"}]"""));
        assertThat(TRANSLATOR.translate(request, "anthropic/claude-sonnet-4.5", false).toString()).doesNotContain("cache_control");
    }

    @Test
    void pdfsBecomeFilePartsForServersThatReadThem() {
        MessagesRequest request = AnthropicRequestReader.read(json("""
                {"model":"m","max_tokens":1,"messages":[{"role":"user","content":[
                  {"type":"document","title":"report","source":{"type":"base64","media_type":"application/pdf","data":"JVBER"}},
                  {"type":"text","text":"Summarize."}]}]}"""));

        ObjectNode body = new OpenAiRequestTranslator(new OpenAiDialect("openrouter", false, true, false, false)).translate(request, "m", false);

        assertThat(body.get("messages")).isEqualTo(json("""
                [{"role":"user","content":[
                  {"type":"file","file":{"filename":"report.pdf","file_data":"data:application/pdf;base64,JVBER"}},
                  {"type":"text","text":"Summarize."}]}]"""));
    }

    @Test
    void toolResultsBecomeToolMessagesBeforeTheUsersText() {
        assertThat(messages("""
                {"model":"m","max_tokens":1,"messages":[
                  {"role":"user","content":"read both"},
                  {"role":"assistant","content":[
                    {"type":"text","text":"Reading."},
                    {"type":"tool_use","id":"toolu_1","name":"Read","input":{"file_path":"/a"}},
                    {"type":"tool_use","id":"toolu_2","name":"Read","input":{"file_path":"/b","limit":5}}]},
                  {"role":"user","content":[
                    {"type":"text","text":"go on"},
                    {"type":"tool_result","tool_use_id":"toolu_1","content":"A"},
                    {"type":"tool_result","tool_use_id":"toolu_2","content":[{"type":"text","text":"B"}]}]}]}"""))
                .isEqualTo(json("""
                        [{"role":"user","content":"read both"},
                         {"role":"assistant","content":"Reading.","tool_calls":[
                           {"id":"toolu_1","type":"function","function":{"name":"Read","arguments":"{\\"file_path\\":\\"/a\\"}"}},
                           {"id":"toolu_2","type":"function","function":{"name":"Read","arguments":"{\\"file_path\\":\\"/b\\",\\"limit\\":5}"}}]},
                         {"role":"tool","tool_call_id":"toolu_1","content":"A"},
                         {"role":"tool","tool_call_id":"toolu_2","content":"B"},
                         {"role":"user","content":"go on"}]"""));
    }

    @Test
    void anAssistantMessageWithOnlyToolCallsHasNullContent() {
        assertThat(messages("""
                {"model":"m","max_tokens":1,"messages":[{"role":"assistant","content":[
                  {"type":"tool_use","id":"toolu_1","name":"Bash","input":{}}]}]}"""))
                .isEqualTo(json("""
                        [{"role":"assistant","content":null,"tool_calls":[
                          {"id":"toolu_1","type":"function","function":{"name":"Bash","arguments":"{}"}}]}]"""));
    }

    @Test
    void imagesInToolResultsFollowInAUserMessage() {
        assertThat(messages("""
                {"model":"m","max_tokens":1,"messages":[{"role":"user","content":[
                  {"type":"tool_result","tool_use_id":"toolu_1","content":[
                    {"type":"text","text":"Screenshot taken."},
                    {"type":"image","source":{"type":"base64","media_type":"image/jpeg","data":"/9j/"}}]},
                  {"type":"text","text":"What do you see?"}]}]}"""))
                .isEqualTo(json("""
                        [{"role":"tool","tool_call_id":"toolu_1","content":"Screenshot taken."},
                         {"role":"user","content":[
                           {"type":"image_url","image_url":{"url":"data:image/jpeg;base64,/9j/"}},
                           {"type":"text","text":"What do you see?"}]}]"""));
    }

    @Test
    void thinkingIsNotSentAndAnAssistantMessageOfOnlyThinkingIsLeftOut() {
        assertThat(messages("""
                {"model":"m","max_tokens":1,"messages":[
                  {"role":"user","content":"a"},
                  {"role":"assistant","content":[{"type":"thinking","thinking":"hmm","signature":"s"},{"type":"text","text":"b"}]},
                  {"role":"user","content":"c"},
                  {"role":"assistant","content":[{"type":"thinking","thinking":"only","signature":"s"},
                                                 {"type":"redacted_thinking","data":"x"}]},
                  {"role":"user","content":"d"}]}"""))
                .isEqualTo(json("""
                        [{"role":"user","content":"a"},{"role":"assistant","content":"b"},
                         {"role":"user","content":"c"},{"role":"user","content":"d"}]"""));
    }
}
