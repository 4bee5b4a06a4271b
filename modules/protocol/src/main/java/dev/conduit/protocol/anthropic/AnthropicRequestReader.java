package dev.conduit.protocol.anthropic;

import static dev.conduit.protocol.internal.Nodes.array;
import static dev.conduit.protocol.internal.Nodes.describe;
import static dev.conduit.protocol.internal.Nodes.object;
import static dev.conduit.protocol.internal.Nodes.optional;
import static dev.conduit.protocol.internal.Nodes.optionalBoolean;
import static dev.conduit.protocol.internal.Nodes.optionalInt;
import static dev.conduit.protocol.internal.Nodes.optionalNumber;
import static dev.conduit.protocol.internal.Nodes.optionalString;
import static dev.conduit.protocol.internal.Nodes.path;
import static dev.conduit.protocol.internal.Nodes.requiredString;

import dev.conduit.protocol.Json;
import dev.conduit.protocol.ProtocolException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads a Messages API request body. Every violation is a {@link ProtocolException} naming the
 * field by path; anything this gateway does not interpret is left in the tree for pass-through.
 */
public final class AnthropicRequestReader {

    private AnthropicRequestReader() {}

    /** Reads a {@code /v1/messages} body. */
    public static MessagesRequest read(JsonNode root) {
        return read(root, true);
    }

    /** Reads a {@code /v1/messages/count_tokens} body, which has no {@code max_tokens}. */
    public static MessagesRequest readForCounting(JsonNode root) {
        return read(root, false);
    }

    private static MessagesRequest read(JsonNode root, boolean maxTokensRequired) {
        if (root == null || !root.isObject()) {
            throw new ProtocolException("request body must be a JSON object, got " + describe(root));
        }
        String model = requiredString(root, "model", "");
        if (model.isBlank()) {
            throw ProtocolException.at("model", "must not be empty");
        }
        Integer maxTokens = optionalInt(root, "max_tokens", "");
        if (maxTokens == null) {
            if (maxTokensRequired) {
                throw ProtocolException.at("max_tokens", "field required");
            }
            maxTokens = 1;
        } else if (maxTokens < 1) {
            throw ProtocolException.at("max_tokens", "must be at least 1, got " + maxTokens);
        }
        JsonNode messagesNode = optional(root, "messages");
        if (messagesNode == null) {
            throw ProtocolException.at("messages", "field required");
        }
        array(messagesNode, "messages");
        List<Message> messages = new ArrayList<>(messagesNode.size());
        for (int i = 0; i < messagesNode.size(); i++) {
            messages.add(message(messagesNode.get(i), path("messages", i)));
        }

        JsonNode output = optional(root, "output_config");
        if (output != null) {
            object(output, "output_config");
        }
        JsonNode metadata = optional(root, "metadata");
        String userId = metadata == null ? null : optionalString(object(metadata, "metadata"), "user_id", "metadata");

        return new MessagesRequest(
                model,
                maxTokens,
                system(optional(root, "system")),
                messages,
                tools(optional(root, "tools")),
                toolChoice(optional(root, "tool_choice")),
                stopSequences(optional(root, "stop_sequences")),
                optionalNumber(root, "temperature", ""),
                optionalNumber(root, "top_p", ""),
                optionalInt(root, "top_k", ""),
                optionalBoolean(root, "stream", "", false),
                userId,
                thinking(optional(root, "thinking")),
                output == null ? null : format(optional(output, "format")),
                output == null ? null : optionalString(output, "effort", "output_config"));
    }

    /** {@code output_config.format}: {@code {"type":"json_schema","schema":{…}}}. */
    private static ResponseFormat format(JsonNode node) {
        if (node == null) {
            return null;
        }
        object(node, "output_config.format");
        String type = requiredString(node, "type", "output_config.format");
        if (!type.equals("json_schema")) {
            throw ProtocolException.at("output_config.format.type", "must be \"json_schema\", got \"" + abbreviate(type) + "\"");
        }
        JsonNode schema = optional(node, "schema");
        if (schema == null) {
            throw ProtocolException.at("output_config.format.schema", "field required");
        }
        return new ResponseFormat.JsonSchema(null, object(schema, "output_config.format.schema"), null);
    }

    private static List<ContentBlock.Text> system(JsonNode node) {
        if (node == null) {
            return List.of();
        }
        if (node.isString()) {
            return List.of(new ContentBlock.Text(node.stringValue()));
        }
        array(node, "system");
        List<ContentBlock.Text> blocks = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            String at = path("system", i);
            JsonNode block = object(node.get(i), at);
            String type = requiredString(block, "type", at);
            if (!type.equals("text")) {
                throw ProtocolException.at(path(at, "type"), "system blocks must be text, got \"" + type + "\"");
            }
            blocks.add(new ContentBlock.Text(requiredString(block, "text", at), optional(block, "cache_control")));
        }
        return blocks;
    }

    private static Message message(JsonNode node, String at) {
        object(node, at);
        String role = requiredString(node, "role", at);
        Role parsed = switch (role) {
            case "user" -> Role.USER;
            case "assistant" -> Role.ASSISTANT;
            case "system" -> Role.SYSTEM;
            default -> throw ProtocolException.at(path(at, "role"),
                    "must be \"user\", \"assistant\" or \"system\", got \"" + abbreviate(role) + "\"");
        };
        JsonNode content = optional(node, "content");
        if (content == null) {
            throw ProtocolException.at(path(at, "content"), "field required");
        }
        return new Message(parsed, blocks(content, path(at, "content")));
    }

    /** String content is one text block; an array is read block by block. */
    static List<ContentBlock> blocks(JsonNode content, String at) {
        if (content.isString()) {
            return List.of(new ContentBlock.Text(content.stringValue()));
        }
        array(content, at);
        List<ContentBlock> blocks = new ArrayList<>(content.size());
        for (int i = 0; i < content.size(); i++) {
            blocks.add(block(content.get(i), path(at, i)));
        }
        return blocks;
    }

    private static ContentBlock block(JsonNode node, String at) {
        object(node, at);
        String type = requiredString(node, "type", at);
        return switch (type) {
            case "text" -> new ContentBlock.Text(requiredString(node, "text", at), optional(node, "cache_control"));
            case "image" -> new ContentBlock.Image(imageSource(optional(node, "source"), path(at, "source")));
            case "tool_use" -> new ContentBlock.ToolUse(
                    requiredString(node, "id", at),
                    requiredString(node, "name", at),
                    toolInput(optional(node, "input"), path(at, "input")));
            case "tool_result" -> {
                JsonNode content = optional(node, "content");
                yield new ContentBlock.ToolResult(
                        requiredString(node, "tool_use_id", at),
                        content == null ? List.of() : blocks(content, path(at, "content")),
                        optionalBoolean(node, "is_error", at, false));
            }
            case "thinking" -> new ContentBlock.Thinking(
                    requiredString(node, "thinking", at), optionalString(node, "signature", at));
            case "redacted_thinking" -> new ContentBlock.RedactedThinking(requiredString(node, "data", at));
            case "tool_reference" -> new ContentBlock.ToolReference(requiredString(node, "tool_name", at));
            case "document" -> new ContentBlock.Document(node);
            default -> new ContentBlock.Unknown(type, node);
        };
    }

    private static JsonNode toolInput(JsonNode input, String at) {
        if (input == null) {
            return Json.NODES.objectNode();
        }
        return object(input, at);
    }

    private static ImageSource imageSource(JsonNode node, String at) {
        if (node == null) {
            throw ProtocolException.at(at, "field required");
        }
        object(node, at);
        String type = requiredString(node, "type", at);
        return switch (type) {
            case "base64" -> new ImageSource.Base64(
                    requiredString(node, "media_type", at), requiredString(node, "data", at));
            case "url" -> new ImageSource.Url(requiredString(node, "url", at));
            case "file" -> new ImageSource.File(requiredString(node, "file_id", at));
            default -> throw ProtocolException.at(path(at, "type"),
                    "must be \"base64\", \"url\" or \"file\", got \"" + abbreviate(type) + "\"");
        };
    }

    private static List<Tool> tools(JsonNode node) {
        if (node == null) {
            return List.of();
        }
        array(node, "tools");
        List<Tool> tools = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            String at = path("tools", i);
            JsonNode tool = object(node.get(i), at);
            String type = optionalString(tool, "type", at);
            JsonNode schema = optional(tool, "input_schema");
            boolean clientTool = type == null || type.equals("custom");
            if (clientTool && schema == null) {
                throw ProtocolException.at(path(at, "input_schema"), "field required");
            }
            tools.add(new Tool(
                    requiredString(tool, "name", at),
                    optionalString(tool, "description", at),
                    schema == null ? null : object(schema, path(at, "input_schema")),
                    type,
                    optionalBoolean(tool, "defer_loading", at, false)));
        }
        return tools;
    }

    private static ToolChoice toolChoice(JsonNode node) {
        if (node == null) {
            return null;
        }
        object(node, "tool_choice");
        String type = requiredString(node, "type", "tool_choice");
        boolean single = optionalBoolean(node, "disable_parallel_tool_use", "tool_choice", false);
        return switch (type) {
            case "auto" -> new ToolChoice.Auto(single);
            case "any" -> new ToolChoice.Any(single);
            case "tool" -> new ToolChoice.Named(requiredString(node, "name", "tool_choice"), single);
            case "none" -> new ToolChoice.None();
            default -> throw ProtocolException.at("tool_choice.type",
                    "must be \"auto\", \"any\", \"tool\" or \"none\", got \"" + abbreviate(type) + "\"");
        };
    }

    private static List<String> stopSequences(JsonNode node) {
        if (node == null) {
            return List.of();
        }
        array(node, "stop_sequences");
        List<String> sequences = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode value = node.get(i);
            if (!value.isString()) {
                throw ProtocolException.at(path("stop_sequences", i), "expected a string, got " + describe(value));
            }
            sequences.add(value.stringValue());
        }
        return sequences;
    }

    private static Thinking thinking(JsonNode node) {
        if (node == null) {
            return null;
        }
        object(node, "thinking");
        String type = requiredString(node, "type", "thinking");
        return switch (type) {
            case "enabled" -> {
                Integer budget = optionalInt(node, "budget_tokens", "thinking");
                if (budget == null) {
                    throw ProtocolException.at("thinking.budget_tokens", "field required");
                }
                yield new Thinking.Enabled(budget);
            }
            case "adaptive" -> new Thinking.Adaptive();
            case "disabled" -> new Thinking.Disabled();
            default -> throw ProtocolException.at("thinking.type",
                    "must be \"enabled\", \"adaptive\" or \"disabled\", got \"" + abbreviate(type) + "\"");
        };
    }

    /** Client-supplied values are echoed in errors only briefly. */
    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
