package dev.conduit.protocol.openai;

import dev.conduit.protocol.Json;
import dev.conduit.protocol.anthropic.ContentBlock;
import dev.conduit.protocol.anthropic.MessagesResponse;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonGenerator;

/**
 * Writes a Messages API answer as a {@code chat.completion}. Text blocks are concatenated as a
 * streamed answer's deltas would be; thinking becomes {@code reasoning_content}, the field
 * DeepSeek and vLLM use; blocks with no Chat Completions form (redacted thinking, server tool
 * blocks) are left out. {@code refusal} and {@code logprobs} are written as null because
 * OpenAI's typed SDKs treat them as required.
 */
public final class OpenAiResponseWriter {

    private OpenAiResponseWriter() {}

    public static byte[] completion(MessagesResponse response, String model, long created) {
        List<String> texts = new ArrayList<>();
        List<String> thoughts = new ArrayList<>();
        List<ContentBlock.ToolUse> calls = new ArrayList<>();
        for (ContentBlock block : response.content()) {
            switch (block) {
                case ContentBlock.Text text -> texts.add(text.text());
                case ContentBlock.Thinking thinking -> thoughts.add(thinking.thinking());
                case ContentBlock.ToolUse use -> calls.add(use);
                default -> { }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator json = Json.MAPPER.createGenerator(out)) {
            json.writeStartObject();
            ChatWire.head(json, ChatWire.completionId(response.id()), "chat.completion", created, model);
            json.writeName("choices");
            json.writeStartArray();
            json.writeStartObject();
            json.writeNumberProperty("index", 0);
            json.writeName("message");
            json.writeStartObject();
            json.writeStringProperty("role", "assistant");
            json.writeStringProperty("content", texts.isEmpty() ? null : String.join("", texts));
            json.writeNullProperty("refusal");
            if (!thoughts.isEmpty()) {
                json.writeStringProperty("reasoning_content", String.join("", thoughts));
            }
            if (!calls.isEmpty()) {
                toolCalls(json, calls);
            }
            json.writeEndObject();
            json.writeNullProperty("logprobs");
            json.writeStringProperty("finish_reason", ChatWire.finishReason(response.stopReason()));
            json.writeEndObject();
            json.writeEndArray();
            ChatWire.usage(json, response.usage());
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    private static void toolCalls(JsonGenerator json, List<ContentBlock.ToolUse> calls) {
        json.writeName("tool_calls");
        json.writeStartArray();
        for (ContentBlock.ToolUse call : calls) {
            json.writeStartObject();
            json.writeStringProperty("id", call.id());
            json.writeStringProperty("type", "function");
            json.writeName("function");
            json.writeStartObject();
            json.writeStringProperty("name", call.name());
            json.writeStringProperty("arguments", Json.MAPPER.writeValueAsString(call.input()));
            json.writeEndObject();
            json.writeEndObject();
        }
        json.writeEndArray();
    }
}
