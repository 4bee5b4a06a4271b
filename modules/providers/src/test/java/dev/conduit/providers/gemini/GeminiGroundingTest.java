package dev.conduit.providers.gemini;

import static dev.conduit.providers.gemini.GeminiTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.protocol.Json;
import dev.conduit.protocol.anthropic.AnthropicWriter;
import dev.conduit.protocol.anthropic.ContentBlock;
import dev.conduit.protocol.anthropic.MessagesResponse;
import dev.conduit.protocol.anthropic.StreamEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Google Search grounding comes back as the Messages API's web search blocks. */
class GeminiGroundingTest {

    private static final String GROUNDED = """
            {"responseId":"r1","modelVersion":"gemini-2.5-flash","candidates":[{"index":0,
              "content":{"role":"model","parts":[{"text":"Java 25 shipped in September 2025."}]},
              "finishReason":"STOP",
              "groundingMetadata":{"webSearchQueries":["java 25 release date"],
                "searchEntryPoint":{"renderedContent":"<div></div>"},
                "groundingChunks":[{"web":{"uri":"https://openjdk.org/projects/jdk/25/","title":"openjdk.org"}},
                                   {"web":{"uri":"https://example.com/java25","title":"example.com"}}],
                "groundingSupports":[{"segment":{"endIndex":33},"groundingChunkIndices":[0,1]}]}}],
             "usageMetadata":{"promptTokenCount":10,"candidatesTokenCount":9}}""";

    private static final JsonNode RESULTS = json("""
            [{"type":"web_search_result","url":"https://openjdk.org/projects/jdk/25/","title":"openjdk.org",
              "encrypted_content":"","page_age":null},
             {"type":"web_search_result","url":"https://example.com/java25","title":"example.com",
              "encrypted_content":"","page_age":null}]""");

    @Test
    void aWholeAnswerEndsWithTheSearchAndItsResults() {
        MessagesResponse response = GeminiResponseTranslator.translate(json(GROUNDED), "gemini-2.5-flash");

        assertThat(response.content()).hasSize(3);
        assertThat(response.content().get(0)).isEqualTo(new ContentBlock.Text("Java 25 shipped in September 2025."));
        JsonNode use = ((ContentBlock.Unknown) response.content().get(1)).raw();
        assertThat(use.path("type").asString()).isEqualTo("server_tool_use");
        assertThat(use.path("id").asString()).startsWith("srvtoolu_");
        assertThat(use.path("name").asString()).isEqualTo("web_search");
        assertThat(use.path("input")).isEqualTo(json("{\"query\":\"java 25 release date\"}"));
        JsonNode result = ((ContentBlock.Unknown) response.content().get(2)).raw();
        assertThat(result.path("type").asString()).isEqualTo("web_search_tool_result");
        assertThat(result.path("tool_use_id").asString()).isEqualTo(use.path("id").asString());
        assertThat(result.path("content")).isEqualTo(RESULTS);
        assertThat(Json.MAPPER.readTree(AnthropicWriter.response(response)).path("content").get(2)).isEqualTo(result);
    }

    @Test
    void aStreamSendsTheSearchAsBlocksAfterTheTextWithTheQueryAsInputJson() {
        List<StreamEvent> events = new ArrayList<>();
        GeminiStreamTranslator translator = new GeminiStreamTranslator("gemini-2.5-flash", events::add);

        translator.onChunk(json(GROUNDED));
        translator.onEnd("gem");

        List<String> types = events.stream().map(event -> Json.MAPPER.readTree(AnthropicWriter.json(event)))
                .map(event -> event.path("type").asString() + event.path("index").asString("")
                        + event.path("content_block").path("type").asString("")
                        + event.path("delta").path("partial_json").asString(""))
                .toList();
        assertThat(types).containsExactly("message_start", "ping",
                "content_block_start0text", "content_block_delta0", "content_block_stop0",
                "content_block_start1server_tool_use", "content_block_delta1{\"query\":\"java 25 release date\"}",
                "content_block_stop1",
                "content_block_start2web_search_tool_result", "content_block_stop2",
                "message_delta", "message_stop");
    }

    @Test
    void metadataWithoutPagesAddsNothing() {
        MessagesResponse response = GeminiResponseTranslator.translate(json("""
                {"candidates":[{"content":{"parts":[{"text":"Hi"}]},"finishReason":"STOP",
                  "groundingMetadata":{"searchEntryPoint":{"renderedContent":"<div></div>"}}}]}"""), "gemini-2.5-flash");

        assertThat(response.content()).containsExactly(new ContentBlock.Text("Hi"));
    }
}
