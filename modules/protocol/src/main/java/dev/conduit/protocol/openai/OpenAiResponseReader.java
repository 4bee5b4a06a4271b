package dev.conduit.protocol.openai;

import static dev.conduit.protocol.internal.Nodes.count;
import static dev.conduit.protocol.internal.Nodes.text;

import dev.conduit.protocol.Json;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;

/**
 * Reads what OpenAI-compatible servers answer. Reading is lenient: servers differ in which fields
 * they omit or null, and a missing field must not fail an otherwise good answer.
 */
public final class OpenAiResponseReader {

    private OpenAiResponseReader() {}

    public static ChatCompletion completion(JsonNode root) {
        List<ChatCompletion.Choice> choices = new ArrayList<>(1);
        JsonNode choicesNode = root.get("choices");
        if (choicesNode != null && choicesNode.isArray()) {
            for (JsonNode choice : choicesNode) {
                JsonNode message = choice.path("message");
                choices.add(new ChatCompletion.Choice(
                        text(message, "content"),
                        reasoning(message),
                        toolCalls(message.get("tool_calls")),
                        text(message, "refusal"),
                        finishReason(text(choice, "finish_reason")),
                        text(choice, "stop_reason")));
            }
        }
        return new ChatCompletion(text(root, "id"), text(root, "model"), choices, usage(root.get("usage")));
    }

    /**
     * A stream chunk read straight from its JSON text, without a tree: a stream reads one per
     * chunk, and building each chunk's tree first was a tenth of a stream's CPU. Null when the
     * text is JSON but not an object.
     *
     * @throws JacksonException when the text is not one JSON value
     */
    public static ChatCompletionChunk chunk(String json) {
        try (JsonParser parser = Json.MAPPER.createParser(json)) {
            return chunk(parser);
        }
    }

    /** A stream chunk a transformer has had in hand; null when it is not an object. */
    public static ChatCompletionChunk chunk(JsonNode root) {
        try (JsonParser parser = Json.MAPPER.treeAsTokens(root)) {
            return chunk(parser);
        }
    }

    private static ChatCompletionChunk chunk(JsonParser parser) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            requireEnd(parser);
            return null;
        }
        String id = null;
        String model = null;
        List<ChatCompletionChunk.ChunkChoice> choices = List.of();
        JsonNode usage = null;
        JsonNode error = null;
        while (nextField(parser) instanceof String name) {
            // a repeated field counts as its last occurrence, as in a tree
            switch (name) {
                case "id" -> id = string(parser);
                case "model" -> model = string(parser);
                case "choices" -> choices = chunkChoices(parser);
                case "usage" -> usage = parser.readValueAsTree();
                case "error" -> error = parser.readValueAsTree();
                default -> parser.skipChildren();
            }
        }
        requireEnd(parser);
        return new ChatCompletionChunk(id, model, choices, usage(usage), chunkError(error));
    }

    private static ChatCompletionChunk.ChunkError chunkError(JsonNode error) {
        if (error == null || error.isNull()) {
            return null;
        }
        return error.isObject()
                ? new ChatCompletionChunk.ChunkError(text(error, "message"), firstNonNull(text(error, "type"), text(error, "code")))
                : new ChatCompletionChunk.ChunkError(error.asString(), null);
    }

    private static List<ChatCompletionChunk.ChunkChoice> chunkChoices(JsonParser parser) {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return List.of();
        }
        List<ChatCompletionChunk.ChunkChoice> choices = new ArrayList<>(1);
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            choices.add(chunkChoice(parser));
        }
        return choices;
    }

    /** One choice; an element that is not an object reads as an empty choice 0, as a tree's paths do. */
    private static ChatCompletionChunk.ChunkChoice chunkChoice(JsonParser parser) {
        int index = 0;
        String finishReason = null;
        String matchedStop = null;
        Delta delta = Delta.NONE;
        if (parser.currentToken() == JsonToken.START_OBJECT) {
            while (nextField(parser) instanceof String name) {
                switch (name) {
                    case "index" -> index = index(parser);
                    case "delta" -> delta = delta(parser);
                    case "finish_reason" -> finishReason = string(parser);
                    case "stop_reason" -> matchedStop = string(parser);
                    default -> parser.skipChildren();
                }
            }
        } else {
            parser.skipChildren();
        }
        return new ChatCompletionChunk.ChunkChoice(index, delta.content, firstNonNull(delta.reasoningContent, delta.reasoning),
                toolCallDeltas(delta.toolCalls), finishReason(finishReason),
                matchedStop);
    }

    /** As lenient as a tree's {@code asInt(0)}: a number or numeric text, else 0. */
    private static int index(JsonParser parser) {
        if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT) {
            return parser.getIntValue(); // what every server sends; a tree for the rest costs a tenth of a chunk
        }
        JsonNode value = parser.readValueAsTree();
        return value == null ? 0 : value.asInt(0);
    }

    private static Delta delta(JsonParser parser) {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return Delta.NONE;
        }
        String content = null;
        String reasoningContent = null;
        String reasoning = null;
        JsonNode toolCalls = null;
        while (nextField(parser) instanceof String name) {
            switch (name) {
                case "content" -> content = string(parser);
                case "reasoning_content" -> reasoningContent = string(parser);
                case "reasoning" -> reasoning = string(parser);
                case "tool_calls" -> toolCalls = parser.readValueAsTree();
                default -> parser.skipChildren();
            }
        }
        return new Delta(content, reasoningContent, reasoning, toolCalls);
    }

    /** A chunk's {@code delta}, as sent. */
    private record Delta(String content, String reasoningContent, String reasoning, JsonNode toolCalls) {
        static final Delta NONE = new Delta(null, null, null, null);
    }

    /** The next field's name, with the parser on its value; null at the end of the object. */
    private static String nextField(JsonParser parser) {
        String name = parser.nextName();
        if (name != null) {
            parser.nextToken();
        }
        return name;
    }

    /** The current value if it is a string, else null (and the value skipped). */
    private static String string(JsonParser parser) {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            return parser.getString();
        }
        parser.skipChildren();
        return null;
    }

    /** After the chunk's value comes nothing, as a tree read requires. */
    private static void requireEnd(JsonParser parser) {
        if (parser.nextToken() != null) {
            throw new StreamReadException(parser, "more after the chunk's JSON value");
        }
    }

    /** A few servers send {@code "finish_reason": ""} on every chunk, meaning "not yet". */
    private static String finishReason(String reason) {
        return reason == null || reason.isEmpty() ? null : reason;
    }

    private static String reasoning(JsonNode message) {
        String reasoning = text(message, "reasoning_content");
        return reasoning != null ? reasoning : text(message, "reasoning");
    }

    private static List<ToolCall> toolCalls(JsonNode node) {
        if (node == null || !node.isArray()) {
            return List.of();
        }
        List<ToolCall> calls = new ArrayList<>(node.size());
        for (JsonNode call : node) {
            JsonNode function = call.path("function");
            calls.add(new ToolCall(text(call, "id"), text(function, "name"), arguments(function)));
        }
        return calls;
    }

    private static List<ToolCallDelta> toolCallDeltas(JsonNode node) {
        if (node == null || !node.isArray()) {
            return List.of();
        }
        List<ToolCallDelta> calls = new ArrayList<>(node.size());
        int position = 0;
        for (JsonNode call : node) {
            JsonNode function = call.path("function");
            // a few servers omit the index when they send each call whole in one chunk
            int index = call.has("index") ? call.get("index").asInt(position) : position;
            calls.add(new ToolCallDelta(index, text(call, "id"), text(function, "name"), arguments(function)));
            position++;
        }
        return calls;
    }

    /** Arguments are JSON text; a few servers send the object itself. */
    private static String arguments(JsonNode function) {
        JsonNode arguments = function.get("arguments");
        if (arguments == null || arguments.isNull()) {
            return null;
        }
        return arguments.isString() ? arguments.stringValue() : arguments.toString();
    }

    private static OpenAiUsage usage(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return null;
        }
        long cached = count(usage.get("prompt_tokens_details"), "cached_tokens");
        if (cached == 0) {
            cached = count(usage, "prompt_cache_hit_tokens");
        }
        return new OpenAiUsage(
                count(usage, "prompt_tokens"),
                count(usage, "completion_tokens"),
                cached,
                count(usage.get("completion_tokens_details"), "reasoning_tokens"));
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
