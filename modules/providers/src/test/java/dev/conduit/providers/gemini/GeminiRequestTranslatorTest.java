package dev.conduit.providers.gemini;

import static dev.conduit.providers.gemini.GeminiTestSupport.json;
import static dev.conduit.providers.gemini.GeminiTestSupport.messages;
import static dev.conduit.providers.gemini.GeminiTestSupport.request;
import static dev.conduit.providers.gemini.GeminiTestSupport.translate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.protocol.ProtocolException;
import dev.conduit.protocol.anthropic.MessagesRequest;
import org.junit.jupiter.api.Test;

class GeminiRequestTranslatorTest {

    @Test
    void aPlainConversationHasSystemInstructionContentsAndGenerationConfig() {
        var body = translate(request("""
                {"model":"claude","max_tokens":1000,"temperature":0.5,"top_p":0.9,"top_k":40,
                 "stop_sequences":["END","STOP"],"metadata":{"user_id":"u1"},
                 "system":[{"type":"text","text":"x-anthropic-billing-header: cc_version=2.1"},
                           {"type":"text","text":"You are helpful.","cache_control":{"type":"ephemeral"}}],
                 "messages":[{"role":"system","content":"Environment: linux"},
                             {"role":"user","content":"Hi"},
                             {"role":"assistant","content":[{"type":"text","text":"Hello."}]},
                             {"role":"user","content":[{"type":"text","text":"Again"},{"type":"text","text":"please"}]}]}"""));

        assertThat(body).isEqualTo(json("""
                {"systemInstruction":{"parts":[{"text":"You are helpful."},{"text":"Environment: linux"}]},
                 "contents":[{"role":"user","parts":[{"text":"Hi"}]},
                             {"role":"model","parts":[{"text":"Hello."}]},
                             {"role":"user","parts":[{"text":"Again"},{"text":"please"}]}],
                 "generationConfig":{"maxOutputTokens":1000,"temperature":0.5,"topP":0.9,"topK":40,
                                     "stopSequences":["END","STOP"]}}"""));
    }

    @Test
    void consecutiveTurnsOfOneRoleAreMerged() {
        var body = translate(messages("""
                [{"role":"user","content":"one"},{"role":"user","content":"two"},
                 {"role":"assistant","content":[{"type":"redacted_thinking","data":"xyz"}]},
                 {"role":"user","content":"three"}]"""));

        assertThat(body.get("contents")).isEqualTo(json("""
                [{"role":"user","parts":[{"text":"one"},{"text":"two"},{"text":"three"}]}]"""));
    }

    @Test
    void imagesGoInlineOrByUrlWithTheirMimeType() {
        var body = translate(messages("""
                [{"role":"user","content":[
                  {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0"}},
                  {"type":"image","source":{"type":"url","url":"https://example.com/a/cat.JPG?size=large"}},
                  {"type":"image","source":{"type":"url","url":"https://example.com/b.webp"}},
                  {"type":"text","text":"What are these?"}]}]"""));

        assertThat(body.get("contents").get(0).get("parts")).isEqualTo(json("""
                [{"inlineData":{"mimeType":"image/png","data":"iVBORw0"}},
                 {"fileData":{"mimeType":"image/jpeg","fileUri":"https://example.com/a/cat.JPG?size=large"}},
                 {"fileData":{"mimeType":"image/webp","fileUri":"https://example.com/b.webp"}},
                 {"text":"What are these?"}]"""));
    }

    @Test
    void anImageUrlWithoutAKnownExtensionIsAClearErrorThatDoesNotQuoteTheUrl() {
        var request = messages("""
                [{"role":"user","content":[{"type":"text","text":"look"},
                  {"type":"image","source":{"type":"url","url":"https://example.com/image?token=secret123"}}]}]""");

        assertThatThrownBy(() -> translate(request))
                .isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith("messages[0].content[1].source.url: Gemini needs the image type")
                .hasMessageContaining(".png")
                .hasMessageNotContaining("secret123");
    }

    @Test
    void filesApiImagesCannotBeSent() {
        var request = messages("""
                [{"role":"user","content":[{"type":"image","source":{"type":"file","file_id":"file_1"}}]}]""");

        assertThatThrownBy(() -> translate(request))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("messages[0].content[0].source: images uploaded with the Files API can only be sent to an"
                        + " Anthropic provider, not to gem");
    }

    @Test
    void documentsBecomeInlinePdfsFileUrisOrText() {
        var body = translate(messages("""
                [{"role":"user","content":[
                  {"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBERi0"}},
                  {"type":"document","source":{"type":"url","url":"https://example.com/paper.pdf"}},
                  {"type":"document","source":{"type":"text","media_type":"text/plain","data":"plain words"}},
                  {"type":"document","source":{"type":"content","content":[{"type":"text","text":"chunk one"}]}},
                  {"type":"text","text":"Summarise."}]}]"""));

        assertThat(body.get("contents").get(0).get("parts")).isEqualTo(json("""
                [{"inlineData":{"mimeType":"application/pdf","data":"JVBERi0"}},
                 {"fileData":{"mimeType":"application/pdf","fileUri":"https://example.com/paper.pdf"}},
                 {"text":"plain words"},
                 {"text":"chunk one"},
                 {"text":"Summarise."}]"""));
    }

    @Test
    void toolCallsAndResultsBecomeFunctionCallsAndResponsesNamedByTheCall() {
        var body = translate(messages("""
                [{"role":"user","content":"Weather in Paris and Rome?"},
                 {"role":"assistant","content":[
                   {"type":"text","text":"Checking."},
                   {"type":"tool_use","id":"toolu_01","name":"get_weather","input":{"city":"Paris"}},
                   {"type":"tool_use","id":"call-gemini-7","name":"get_weather","input":{"city":"Rome"}}]},
                 {"role":"user","content":[
                   {"type":"tool_result","tool_use_id":"toolu_01","content":[{"type":"text","text":"18 C"},
                     {"type":"image","source":{"type":"base64","media_type":"image/png","data":"AAAA"}}]},
                   {"type":"tool_result","tool_use_id":"call-gemini-7","content":"city not found","is_error":true},
                   {"type":"text","text":"Thanks"}]}]"""));

        assertThat(body.get("contents")).isEqualTo(json("""
                [{"role":"user","parts":[{"text":"Weather in Paris and Rome?"}]},
                 {"role":"model","parts":[
                   {"text":"Checking."},
                   {"functionCall":{"name":"get_weather","args":{"city":"Paris"}}},
                   {"functionCall":{"id":"call-gemini-7","name":"get_weather","args":{"city":"Rome"}}}]},
                 {"role":"user","parts":[
                   {"functionResponse":{"name":"get_weather","response":{"output":"18 C"}}},
                   {"functionResponse":{"id":"call-gemini-7","name":"get_weather","response":{"error":"city not found"}}},
                   {"inlineData":{"mimeType":"image/png","data":"AAAA"}},
                   {"text":"Thanks"}]}]"""));
    }

    @Test
    void toolReferencesAndMultipleTextBlocksAreOneOutput() {
        var body = translate(messages("""
                [{"role":"assistant","content":[{"type":"tool_use","id":"toolu_9","name":"ToolSearch","input":{"query":"x"}}]},
                 {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_9","content":[
                   {"type":"tool_reference","tool_name":"WebFetch"},{"type":"text","text":"done"}]}]}]"""));

        assertThat(body.get("contents").get(1).get("parts")).isEqualTo(json("""
                [{"functionResponse":{"name":"ToolSearch","response":{"output":"Tool WebFetch loaded.\\ndone"}}}]"""));
    }

    @Test
    void aResultForAnUnknownCallIsAClearError() {
        var request = messages("""
                [{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_missing","content":"x"}]}]""");

        assertThatThrownBy(() -> translate(request))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("messages[0].content[0].tool_use_id: no earlier tool_use has this id; Gemini needs the name"
                        + " of the function a result answers");
    }

    @Test
    void maxTokensIsClampedToWhatTheModelCanProduce() {
        var request = request("{\"model\":\"claude\",\"max_tokens\":128000,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

        assertThat(translate(request, "gemini-2.5-pro").at("/generationConfig/maxOutputTokens").intValue()).isEqualTo(65536);
        assertThat(translate(request, "gemini-2.0-flash").at("/generationConfig/maxOutputTokens").intValue()).isEqualTo(8192);
        assertThat(translate(request, "gemini-flash-latest").at("/generationConfig/maxOutputTokens").intValue())
                .as("an alias this adapter cannot size goes as asked").isEqualTo(128000);
    }

    @Test
    void enabledThinkingKeepsItsBudgetWithinTheModelsRange() {
        var small = thinking("{\"type\":\"enabled\",\"budget_tokens\":2048}");
        var large = thinking("{\"type\":\"enabled\",\"budget_tokens\":31999}");

        assertThat(translate(small, "gemini-2.5-flash").at("/generationConfig/thinkingConfig"))
                .isEqualTo(json("{\"thinkingBudget\":2048,\"includeThoughts\":true}"));
        assertThat(translate(large, "gemini-2.5-flash").at("/generationConfig/thinkingConfig"))
                .isEqualTo(json("{\"thinkingBudget\":24576,\"includeThoughts\":true}"));
        assertThat(translate(large, "gemini-2.5-pro").at("/generationConfig/thinkingConfig"))
                .isEqualTo(json("{\"thinkingBudget\":31999,\"includeThoughts\":true}"));
    }

    @Test
    void adaptiveThinkingIsTheDynamicBudget() {
        assertThat(translate(thinking("{\"type\":\"adaptive\"}"), "gemini-3-pro-preview").at("/generationConfig/thinkingConfig"))
                .isEqualTo(json("{\"thinkingBudget\":-1,\"includeThoughts\":true}"));
    }

    @Test
    void disabledThinkingIsBudgetZeroOnlyWhereTheModelAllowsIt() {
        var disabled = thinking("{\"type\":\"disabled\"}");

        assertThat(translate(disabled, "gemini-2.5-flash").at("/generationConfig/thinkingConfig"))
                .isEqualTo(json("{\"thinkingBudget\":0}"));
        assertThat(translate(disabled, "gemini-2.5-flash-lite").at("/generationConfig/thinkingConfig"))
                .isEqualTo(json("{\"thinkingBudget\":0}"));
        assertThat(translate(disabled, "gemini-2.5-pro").get("generationConfig").has("thinkingConfig")).isFalse();
        assertThat(translate(disabled, "gemini-3-pro-preview").get("generationConfig").has("thinkingConfig")).isFalse();
        assertThat(translate(messages("[{\"role\":\"user\",\"content\":\"x\"}]")).get("generationConfig").has("thinkingConfig"))
                .as("no thinking asked for: the model's default").isFalse();
    }

    private static MessagesRequest thinking(String thinking) {
        return request("{\"model\":\"claude\",\"max_tokens\":32000,\"thinking\":" + thinking
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
    }

    @Test
    void outputFormatIsJsonModeWithTheSchemaInGeminisSubset() {
        var body = translate(request("""
                {"model":"claude","max_tokens":1000,"messages":[{"role":"user","content":"Title?"}],
                 "output_config":{"effort":"medium","format":{"type":"json_schema","schema":{"type":"object",
                 "properties":{"title":{"type":"string"}},"required":["title"],"additionalProperties":false}}}}"""));

        assertThat(body.get("generationConfig")).isEqualTo(json("""
                {"maxOutputTokens":1000,"responseMimeType":"application/json",
                 "responseSchema":{"type":"object","properties":{"title":{"type":"string"}},"required":["title"]}}"""));
    }
}
