package dev.conduit.protocol.openai;

import static dev.conduit.protocol.internal.Nodes.array;
import static dev.conduit.protocol.internal.Nodes.describe;
import static dev.conduit.protocol.internal.Nodes.object;
import static dev.conduit.protocol.internal.Nodes.optional;
import static dev.conduit.protocol.internal.Nodes.optionalString;
import static dev.conduit.protocol.internal.Nodes.path;
import static dev.conduit.protocol.internal.Nodes.requiredString;
import static dev.conduit.protocol.openai.RequestFields.abbreviate;
import static dev.conduit.protocol.openai.RequestFields.required;
import static dev.conduit.protocol.openai.RequestFields.requiredObject;

import dev.conduit.protocol.Json;
import dev.conduit.protocol.ProtocolException;
import dev.conduit.protocol.anthropic.ContentBlock;
import dev.conduit.protocol.anthropic.ImageSource;
import dev.conduit.protocol.anthropic.Message;
import dev.conduit.protocol.anthropic.Role;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads Chat Completions {@code messages} into a system prompt and alternating Messages API turns.
 *
 * <p>System and developer messages go to the system prompt wherever they appear. Tool messages
 * become {@code tool_result} blocks of a user turn, and adjacent messages of the same role are
 * merged, because the Messages API requires user and assistant turns to alternate. Empty text is
 * dropped (the Messages API rejects empty text blocks; SDKs send {@code "content": ""} beside tool
 * calls), and a message left with no content adds no turn.
 */
final class ChatMessagesReader {

    record Conversation(List<ContentBlock.Text> system, List<Message> messages) {}

    private ChatMessagesReader() {}

    static Conversation read(JsonNode node) {
        array(node, "messages");
        if (node.isEmpty()) {
            throw ProtocolException.at("messages", "must not be empty");
        }
        List<ContentBlock.Text> system = new ArrayList<>();
        List<Message> turns = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            String at = path("messages", i);
            JsonNode message = object(node.get(i), at);
            String role = requiredString(message, "role", at);
            switch (role) {
                case "system", "developer" -> system.addAll(texts(required(message, "content", at), path(at, "content")));
                case "user" -> append(turns, Role.USER, user(required(message, "content", at), path(at, "content")));
                case "assistant" -> append(turns, Role.ASSISTANT, assistant(message, at));
                case "tool" -> append(turns, Role.USER, List.of(new ContentBlock.ToolResult(
                        requiredString(message, "tool_call_id", at),
                        List.copyOf(texts(required(message, "content", at), path(at, "content"))),
                        false)));
                case "function" -> throw ProtocolException.at(path(at, "role"),
                        "the legacy \"function\" role is not supported; send tool results as \"tool\" messages");
                default -> throw ProtocolException.at(path(at, "role"),
                        "must be \"system\", \"developer\", \"user\", \"assistant\" or \"tool\", got \"" + abbreviate(role) + "\"");
            }
        }
        return new Conversation(system, turns);
    }

    private static void append(List<Message> turns, Role role, List<ContentBlock> blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        if (!turns.isEmpty() && turns.getLast().role() == role) {
            List<ContentBlock> merged = new ArrayList<>(turns.getLast().content());
            merged.addAll(blocks);
            turns.set(turns.size() - 1, new Message(role, merged));
        } else {
            turns.add(new Message(role, blocks));
        }
    }

    /** Content that may only be text: a string or {@code text} parts (system, developer, tool). */
    private static List<ContentBlock.Text> texts(JsonNode content, String at) {
        List<ContentBlock.Text> texts = new ArrayList<>();
        if (content.isString()) {
            addText(texts, content.stringValue());
            return texts;
        }
        array(content, at);
        for (int i = 0; i < content.size(); i++) {
            String partAt = path(at, i);
            JsonNode part = object(content.get(i), partAt);
            String type = requiredString(part, "type", partAt);
            if (!type.equals("text")) {
                throw ProtocolException.at(path(partAt, "type"), "must be \"text\", got \"" + abbreviate(type) + "\"");
            }
            addText(texts, requiredString(part, "text", partAt));
        }
        return texts;
    }

    private static List<ContentBlock> user(JsonNode content, String at) {
        List<ContentBlock> blocks = new ArrayList<>();
        if (content.isString()) {
            addText(blocks, content.stringValue());
            return blocks;
        }
        array(content, at);
        for (int i = 0; i < content.size(); i++) {
            String partAt = path(at, i);
            JsonNode part = object(content.get(i), partAt);
            String type = requiredString(part, "type", partAt);
            switch (type) {
                case "text" -> addText(blocks, requiredString(part, "text", partAt));
                case "image_url" -> blocks.add(new ContentBlock.Image(
                        image(requiredObject(part, "image_url", partAt), path(partAt, "image_url"))));
                case "input_audio", "file" -> throw ProtocolException.at(path(partAt, "type"),
                        "\"" + type + "\" parts are not supported");
                default -> throw ProtocolException.at(path(partAt, "type"),
                        "must be \"text\" or \"image_url\", got \"" + abbreviate(type) + "\"");
            }
        }
        return blocks;
    }

    /** {@code data:<media type>[;params];base64,<data>} or an http(s) URL; {@code detail} has no equivalent. */
    private static ImageSource image(JsonNode imageUrl, String at) {
        String url = requiredString(imageUrl, "url", at);
        String urlAt = path(at, "url");
        if (url.regionMatches(true, 0, "http://", 0, 7) || url.regionMatches(true, 0, "https://", 0, 8)) {
            return new ImageSource.Url(url);
        }
        if (!url.regionMatches(true, 0, "data:", 0, 5)) {
            throw ProtocolException.at(urlAt, "must be an http(s) URL or a data URL, got \"" + abbreviate(url) + "\"");
        }
        int comma = url.indexOf(',');
        String header = comma < 0 ? "" : url.substring(5, comma);
        int semicolon = header.indexOf(';');
        if (semicolon < 1 || !header.endsWith(";base64")) {
            throw ProtocolException.at(urlAt, "a data URL must have the form data:<media type>;base64,<data>");
        }
        return new ImageSource.Base64(header.substring(0, semicolon), url.substring(comma + 1));
    }

    /** Text (a string, {@code text} or {@code refusal} parts, the {@code refusal} field), then tool calls. */
    private static List<ContentBlock> assistant(JsonNode message, String at) {
        if (optional(message, "function_call") != null) {
            throw ProtocolException.at(path(at, "function_call"), "legacy function calls are not supported; use tool_calls");
        }
        List<ContentBlock> blocks = new ArrayList<>();
        JsonNode content = optional(message, "content");
        String contentAt = path(at, "content");
        if (content != null && content.isString()) {
            addText(blocks, content.stringValue());
        } else if (content != null) {
            array(content, contentAt);
            for (int i = 0; i < content.size(); i++) {
                String partAt = path(contentAt, i);
                JsonNode part = object(content.get(i), partAt);
                String type = requiredString(part, "type", partAt);
                switch (type) {
                    case "text", "refusal" -> addText(blocks, requiredString(part, type, partAt));
                    default -> throw ProtocolException.at(path(partAt, "type"),
                            "must be \"text\" or \"refusal\", got \"" + abbreviate(type) + "\"");
                }
            }
        }
        String refusal = optionalString(message, "refusal", at);
        if (refusal != null) {
            addText(blocks, refusal);
        }
        JsonNode calls = optional(message, "tool_calls");
        if (calls != null) {
            array(calls, path(at, "tool_calls"));
            for (int i = 0; i < calls.size(); i++) {
                blocks.add(toolCall(calls.get(i), path(path(at, "tool_calls"), i)));
            }
        }
        return blocks;
    }

    private static ContentBlock.ToolUse toolCall(JsonNode node, String at) {
        JsonNode call = object(node, at);
        String type = optionalString(call, "type", at);
        if (type != null && !type.equals("function")) {
            throw ProtocolException.at(path(at, "type"), "must be \"function\", got \"" + abbreviate(type) + "\"");
        }
        String id = requiredString(call, "id", at);
        String functionAt = path(at, "function");
        JsonNode function = requiredObject(call, "function", at);
        String name = requiredString(function, "name", functionAt);
        JsonNode arguments = required(function, "arguments", functionAt);
        String argumentsAt = path(functionAt, "arguments");
        return new ContentBlock.ToolUse(id, name, arguments.isObject() ? arguments : parseArguments(arguments, argumentsAt));
    }

    /** Arguments are JSON text of an object; "" (a call without parameters, from some servers) is {}. */
    private static JsonNode parseArguments(JsonNode arguments, String at) {
        if (!arguments.isString()) {
            throw ProtocolException.at(at, "expected a string, got " + describe(arguments));
        }
        String text = arguments.stringValue();
        if (text.isBlank()) {
            return Json.NODES.objectNode();
        }
        JsonNode parsed;
        try {
            parsed = Json.MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw ProtocolException.at(at, "not valid JSON");
        }
        if (!parsed.isObject()) {
            throw ProtocolException.at(at, "must be a JSON object, got " + describe(parsed));
        }
        return parsed;
    }

    private static void addText(List<? super ContentBlock.Text> blocks, String text) {
        if (!text.isEmpty()) {
            blocks.add(new ContentBlock.Text(text));
        }
    }
}
