package dev.conduit.protocol.anthropic;

import static dev.conduit.protocol.internal.Nodes.count;
import static dev.conduit.protocol.internal.Nodes.text;

import dev.conduit.protocol.Json;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads what an Anthropic Messages API server answers: a whole message, and (for {@link
 * AnthropicEventReader}) the blocks and usage inside stream events. Reading is lenient, since a
 * missing field must not fail an otherwise good answer: absent text is empty, absent input is
 * {@code {}}, absent counts are 0. Block types without a record of their own ({@code
 * server_tool_use}, {@code web_search_tool_result}, …) are kept whole as {@link
 * ContentBlock.Unknown}; citations on text are not part of the model and are not read.
 */
public final class AnthropicResponseReader {

    private AnthropicResponseReader() {}

    public static MessagesResponse response(JsonNode root) {
        List<ContentBlock> content = new ArrayList<>();
        JsonNode blocks = root.get("content");
        if (blocks != null && blocks.isArray()) {
            for (JsonNode node : blocks) {
                ContentBlock block = block(node);
                if (block != null) {
                    content.add(block);
                }
            }
        }
        return new MessagesResponse(text(root, "id"), text(root, "model"), content,
                stopReason(text(root, "stop_reason")), text(root, "stop_sequence"), usage(root.get("usage")));
    }

    /**
     * One content block; null for a node that is not an object with a type, which carries nothing
     * a client could use.
     */
    static ContentBlock block(JsonNode node) {
        String type = text(node, "type");
        if (type == null || !node.isObject()) {
            return null;
        }
        return switch (type) {
            case "text" -> new ContentBlock.Text(orEmpty(text(node, "text")));
            case "thinking" -> new ContentBlock.Thinking(orEmpty(text(node, "thinking")), orEmpty(text(node, "signature")));
            case "redacted_thinking" -> new ContentBlock.RedactedThinking(orEmpty(text(node, "data")));
            case "tool_use" -> {
                JsonNode input = node.get("input");
                yield new ContentBlock.ToolUse(orEmpty(text(node, "id")), orEmpty(text(node, "name")),
                        input != null && input.isObject() ? input : Json.NODES.objectNode());
            }
            default -> new ContentBlock.Unknown(type, node);
        };
    }

    /** Usage as Anthropic reports it; null or absent is zero. */
    static Usage usage(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Usage.ZERO;
        }
        return new Usage(count(node, "input_tokens"), count(node, "output_tokens"),
                count(node, "cache_creation_input_tokens"), count(node, "cache_read_input_tokens"));
    }

    /**
     * The stop reason by its wire name. A context window that ran out is reported like a
     * {@code max_tokens} stop (the answer was cut short); names this gateway does not know are null.
     */
    static StopReason stopReason(String wireName) {
        if (wireName == null) {
            return null;
        }
        if (wireName.equals("model_context_window_exceeded")) {
            return StopReason.MAX_TOKENS;
        }
        for (StopReason reason : StopReason.values()) {
            if (reason.wireName().equals(wireName)) {
                return reason;
            }
        }
        return null;
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
