package dev.conduit.providers.gemini;

import dev.conduit.protocol.Json;
import dev.conduit.protocol.anthropic.ContentBlock;
import dev.conduit.protocol.anthropic.Delta;
import dev.conduit.protocol.anthropic.StreamEvent;
import dev.conduit.providers.upstream.Ids;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Google Search grounding ({@code groundingMetadata}) as the Messages API reports a web search: a
 * {@code server_tool_use} block with the queries, then a {@code web_search_tool_result} block
 * listing the pages the answer drew on. Gemini does not pair results with queries, so one search
 * carries them all. The blocks come after the answer's text, in whole and streamed answers alike.
 */
final class GeminiGrounding {

    private GeminiGrounding() {}

    /** Whether the metadata names any page; search-entry-point-only metadata reports nothing. */
    static boolean hasSources(JsonNode metadata) {
        return metadata != null && metadata.path("groundingChunks").isArray() && !metadata.path("groundingChunks").isEmpty();
    }

    /** The events of the two blocks, numbered from {@code firstIndex}. */
    static List<StreamEvent> events(JsonNode metadata, int firstIndex) {
        String id = Ids.serverToolUseId();
        List<StreamEvent> events = new ArrayList<>(5);
        ObjectNode use = Json.NODES.objectNode().put("type", "server_tool_use").put("id", id).put("name", "web_search");
        use.putObject("input");
        events.add(new StreamEvent.ContentBlockStart(firstIndex, new ContentBlock.Unknown("server_tool_use", use)));
        ObjectNode input = Json.NODES.objectNode().put("query", String.join("; ", queries(metadata)));
        events.add(new StreamEvent.ContentBlockDelta(firstIndex, new Delta.InputJsonDelta(input.toString())));
        events.add(new StreamEvent.ContentBlockStop(firstIndex));
        ObjectNode result = Json.NODES.objectNode().put("type", "web_search_tool_result").put("tool_use_id", id);
        ArrayNode content = result.putArray("content");
        for (JsonNode chunk : metadata.path("groundingChunks")) {
            JsonNode web = chunk.path("web");
            if (web.has("uri")) {
                content.addObject()
                        .put("type", "web_search_result")
                        .put("url", web.path("uri").asString(""))
                        .put("title", web.path("title").asString(""))
                        // Anthropic's own results carry page text for later turns; Gemini gives none
                        .put("encrypted_content", "")
                        .putNull("page_age");
            }
        }
        events.add(new StreamEvent.ContentBlockStart(firstIndex + 1, new ContentBlock.Unknown("web_search_tool_result", result)));
        events.add(new StreamEvent.ContentBlockStop(firstIndex + 1));
        return events;
    }

    private static List<String> queries(JsonNode metadata) {
        List<String> queries = new ArrayList<>();
        metadata.path("webSearchQueries").forEach(query -> queries.add(query.asString("")));
        return queries;
    }
}
