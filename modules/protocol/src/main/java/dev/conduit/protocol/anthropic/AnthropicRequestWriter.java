package dev.conduit.protocol.anthropic;

import dev.conduit.protocol.Json;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a {@link MessagesRequest} as a {@code POST /v1/messages} body, the inverse of {@link
 * AnthropicRequestReader}: reading what this writes gives the same request. Blocks kept raw
 * ({@link ContentBlock.Document}, {@link ContentBlock.Unknown}) are written as they were sent;
 * what the model does not hold (server tools' options, citations) is not written.
 */
public final class AnthropicRequestWriter {

    private AnthropicRequestWriter() {}

    public static ObjectNode write(MessagesRequest request) {
        ObjectNode root = Json.NODES.objectNode();
        root.put("model", request.model());
        root.put("max_tokens", request.maxTokens());
        if (!request.system().isEmpty()) {
            ArrayNode system = root.putArray("system");
            request.system().forEach(text -> system.add(text(text)));
        }
        ArrayNode messages = root.putArray("messages");
        for (Message message : request.messages()) {
            ObjectNode node = messages.addObject();
            node.put("role", message.role().wireName());
            node.set("content", blocks(message.content()));
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = root.putArray("tools");
            request.tools().forEach(tool -> tools.add(tool(tool)));
        }
        if (request.toolChoice() != null) {
            root.set("tool_choice", toolChoice(request.toolChoice()));
        }
        if (!request.stopSequences().isEmpty()) {
            ArrayNode stops = root.putArray("stop_sequences");
            request.stopSequences().forEach(stops::add);
        }
        if (request.temperature() != null) {
            root.put("temperature", request.temperature());
        }
        if (request.topP() != null) {
            root.put("top_p", request.topP());
        }
        if (request.topK() != null) {
            root.put("top_k", request.topK());
        }
        if (request.stream()) {
            root.put("stream", true);
        }
        if (request.userId() != null) {
            root.putObject("metadata").put("user_id", request.userId());
        }
        if (request.thinking() != null) {
            root.set("thinking", thinking(request.thinking()));
        }
        outputConfig(request, root);
        return root;
    }

    /**
     * {@code output_config}: the effort, and a JSON schema for the answer. OpenAI's {@code
     * json_object} has no Messages API form; such a request relies on its prompt asking for JSON,
     * as OpenAI requires it to anyway.
     */
    private static void outputConfig(MessagesRequest request, ObjectNode root) {
        ObjectNode config = Json.NODES.objectNode();
        if (request.effort() != null) {
            config.put("effort", request.effort());
        }
        if (request.responseFormat() instanceof ResponseFormat.JsonSchema schema) {
            config.putObject("format").put("type", "json_schema").set("schema", schema.schema());
        }
        if (!config.isEmpty()) {
            root.set("output_config", config);
        }
    }

    private static ArrayNode blocks(List<ContentBlock> blocks) {
        ArrayNode array = Json.NODES.arrayNode(blocks.size());
        blocks.forEach(block -> array.add(block(block)));
        return array;
    }

    private static ObjectNode text(ContentBlock.Text text) {
        ObjectNode node = Json.NODES.objectNode();
        node.put("type", "text");
        node.put("text", text.text());
        if (text.cacheControl() != null) {
            node.set("cache_control", text.cacheControl());
        }
        return node;
    }

    private static JsonNode block(ContentBlock block) {
        return switch (block) {
            case ContentBlock.Text text -> text(text);
            case ContentBlock.Document document -> document.raw().deepCopy();
            case ContentBlock.Unknown unknown -> unknown.raw().deepCopy();
            case ContentBlock.Image image -> {
                ObjectNode node = typed(image);
                node.set("source", imageSource(image.source()));
                yield node;
            }
            case ContentBlock.ToolUse use -> {
                ObjectNode node = typed(use);
                node.put("id", use.id());
                node.put("name", use.name());
                node.set("input", use.input());
                yield node;
            }
            case ContentBlock.ToolResult result -> {
                ObjectNode node = typed(result);
                node.put("tool_use_id", result.toolUseId());
                if (!result.content().isEmpty()) {
                    node.set("content", blocks(result.content()));
                }
                if (result.isError()) {
                    node.put("is_error", true);
                }
                yield node;
            }
            case ContentBlock.Thinking thinking -> {
                ObjectNode node = typed(thinking);
                node.put("thinking", thinking.thinking());
                if (thinking.signature() != null) {
                    node.put("signature", thinking.signature());
                }
                yield node;
            }
            case ContentBlock.RedactedThinking redacted -> typed(redacted).put("data", redacted.data());
            case ContentBlock.ToolReference reference -> typed(reference).put("tool_name", reference.toolName());
        };
    }

    private static ObjectNode typed(ContentBlock block) {
        return Json.NODES.objectNode().put("type", block.type());
    }

    private static ObjectNode imageSource(ImageSource source) {
        ObjectNode node = Json.NODES.objectNode();
        switch (source) {
            case ImageSource.Base64 base64 -> {
                node.put("type", "base64");
                node.put("media_type", base64.mediaType());
                node.put("data", base64.data());
            }
            case ImageSource.Url url -> {
                node.put("type", "url");
                node.put("url", url.url());
            }
            case ImageSource.File file -> {
                node.put("type", "file");
                node.put("file_id", file.fileId());
            }
        }
        return node;
    }

    private static ObjectNode tool(Tool tool) {
        ObjectNode node = Json.NODES.objectNode();
        if (tool.type() != null) {
            node.put("type", tool.type());
        }
        node.put("name", tool.name());
        if (tool.description() != null) {
            node.put("description", tool.description());
        }
        if (tool.inputSchema() != null) {
            node.set("input_schema", tool.inputSchema());
        }
        if (tool.deferLoading()) {
            node.put("defer_loading", true);
        }
        return node;
    }

    private static ObjectNode toolChoice(ToolChoice choice) {
        ObjectNode node = Json.NODES.objectNode();
        switch (choice) {
            case ToolChoice.Auto auto -> node.put("type", "auto");
            case ToolChoice.Any any -> node.put("type", "any");
            case ToolChoice.Named named -> {
                node.put("type", "tool");
                node.put("name", named.name());
            }
            case ToolChoice.None none -> node.put("type", "none");
        }
        if (choice.disableParallelToolUse()) {
            node.put("disable_parallel_tool_use", true);
        }
        return node;
    }

    private static ObjectNode thinking(Thinking thinking) {
        ObjectNode node = Json.NODES.objectNode();
        switch (thinking) {
            case Thinking.Enabled enabled -> {
                node.put("type", "enabled");
                node.put("budget_tokens", enabled.budgetTokens());
            }
            case Thinking.Adaptive adaptive -> node.put("type", "adaptive");
            case Thinking.Disabled disabled -> node.put("type", "disabled");
        }
        return node;
    }
}
