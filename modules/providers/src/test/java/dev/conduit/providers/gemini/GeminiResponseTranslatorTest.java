package dev.conduit.providers.gemini;

import static dev.conduit.providers.gemini.GeminiTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.protocol.anthropic.AnthropicWriter;
import dev.conduit.protocol.anthropic.ContentBlock;
import dev.conduit.protocol.anthropic.MessagesResponse;
import dev.conduit.protocol.anthropic.StopReason;
import org.junit.jupiter.api.Test;

class GeminiResponseTranslatorTest {

    @Test
    void aWholeAnswerHasTheBlocksItsStreamWouldHave() {
        MessagesResponse response = GeminiResponseTranslator.translate(json("""
                {"candidates":[{"content":{"role":"model","parts":[
                   {"text":"Thinking about files.","thought":true},
                   {"text":"I will list them."},
                   {"functionCall":{"id":"fc-7","name":"ls","args":{"path":"/tmp","all":true}},"thoughtSignature":"U0lH"}]},
                  "finishReason":"STOP","index":0,"safetyRatings":[]}],
                 "usageMetadata":{"promptTokenCount":100,"candidatesTokenCount":20,"thoughtsTokenCount":30,"totalTokenCount":150},
                 "modelVersion":"gemini-2.5-pro","responseId":"abc"}"""), "gemini-2.5-pro");

        assertThat(json(new String(AnthropicWriter.response(response)))).isEqualTo(json("""
                {"id":"msg_abc","type":"message","role":"assistant","model":"gemini-2.5-pro",
                 "content":[{"type":"thinking","thinking":"Thinking about files.","signature":""},
                            {"type":"text","text":"I will list them."},
                            {"type":"thinking","thinking":"","signature":"gemini:gemini-2.5-pro:U0lH"},
                            {"type":"tool_use","id":"fc-7","name":"ls","input":{"path":"/tmp","all":true}}],
                 "stop_reason":"tool_use","stop_sequence":null,
                 "usage":{"input_tokens":100,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":50}}"""));
    }

    @Test
    void aCallWithoutIdGetsAToolUseIdAndTextPartsJoinIntoOneBlock() {
        MessagesResponse response = GeminiResponseTranslator.translate(json("""
                {"candidates":[{"content":{"parts":[{"text":"Part one, "},{"text":"part two."},
                   {"functionCall":{"name":"noop"}}]},"finishReason":"STOP"}]}"""), "gemini-2.5-flash");

        assertThat(response.content().getFirst()).isEqualTo(new ContentBlock.Text("Part one, part two."));
        assertThat(response.content().get(1)).isInstanceOfSatisfying(ContentBlock.ToolUse.class, use -> {
            assertThat(use.id()).startsWith("toolu_");
            assertThat(use.input()).isEqualTo(json("{}"));
        });
        assertThat(response.model()).as("no modelVersion: the routed model").isEqualTo("gemini-2.5-flash");
        assertThat(response.id()).startsWith("msg_");
    }

    @Test
    void aTruncatedAnswerIsMaxTokens() {
        MessagesResponse response = GeminiResponseTranslator.translate(json("""
                {"candidates":[{"content":{"parts":[{"text":"Once upon"}]},"finishReason":"MAX_TOKENS"}],
                 "usageMetadata":{"promptTokenCount":5,"candidatesTokenCount":2}}"""), "gemini-2.5-flash");

        assertThat(response.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
        assertThat(response.content()).containsExactly(new ContentBlock.Text("Once upon"));
    }
}
