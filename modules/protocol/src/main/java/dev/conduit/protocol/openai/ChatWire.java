package dev.conduit.protocol.openai;

import dev.conduit.protocol.anthropic.StopReason;
import dev.conduit.protocol.anthropic.Usage;
import tools.jackson.core.JsonGenerator;

/** What a whole Chat Completions answer and its streamed chunks write alike. */
final class ChatWire {

    private ChatWire() {}

    /** {@code chatcmpl-} and the message id without {@code msg_}, so logs on both sides match. */
    static String completionId(String messageId) {
        return "chatcmpl-" + (messageId.startsWith("msg_") ? messageId.substring(4) : messageId);
    }

    static String finishReason(StopReason reason) {
        return switch (reason) {
            case END_TURN, STOP_SEQUENCE, PAUSE_TURN -> "stop";
            case MAX_TOKENS -> "length";
            case TOOL_USE -> "tool_calls";
            case REFUSAL -> "content_filter";
            case null -> "stop";
        };
    }

    /** The head every answer and every chunk starts with. */
    static void head(JsonGenerator json, String id, String object, long created, String model) {
        json.writeStringProperty("id", id);
        json.writeStringProperty("object", object);
        json.writeNumberProperty("created", created);
        json.writeStringProperty("model", model);
    }

    /** OpenAI's prompt count includes cached tokens; Anthropic's input count excludes both cache counts. */
    static void usage(JsonGenerator json, Usage usage) {
        long prompt = usage.inputTokens() + usage.cacheReadInputTokens() + usage.cacheCreationInputTokens();
        json.writeName("usage");
        json.writeStartObject();
        json.writeNumberProperty("prompt_tokens", prompt);
        json.writeNumberProperty("completion_tokens", usage.outputTokens());
        json.writeNumberProperty("total_tokens", prompt + usage.outputTokens());
        json.writeName("prompt_tokens_details");
        json.writeStartObject();
        json.writeNumberProperty("cached_tokens", usage.cacheReadInputTokens());
        json.writeEndObject();
        json.writeEndObject();
    }
}
