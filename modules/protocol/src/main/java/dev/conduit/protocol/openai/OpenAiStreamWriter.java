package dev.conduit.protocol.openai;

import dev.conduit.protocol.ApiError;
import dev.conduit.protocol.ErrorEnvelopes;
import dev.conduit.protocol.Json;
import dev.conduit.protocol.anthropic.ContentBlock;
import dev.conduit.protocol.anthropic.Delta;
import dev.conduit.protocol.anthropic.StreamEvent;
import dev.conduit.protocol.anthropic.Usage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/**
 * Turns the Messages API events of one streamed answer into {@code chat.completion.chunk} frames
 * ({@code data: {...}\n\n}), ending with {@code data: [DONE]} — or, after an error, with the
 * error chunk alone, so a client never takes a failed answer for a complete one.
 *
 * <p>Tool calls are numbered 0, 1, 2… in the order their blocks start. A call whose input
 * streamed no fragment (a tool without parameters) gets its arguments when its block stops, so
 * the concatenated arguments are always a JSON object. Pings, signatures and server tools'
 * blocks produce nothing. One
 * writer serves one answer.
 */
public final class OpenAiStreamWriter {

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final String DONE = "data: [DONE]\n\n";

    private String model;
    private final long created;
    private final boolean includeUsage;
    private final Map<Integer, StreamedCall> calls = new HashMap<>();
    private String id;
    private Usage usage = Usage.ZERO;

    /** A tool call by its block index; {@code input} is what the block started with. */
    private static final class StreamedCall {
        final int index;
        final JsonNode input;
        boolean argumentsSent;

        StreamedCall(int index, JsonNode input) {
            this.index = index;
            this.input = input;
        }
    }

    /**
     * @param model the model to name until {@code message_start} names the one that answered
     * @param includeUsage whether the client asked for {@code stream_options.include_usage}
     */
    public OpenAiStreamWriter(String model, long created, boolean includeUsage) {
        this.model = model;
        this.created = created;
        this.includeUsage = includeUsage;
    }

    /** The frames of one event, in order; often none. */
    public List<byte[]> accept(StreamEvent event) {
        List<byte[]> frames = new ArrayList<>(2);
        accept(event, frames::add);
        return frames;
    }

    public void accept(StreamEvent event, Consumer<byte[]> out) {
        switch (event) {
            case StreamEvent.MessageStart start -> {
                id = ChatWire.completionId(start.message().id());
                // the model the provider says answered, as a whole completion names it
                if (start.message().model() != null && !start.message().model().isEmpty()) {
                    model = start.message().model();
                }
                usage = latest(usage, start.message().usage());
                out.accept(chunk(json -> {
                    json.writeStringProperty("role", "assistant");
                    json.writeStringProperty("content", "");
                }, null));
            }
            case StreamEvent.ContentBlockStart start -> blockStart(start.index(), start.block(), out);
            case StreamEvent.ContentBlockDelta delta -> blockDelta(delta.index(), delta.delta(), out);
            case StreamEvent.ContentBlockStop stop -> {
                StreamedCall call = calls.get(stop.index());
                if (call != null && !call.argumentsSent) {
                    out.accept(arguments(call, Json.MAPPER.writeValueAsString(call.input)));
                }
            }
            case StreamEvent.MessageDelta delta -> {
                usage = latest(usage, delta.usage());
                out.accept(chunk(json -> { }, ChatWire.finishReason(delta.stopReason())));
            }
            case StreamEvent.MessageStop stop -> {
                if (includeUsage) {
                    out.accept(usageChunk());
                }
                out.accept(DONE.getBytes(StandardCharsets.US_ASCII));
            }
            case StreamEvent.Error error -> out.accept(frame(ErrorEnvelopes.openAiBytes(apiError(error))));
            case StreamEvent.Ping ping -> { }
        }
    }

    private void blockStart(int index, ContentBlock block, Consumer<byte[]> out) {
        switch (block) {
            case ContentBlock.Text text when !text.text().isEmpty() -> out.accept(content(text.text()));
            case ContentBlock.Thinking thinking when !thinking.thinking().isEmpty() -> out.accept(reasoning(thinking.thinking()));
            case ContentBlock.ToolUse use -> {
                StreamedCall call = new StreamedCall(calls.size(), use.input());
                calls.put(index, call);
                out.accept(chunk(json -> toolCallDelta(json, call.index, use, ""), null));
            }
            default -> { }
        }
    }

    private void blockDelta(int index, Delta delta, Consumer<byte[]> out) {
        switch (delta) {
            case Delta.TextDelta text when !text.text().isEmpty() -> out.accept(content(text.text()));
            case Delta.ThinkingDelta thinking when !thinking.thinking().isEmpty() -> out.accept(reasoning(thinking.thinking()));
            case Delta.InputJsonDelta input when !input.partialJson().isEmpty() -> {
                // a server tool's input (the provider's own web search) has no Chat Completions form
                StreamedCall call = calls.get(index);
                if (call != null) {
                    call.argumentsSent = true;
                    out.accept(arguments(call, input.partialJson()));
                }
            }
            default -> { }
        }
    }

    private byte[] content(String text) {
        return chunk(json -> json.writeStringProperty("content", text), null);
    }

    private byte[] reasoning(String text) {
        return chunk(json -> json.writeStringProperty("reasoning_content", text), null);
    }

    private byte[] arguments(StreamedCall call, String fragment) {
        return chunk(json -> toolCallDelta(json, call.index, null, fragment), null);
    }

    /** The first delta of a call carries its id, type and name; later ones only arguments. */
    private static void toolCallDelta(JsonGenerator json, int index, ContentBlock.ToolUse first, String arguments) {
        json.writeName("tool_calls");
        json.writeStartArray();
        json.writeStartObject();
        json.writeNumberProperty("index", index);
        if (first != null) {
            json.writeStringProperty("id", first.id());
            json.writeStringProperty("type", "function");
        }
        json.writeName("function");
        json.writeStartObject();
        if (first != null) {
            json.writeStringProperty("name", first.name());
        }
        json.writeStringProperty("arguments", arguments);
        json.writeEndObject();
        json.writeEndObject();
        json.writeEndArray();
    }

    private byte[] chunk(Consumer<JsonGenerator> delta, String finishReason) {
        return json(json -> {
            json.writeName("choices");
            json.writeStartArray();
            json.writeStartObject();
            json.writeNumberProperty("index", 0);
            json.writeName("delta");
            json.writeStartObject();
            delta.accept(json);
            json.writeEndObject();
            json.writeNullProperty("logprobs");
            json.writeStringProperty("finish_reason", finishReason);
            json.writeEndObject();
            json.writeEndArray();
        });
    }

    private byte[] usageChunk() {
        return json(json -> {
            json.writeName("choices");
            json.writeStartArray();
            json.writeEndArray();
            ChatWire.usage(json, usage);
        });
    }

    private byte[] json(Consumer<JsonGenerator> body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(DATA);
        try (JsonGenerator json = Json.MAPPER.createGenerator(out)) {
            json.writeStartObject();
            ChatWire.head(json, id, "chat.completion.chunk", created, model);
            body.accept(json);
            json.writeEndObject();
        }
        out.writeBytes(END);
        return out.toByteArray();
    }

    private static byte[] frame(byte[] json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length + 8);
        out.writeBytes(DATA);
        out.writeBytes(json);
        out.writeBytes(END);
        return out.toByteArray();
    }

    /**
     * Usage counts are cumulative: {@code message_delta} repeats or completes what
     * {@code message_start} said (OpenAI-compatible upstreams send input tokens only at the end).
     */
    private static Usage latest(Usage known, Usage update) {
        return new Usage(
                Math.max(known.inputTokens(), update.inputTokens()),
                Math.max(known.outputTokens(), update.outputTokens()),
                Math.max(known.cacheCreationInputTokens(), update.cacheCreationInputTokens()),
                Math.max(known.cacheReadInputTokens(), update.cacheReadInputTokens()));
    }

    /** The status the Anthropic API answers with each error type, so the OpenAI type matches it. */
    private static ApiError apiError(StreamEvent.Error error) {
        int status = switch (error.type()) {
            case "invalid_request_error" -> 400;
            case "authentication_error" -> 401;
            case "permission_error" -> 403;
            case "not_found_error" -> 404;
            case "request_too_large" -> 413;
            case "rate_limit_error" -> 429;
            case "overloaded_error" -> 529;
            default -> 500;
        };
        return new ApiError(status, error.type(), error.message(), Optional.empty());
    }
}
