package dev.conduit.protocol.anthropic;

import dev.conduit.protocol.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JsonGenerator;

/**
 * Writes Messages API responses and stream events, field for field in the order the Anthropic API
 * itself uses, straight to bytes without an intermediate tree.
 */
public final class AnthropicWriter {

    private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "\ndata: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private AnthropicWriter() {}

    public static byte[] response(MessagesResponse response) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator json = Json.MAPPER.createGenerator(out)) {
            message(json, response);
        }
        return out.toByteArray();
    }

    /** One event in SSE framing: {@code event: name\ndata: {...}\n\n}. */
    public static byte[] sse(StreamEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        writeSse(event, out);
        return out.toByteArray();
    }

    public static void writeSse(StreamEvent event, ByteArrayOutputStream out) {
        out.writeBytes(EVENT);
        out.writeBytes(event.name().getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(DATA);
        try (JsonGenerator json = Json.MAPPER.createGenerator(out)) {
            eventJson(json, event);
        }
        out.writeBytes(END);
    }

    /** The event's JSON alone, as it appears after {@code data:}. */
    public static String json(StreamEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator json = Json.MAPPER.createGenerator(out)) {
            eventJson(json, event);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void eventJson(JsonGenerator json, StreamEvent event) {
        json.writeStartObject();
        json.writeStringProperty("type", event.name());
        switch (event) {
            case StreamEvent.MessageStart start -> {
                json.writeName("message");
                message(json, start.message());
            }
            case StreamEvent.ContentBlockStart start -> {
                json.writeNumberProperty("index", start.index());
                json.writeName("content_block");
                block(json, start.block());
            }
            case StreamEvent.ContentBlockDelta delta -> {
                json.writeNumberProperty("index", delta.index());
                json.writeName("delta");
                delta(json, delta.delta());
            }
            case StreamEvent.ContentBlockStop stop -> json.writeNumberProperty("index", stop.index());
            case StreamEvent.MessageDelta delta -> {
                json.writeName("delta");
                json.writeStartObject();
                stopFields(json, delta.stopReason(), delta.stopSequence());
                json.writeEndObject();
                json.writeName("usage");
                usage(json, delta.usage());
            }
            case StreamEvent.Error error -> {
                json.writeName("error");
                json.writeStartObject();
                json.writeStringProperty("type", error.type());
                json.writeStringProperty("message", error.message());
                json.writeEndObject();
            }
            case StreamEvent.MessageStop stop -> { }
            case StreamEvent.Ping ping -> { }
        }
        json.writeEndObject();
    }

    private static void message(JsonGenerator json, MessagesResponse message) {
        json.writeStartObject();
        json.writeStringProperty("id", message.id());
        json.writeStringProperty("type", "message");
        json.writeStringProperty("role", "assistant");
        json.writeStringProperty("model", message.model());
        json.writeName("content");
        json.writeStartArray();
        for (ContentBlock block : message.content()) {
            block(json, block);
        }
        json.writeEndArray();
        stopFields(json, message.stopReason(), message.stopSequence());
        json.writeName("usage");
        usage(json, message.usage());
        json.writeEndObject();
    }

    private static void stopFields(JsonGenerator json, StopReason reason, String sequence) {
        if (reason == null) {
            json.writeNullProperty("stop_reason");
        } else {
            json.writeStringProperty("stop_reason", reason.wireName());
        }
        if (sequence == null) {
            json.writeNullProperty("stop_sequence");
        } else {
            json.writeStringProperty("stop_sequence", sequence);
        }
    }

    private static void usage(JsonGenerator json, Usage usage) {
        json.writeStartObject();
        json.writeNumberProperty("input_tokens", usage.inputTokens());
        json.writeNumberProperty("cache_creation_input_tokens", usage.cacheCreationInputTokens());
        json.writeNumberProperty("cache_read_input_tokens", usage.cacheReadInputTokens());
        json.writeNumberProperty("output_tokens", usage.outputTokens());
        json.writeEndObject();
    }

    static void block(JsonGenerator json, ContentBlock block) {
        switch (block) {
            case ContentBlock.Text text -> {
                json.writeStartObject();
                json.writeStringProperty("type", "text");
                json.writeStringProperty("text", text.text());
                json.writeEndObject();
            }
            case ContentBlock.ToolUse use -> {
                json.writeStartObject();
                json.writeStringProperty("type", "tool_use");
                json.writeStringProperty("id", use.id());
                json.writeStringProperty("name", use.name());
                json.writeName("input");
                json.writeTree(use.input());
                json.writeEndObject();
            }
            case ContentBlock.Thinking thinking -> {
                json.writeStartObject();
                json.writeStringProperty("type", "thinking");
                json.writeStringProperty("thinking", thinking.thinking());
                json.writeStringProperty("signature", thinking.signature() == null ? "" : thinking.signature());
                json.writeEndObject();
            }
            case ContentBlock.RedactedThinking redacted -> {
                json.writeStartObject();
                json.writeStringProperty("type", "redacted_thinking");
                json.writeStringProperty("data", redacted.data());
                json.writeEndObject();
            }
            case ContentBlock.Document document -> json.writeTree(document.raw());
            case ContentBlock.Unknown unknown -> json.writeTree(unknown.raw());
            case ContentBlock.Image image -> throw unsupported(image);
            case ContentBlock.ToolResult result -> throw unsupported(result);
            case ContentBlock.ToolReference reference -> throw unsupported(reference);
        }
    }

    private static IllegalArgumentException unsupported(ContentBlock block) {
        return new IllegalArgumentException("an assistant response cannot contain blocks of type " + block.type());
    }

    private static void delta(JsonGenerator json, Delta delta) {
        json.writeStartObject();
        switch (delta) {
            case Delta.TextDelta text -> {
                json.writeStringProperty("type", "text_delta");
                json.writeStringProperty("text", text.text());
            }
            case Delta.InputJsonDelta input -> {
                json.writeStringProperty("type", "input_json_delta");
                json.writeStringProperty("partial_json", input.partialJson());
            }
            case Delta.ThinkingDelta thinking -> {
                json.writeStringProperty("type", "thinking_delta");
                json.writeStringProperty("thinking", thinking.thinking());
            }
            case Delta.SignatureDelta signature -> {
                json.writeStringProperty("type", "signature_delta");
                json.writeStringProperty("signature", signature.signature());
            }
        }
        json.writeEndObject();
    }
}
