package dev.conduit.protocol.openai;

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
import static dev.conduit.protocol.openai.RequestFields.abbreviate;
import static dev.conduit.protocol.openai.RequestFields.required;
import static dev.conduit.protocol.openai.RequestFields.requiredObject;

import dev.conduit.protocol.Json;
import dev.conduit.protocol.ProtocolException;
import dev.conduit.protocol.anthropic.MessagesRequest;
import dev.conduit.protocol.anthropic.ResponseFormat;
import dev.conduit.protocol.anthropic.Tool;
import dev.conduit.protocol.anthropic.ToolChoice;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a Chat Completions request ({@code POST /v1/chat/completions}) into the Messages API
 * model. Every violation is a {@link ProtocolException} naming the field by its JSON path.
 *
 * <p>Without {@code max_completion_tokens} or {@code max_tokens} the output limit is 8192, since
 * the Messages API requires one; see {@link ReasoningEffort} for the limit with
 * {@code reasoning_effort}. Fields with no Messages API equivalent are ignored rather than refused,
 * as OpenAI-compatible servers do: {@code stream_options} (the caller reads it), {@code seed}, {@code logprobs}, {@code top_logprobs}, {@code logit_bias},
 * {@code frequency_penalty}, {@code presence_penalty}, {@code store}, {@code metadata},
 * {@code service_tier}, {@code modalities}, {@code audio}, {@code prediction},
 * {@code web_search_options}, {@code verbosity}, {@code prompt_cache_key},
 * {@code safety_identifier}, a message's {@code name}, tools' {@code strict}, an image's
 * {@code detail}, and {@code reasoning_content} sent back in assistant messages (the Messages API
 * takes earlier thinking only with its signature). {@code response_format} becomes the hub's
 * {@link ResponseFormat}; {@code text} is the same as none.
 */
public final class OpenAiRequestReader {

    private OpenAiRequestReader() {}

    public static MessagesRequest read(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new ProtocolException("request body must be a JSON object, got " + describe(root));
        }
        String model = requiredString(root, "model", "");
        if (model.isBlank()) {
            throw ProtocolException.at("model", "must not be empty");
        }
        ChatMessagesReader.Conversation conversation = ChatMessagesReader.read(required(root, "messages", ""));
        Integer n = optionalInt(root, "n", "");
        if (n != null && n > 1) {
            throw ProtocolException.at("n", "n > 1 is not supported, got " + n);
        }
        if (n != null && n < 1) {
            throw ProtocolException.at("n", "must be at least 1, got " + n);
        }
        String effort = optionalString(root, "reasoning_effort", "");
        ReasoningEffort.Limits limits = ReasoningEffort.limits(
                maxTokens(root), effort == null ? null : ReasoningEffort.parse(effort));
        List<Tool> tools = tools(optional(root, "tools"));
        return new MessagesRequest(
                model,
                limits.maxTokens(),
                conversation.system(),
                conversation.messages(),
                tools,
                toolChoice(root, !tools.isEmpty()),
                stop(optional(root, "stop")),
                optionalNumber(root, "temperature", ""),
                optionalNumber(root, "top_p", ""),
                null,
                optionalBoolean(root, "stream", "", false),
                optionalString(root, "user", ""),
                limits.thinking(),
                responseFormat(optional(root, "response_format")),
                null);
    }

    private static ResponseFormat responseFormat(JsonNode node) {
        if (node == null) {
            return null;
        }
        object(node, "response_format");
        String type = requiredString(node, "type", "response_format");
        return switch (type) {
            case "text" -> null;
            case "json_object" -> new ResponseFormat.JsonObject();
            case "json_schema" -> {
                JsonNode spec = requiredObject(node, "json_schema", "response_format");
                JsonNode schema = optional(spec, "schema");
                yield new ResponseFormat.JsonSchema(
                        requiredString(spec, "name", "response_format.json_schema"),
                        schema == null ? Json.NODES.objectNode() : object(schema, "response_format.json_schema.schema"),
                        optional(spec, "strict") == null ? null
                                : optionalBoolean(spec, "strict", "response_format.json_schema", false));
            }
            default -> throw ProtocolException.at("response_format.type",
                    "must be \"text\", \"json_object\" or \"json_schema\", got \"" + abbreviate(type) + "\"");
        };
    }

    /** {@code stream_options.include_usage}: whether a stream ends with a usage chunk. */
    public static boolean includeUsage(JsonNode root) {
        JsonNode options = optional(root, "stream_options");
        return options != null
                && optionalBoolean(object(options, "stream_options"), "include_usage", "stream_options", false);
    }

    /** {@code max_completion_tokens} replaced {@code max_tokens}; the newer field wins. */
    private static Integer maxTokens(JsonNode root) {
        String field = optional(root, "max_completion_tokens") != null ? "max_completion_tokens" : "max_tokens";
        Integer maxTokens = optionalInt(root, field, "");
        if (maxTokens != null && maxTokens < 1) {
            throw ProtocolException.at(field, "must be at least 1, got " + maxTokens);
        }
        return maxTokens;
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
            if (type != null && !type.equals("function")) {
                throw ProtocolException.at(path(at, "type"), "must be \"function\", got \"" + abbreviate(type) + "\"");
            }
            String functionAt = path(at, "function");
            JsonNode function = requiredObject(tool, "function", at);
            JsonNode parameters = optional(function, "parameters");
            tools.add(new Tool(
                    requiredString(function, "name", functionAt),
                    optionalString(function, "description", functionAt),
                    parameters == null ? emptySchema() : object(parameters, path(functionAt, "parameters")),
                    null,
                    false));
        }
        return tools;
    }

    /** OpenAI allows functions without parameters; the Messages API requires an input schema. */
    private static ObjectNode emptySchema() {
        ObjectNode schema = Json.NODES.objectNode();
        schema.put("type", "object");
        schema.putObject("properties");
        return schema;
    }

    /**
     * {@code parallel_tool_calls: false} becomes {@code disable_parallel_tool_use} on the choice,
     * an automatic one when the client named none and sent tools.
     */
    private static ToolChoice toolChoice(JsonNode root, boolean hasTools) {
        boolean single = !optionalBoolean(root, "parallel_tool_calls", "", true);
        JsonNode node = optional(root, "tool_choice");
        if (node == null) {
            return single && hasTools ? new ToolChoice.Auto(true) : null;
        }
        if (node.isString()) {
            return switch (node.stringValue()) {
                case "auto" -> new ToolChoice.Auto(single);
                case "required" -> new ToolChoice.Any(single);
                case "none" -> new ToolChoice.None();
                default -> throw ProtocolException.at("tool_choice", "must be \"auto\", \"none\", \"required\" or an object, got \""
                        + abbreviate(node.stringValue()) + "\"");
            };
        }
        if (!node.isObject()) {
            throw ProtocolException.at("tool_choice", "expected a string or an object, got " + describe(node));
        }
        String type = requiredString(node, "type", "tool_choice");
        if (!type.equals("function")) {
            throw ProtocolException.at("tool_choice.type", "must be \"function\", got \"" + abbreviate(type) + "\"");
        }
        JsonNode function = requiredObject(node, "function", "tool_choice");
        return new ToolChoice.Named(requiredString(function, "name", "tool_choice.function"), single);
    }

    private static List<String> stop(JsonNode node) {
        if (node == null) {
            return List.of();
        }
        if (node.isString()) {
            return List.of(node.stringValue());
        }
        if (!node.isArray()) {
            throw ProtocolException.at("stop", "expected a string or an array, got " + describe(node));
        }
        List<String> sequences = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode value = node.get(i);
            if (!value.isString()) {
                throw ProtocolException.at(path("stop", i), "expected a string, got " + describe(value));
            }
            sequences.add(value.stringValue());
        }
        return sequences;
    }
}
