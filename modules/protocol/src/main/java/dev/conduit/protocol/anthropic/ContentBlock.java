package dev.conduit.protocol.anthropic;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A content block of a message, a tool result or a response. Block types this gateway does not
 * interpret are kept whole as {@link Unknown}, so nothing a client sends is silently lost.
 */
public sealed interface ContentBlock {

    String type();

    /** Plain text; {@code cacheControl} is the client's caching hint, or null. */
    record Text(String text, JsonNode cacheControl) implements ContentBlock {
        public Text(String text) {
            this(text, null);
        }

        public String type() {
            return "text";
        }
    }

    record Image(ImageSource source) implements ContentBlock {
        public String type() {
            return "image";
        }
    }

    /** A call the model made; {@code input} is the JSON object of arguments. */
    record ToolUse(String id, String name, JsonNode input) implements ContentBlock {
        public String type() {
            return "tool_use";
        }
    }

    /** The client's answer to a tool call; string content is read as one text block. */
    record ToolResult(String toolUseId, List<ContentBlock> content, boolean isError) implements ContentBlock {
        public ToolResult {
            content = List.copyOf(content);
        }

        public String type() {
            return "tool_result";
        }
    }

    record Thinking(String thinking, String signature) implements ContentBlock {
        public String type() {
            return "thinking";
        }
    }

    record RedactedThinking(String data) implements ContentBlock {
        public String type() {
            return "redacted_thinking";
        }
    }

    /** A reference to a deferred tool that ToolSearch loaded (inside a tool result). */
    record ToolReference(String toolName) implements ContentBlock {
        public String type() {
            return "tool_reference";
        }
    }

    /** A PDF or text document, kept as sent. */
    record Document(JsonNode raw) implements ContentBlock {
        public String type() {
            return "document";
        }
    }

    /** Any other block type (server tool use, search results, …), kept as sent. */
    record Unknown(String type, JsonNode raw) implements ContentBlock {}
}
