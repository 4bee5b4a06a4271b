package dev.conduit.providers.gemini;

import dev.conduit.protocol.Json;
import dev.conduit.protocol.anthropic.AnthropicRequestReader;
import dev.conduit.protocol.anthropic.AnthropicWriter;
import dev.conduit.protocol.anthropic.MessagesRequest;
import dev.conduit.protocol.anthropic.StreamEvent;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Shared helpers: requests from JSON text, and translation with one provider name. */
final class GeminiTestSupport {

    static final String MODEL = "gemini-2.5-flash";

    private GeminiTestSupport() {}

    static JsonNode json(String text) {
        return Json.MAPPER.readTree(text);
    }

    static MessagesRequest request(String body) {
        return AnthropicRequestReader.read(json(body));
    }

    /** A request with {@code max_tokens} 1024 and the given messages (a JSON array). */
    static MessagesRequest messages(String messages) {
        return request("{\"model\":\"claude\",\"max_tokens\":1024,\"messages\":" + messages + "}");
    }

    static ObjectNode translate(MessagesRequest request, String model) {
        return new GeminiRequestTranslator("gem").translate(request, model);
    }

    static ObjectNode translate(MessagesRequest request) {
        return translate(request, MODEL);
    }

    static List<String> eventJson(List<StreamEvent> events) {
        return events.stream().map(AnthropicWriter::json).toList();
    }

    /** A Gemini stream chunk: one candidate with the given parts (a JSON array) and finish reason. */
    static String chunk(String parts, String finishReason) {
        return "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":" + parts + "},"
                + (finishReason == null ? "" : "\"finishReason\":\"" + finishReason + "\",")
                + "\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":40,\"candidatesTokenCount\":5,"
                + "\"totalTokenCount\":45},\"modelVersion\":\"gemini-2.5-flash\",\"responseId\":\"resp-1\"}";
    }
}
