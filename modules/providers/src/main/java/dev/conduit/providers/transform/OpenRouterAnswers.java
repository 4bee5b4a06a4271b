package dev.conduit.providers.transform;

import dev.conduit.protocol.Json;
import dev.conduit.protocol.anthropic.ContentBlock;
import dev.conduit.providers.upstream.Ids;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenRouter's answers made plain, whole or streamed:
 * <ul>
 *   <li>{@code reasoning_details} (text and summaries) become {@code reasoning} when a model sends
 *       only those;</li>
 *   <li>tool-call ids that are bare numbers (some upstreams count from 0) become unique {@code
 *       call_…} ids, the same one for every fragment of a call;</li>
 *   <li>{@code finish_reason: "error"} becomes the chunk's {@code error}, so the client is told
 *       the answer failed instead of seeing a clean stop;</li>
 *   <li>for Anthropic clients, {@code url_citation} annotations (from the web plugin) become a
 *       {@code server_tool_use} block and its {@code web_search_tool_result}, each source a
 *       {@code web_search_result}.</li>
 * </ul>
 */
final class OpenRouterAnswers implements AnswerHook {

    private final boolean citations;
    private final Map<String, String> toolCallIds = new HashMap<>();
    private final Set<String> citedUrls = new HashSet<>();

    /** @param citations whether annotations become web search blocks (answers for Anthropic clients) */
    OpenRouterAnswers(boolean citations) {
        this.citations = citations;
    }

    @Override
    public void completion(ObjectNode completion, Consumer<ContentBlock> leading) {
        ObjectNode message = Bodies.part(Bodies.firstChoice(completion), "message");
        if (message == null) {
            return;
        }
        fillReasoning(message);
        if (citations) {
            webSearchBlocks(message.get("annotations")).forEach(leading);
        }
    }

    @Override
    public void chunk(ObjectNode chunk, ChunkSink out) {
        ObjectNode choice = Bodies.firstChoice(chunk);
        ObjectNode delta = Bodies.part(choice, "delta");
        if (delta != null) {
            fillReasoning(delta);
            for (JsonNode call : delta.path("tool_calls")) {
                String id = Bodies.text(call, "id");
                if (id != null && id.chars().allMatch(Character::isDigit) && !id.isEmpty()) {
                    ((ObjectNode) call).put("id", toolCallIds.computeIfAbsent(id, numeric -> Ids.toolCallId()));
                }
            }
            if (citations) {
                webSearchBlocks(delta.get("annotations")).forEach(out::block);
            }
        }
        if (choice != null && "error".equals(Bodies.text(choice, "finish_reason")) && !chunk.has("error")) {
            JsonNode error = choice.get("error");
            chunk.set("error", error instanceof ObjectNode ? error.deepCopy()
                    : Json.NODES.objectNode().put("message", "the model stopped with an error"));
        }
        out.chunk(chunk);
    }

    /** Sets {@code reasoning} from {@code reasoning_details} when the model sent only those. */
    private static void fillReasoning(ObjectNode message) {
        if (!Bodies.isBlank(message.get("reasoning")) || !(message.get("reasoning_details") instanceof ArrayNode details)) {
            return;
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode detail : details) {
            String part = Bodies.text(detail, "text");
            text.append(part != null ? part : Bodies.text(detail, "summary") == null ? "" : Bodies.text(detail, "summary"));
        }
        if (!text.isEmpty()) {
            message.put("reasoning", text.toString());
        }
    }

    /** A web search call and its results, for the citations not reported before; none without new ones. */
    private List<ContentBlock> webSearchBlocks(JsonNode annotations) {
        ArrayNode results = Json.NODES.arrayNode();
        for (JsonNode annotation : annotations == null ? Json.NODES.arrayNode() : annotations) {
            JsonNode citation = annotation.path("url_citation");
            String url = Bodies.text(citation, "url");
            if (!"url_citation".equals(Bodies.text(annotation, "type")) || url == null || !citedUrls.add(url)) {
                continue;
            }
            String title = Bodies.text(citation, "title");
            results.addObject().put("type", "web_search_result").put("url", url).put("title", title == null ? url : title)
                    .put("encrypted_content", "").putNull("page_age");
        }
        if (results.isEmpty()) {
            return List.of();
        }
        String id = Ids.serverToolUseId();
        ObjectNode call = Json.NODES.objectNode().put("type", "server_tool_use").put("id", id).put("name", "web_search");
        call.putObject("input").put("query", "");
        ObjectNode result = Json.NODES.objectNode().put("type", "web_search_tool_result").put("tool_use_id", id);
        result.set("content", results);
        List<ContentBlock> blocks = new ArrayList<>(2);
        blocks.add(new ContentBlock.Unknown("server_tool_use", call));
        blocks.add(new ContentBlock.Unknown("web_search_tool_result", result));
        return blocks;
    }
}
