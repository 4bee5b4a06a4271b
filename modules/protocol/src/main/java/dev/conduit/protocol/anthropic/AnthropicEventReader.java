package dev.conduit.protocol.anthropic;

import static dev.conduit.protocol.internal.Nodes.text;

import tools.jackson.databind.JsonNode;

/**
 * Reads the events of a Messages API stream into {@link StreamEvent}s, as leniently as {@link
 * AnthropicResponseReader} reads whole answers. Anthropic may add event and delta types at any
 * time and asks clients to skip those they do not know; so does this reader, by returning null
 * (today that is {@code citations_delta}, which the model has no place for).
 */
public final class AnthropicEventReader {

    private AnthropicEventReader() {}

    /**
     * @param name the SSE event name, used when the data has no {@code type}
     * @param data the event's JSON
     * @return the event, or null for one this gateway does not know
     */
    public static StreamEvent event(String name, JsonNode data) {
        String type = text(data, "type");
        return switch (type == null ? name : type) {
            case "message_start" -> {
                JsonNode message = data.path("message");
                yield new StreamEvent.MessageStart(AnthropicResponseReader.response(message.isObject() ? message : data));
            }
            case "content_block_start" -> {
                ContentBlock block = AnthropicResponseReader.block(data.get("content_block"));
                yield block == null ? null : new StreamEvent.ContentBlockStart(index(data), block);
            }
            case "content_block_delta" -> {
                Delta delta = delta(data.get("delta"));
                yield delta == null ? null : new StreamEvent.ContentBlockDelta(index(data), delta);
            }
            case "content_block_stop" -> new StreamEvent.ContentBlockStop(index(data));
            case "message_delta" -> {
                JsonNode delta = data.path("delta");
                yield new StreamEvent.MessageDelta(AnthropicResponseReader.stopReason(text(delta, "stop_reason")),
                        text(delta, "stop_sequence"), AnthropicResponseReader.usage(data.get("usage")));
            }
            case "message_stop" -> new StreamEvent.MessageStop();
            case "ping" -> new StreamEvent.Ping();
            case "error" -> {
                JsonNode error = data.path("error");
                String errorType = text(error, "type");
                String message = text(error, "message");
                yield new StreamEvent.Error(errorType == null ? "api_error" : errorType,
                        message == null ? "the provider reported an error" : message);
            }
            case null, default -> null;
        };
    }

    private static int index(JsonNode data) {
        JsonNode index = data.get("index");
        return index != null && index.canConvertToInt() ? index.intValue() : 0;
    }

    private static Delta delta(JsonNode delta) {
        String type = text(delta, "type");
        if (type == null) {
            return null;
        }
        return switch (type) {
            case "text_delta" -> new Delta.TextDelta(orEmpty(text(delta, "text")));
            case "input_json_delta" -> new Delta.InputJsonDelta(orEmpty(text(delta, "partial_json")));
            case "thinking_delta" -> new Delta.ThinkingDelta(orEmpty(text(delta, "thinking")));
            case "signature_delta" -> new Delta.SignatureDelta(orEmpty(text(delta, "signature")));
            default -> null;
        };
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
