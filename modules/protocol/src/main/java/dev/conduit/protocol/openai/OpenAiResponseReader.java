package dev.conduit.protocol.openai;

import static dev.conduit.protocol.internal.Nodes.count;
import static dev.conduit.protocol.internal.Nodes.text;

import java.util.ArrayList;
import java.util.List;
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
                        finishReason(choice),
                        text(choice, "stop_reason")));
            }
        }
        return new ChatCompletion(text(root, "id"), text(root, "model"), choices, usage(root.get("usage")));
    }

    public static ChatCompletionChunk chunk(JsonNode root) {
        JsonNode error = root.get("error");
        ChatCompletionChunk.ChunkError chunkError = null;
        if (error != null && !error.isNull()) {
            chunkError = error.isObject()
                    ? new ChatCompletionChunk.ChunkError(text(error, "message"), firstNonNull(text(error, "type"), text(error, "code")))
                    : new ChatCompletionChunk.ChunkError(error.asString(), null);
        }
        List<ChatCompletionChunk.ChunkChoice> choices = new ArrayList<>(1);
        JsonNode choicesNode = root.get("choices");
        if (choicesNode != null && choicesNode.isArray()) {
            for (JsonNode choice : choicesNode) {
                JsonNode delta = choice.path("delta");
                choices.add(new ChatCompletionChunk.ChunkChoice(
                        choice.path("index").asInt(0),
                        text(delta, "content"),
                        reasoning(delta),
                        toolCallDeltas(delta.get("tool_calls")),
                        finishReason(choice),
                        text(choice, "stop_reason")));
            }
        }
        return new ChatCompletionChunk(text(root, "id"), text(root, "model"), choices, usage(root.get("usage")), chunkError);
    }

    /** A few servers send {@code "finish_reason": ""} on every chunk, meaning "not yet". */
    private static String finishReason(JsonNode choice) {
        String reason = text(choice, "finish_reason");
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
