package dev.conduit.providers.gemini;

import dev.conduit.protocol.Json;
import dev.conduit.protocol.anthropic.ContentBlock;
import dev.conduit.protocol.anthropic.Delta;
import dev.conduit.protocol.anthropic.MessagesResponse;
import dev.conduit.protocol.anthropic.StreamEvent;
import dev.conduit.protocol.anthropic.Usage;
import dev.conduit.providers.upstream.Ids;
import dev.conduit.providers.upstream.StreamTranslation;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Turns Gemini's stream of {@code GenerateContentResponse} chunks into the Messages API event
 * grammar: {@code message_start}, {@code ping}, blocks with indices counting up from 0, then
 * {@code message_delta} (stop reason and usage) and {@code message_stop}.
 *
 * <p>Thought parts ({@code thought:true}) stream into a thinking block, text parts into a text
 * block; each function call arrives whole and is sent as a whole {@code tool_use} block, its
 * arguments in one {@code input_json_delta}. A part's thought signature closes the thinking block
 * before the block made from that part, or opens an empty one (see {@link GeminiSignatures}).
 *
 * <p>Google Search grounding becomes a web search's blocks after the answer (see {@link
 * GeminiGrounding}). Gemini sends no end marker: the stream is complete when the connection ends after a chunk
 * with a finish reason. A stream that ends before one is reported as an in-band error, never as
 * a clean stop.
 */
public final class GeminiStreamTranslator implements StreamTranslation {

    private enum Open { NONE, THINKING, TEXT }

    private final String model;
    private final Consumer<StreamEvent> out;

    private boolean started;
    private boolean finished;
    private Open open = Open.NONE;
    private int index = -1;

    private String finishReason;
    private boolean promptBlocked;
    private boolean toolUse;
    private JsonNode usage;
    private JsonNode grounding;

    /**
     * @param model the upstream model as routed: it names the signatures and stands in for the
     *     model Gemini reports when a chunk names none
     */
    public GeminiStreamTranslator(String model, Consumer<StreamEvent> out) {
        this.model = model;
        this.out = out;
    }

    /** Whether {@code message_start} went out, after which failures can only be reported in-band. */
    @Override
    public boolean started() {
        return started;
    }

    @Override
    public boolean finished() {
        return finished;
    }

    public void onChunk(JsonNode chunk) {
        if (finished) {
            return;
        }
        start(chunk);
        if (chunk.path("usageMetadata").isObject()) {
            usage = chunk.get("usageMetadata");
        }
        if (chunk.path("promptFeedback").has("blockReason")) {
            promptBlocked = true;
        }
        for (JsonNode candidate : chunk.path("candidates")) {
            if (candidate.path("index").asInt(0) != 0) {
                continue; // candidateCount > 1 has no Anthropic form; only the first is forwarded
            }
            for (JsonNode part : candidate.path("content").path("parts")) {
                part(part);
            }
            if (GeminiGrounding.hasSources(candidate.get("groundingMetadata"))) {
                grounding = candidate.get("groundingMetadata");
            }
            String reason = candidate.path("finishReason").asString(null);
            if (reason != null) {
                finishReason = reason;
                closeBlock();
            }
        }
    }

    private void part(JsonNode part) {
        String signature = part.path("thoughtSignature").asString(null);
        JsonNode call = part.get("functionCall");
        if (call != null && call.isObject()) {
            if (signature != null) {
                sign(signature);
            } else {
                closeBlock();
            }
            toolUse(call);
            return;
        }
        String text = part.path("text").asString("");
        boolean thought = part.path("thought").asBoolean(false);
        if (thought && !text.isEmpty()) {
            openBlock(Open.THINKING);
            emit(new StreamEvent.ContentBlockDelta(index, new Delta.ThinkingDelta(text)));
        }
        if (signature != null) {
            sign(signature);
        }
        if (!thought && !text.isEmpty()) {
            openBlock(Open.TEXT);
            emit(new StreamEvent.ContentBlockDelta(index, new Delta.TextDelta(text)));
        }
        // other parts (inline data, code execution) answer requests this adapter does not make
    }

    /** Ends the open thinking block with {@code signature}, or sends an empty one carrying it. */
    private void sign(String signature) {
        openBlock(Open.THINKING);
        emit(new StreamEvent.ContentBlockDelta(index, new Delta.SignatureDelta(GeminiSignatures.wrap(model, signature))));
        emit(new StreamEvent.ContentBlockStop(index));
        open = Open.NONE;
    }

    private void toolUse(JsonNode call) {
        String id = call.path("id").asString("");
        JsonNode args = call.path("args");
        index++;
        emit(new StreamEvent.ContentBlockStart(index, new ContentBlock.ToolUse(
                id.isEmpty() ? Ids.toolUseId() : id, call.path("name").asString(""), Json.NODES.objectNode())));
        emit(new StreamEvent.ContentBlockDelta(index, new Delta.InputJsonDelta(args.isObject() ? args.toString() : "{}")));
        emit(new StreamEvent.ContentBlockStop(index));
        toolUse = true;
    }

    /**
     * The upstream connection ended. After a finish reason (or a blocked prompt) that is a
     * complete answer; before one, the answer was cut and the client is told so.
     */
    @Override
    public void onEnd(String provider) {
        if (finished) {
            return;
        }
        if (finishReason != null || promptBlocked) {
            complete();
        } else {
            fail("api_error", "the stream from provider " + provider + " ended before the response was complete");
        }
    }

    /** Ends the message with its stop reason and usage, finish reason or not (a whole answer). */
    public void complete() {
        if (finished) {
            return;
        }
        closeBlock();
        if (grounding != null) {
            GeminiGrounding.events(grounding, index + 1).forEach(this::emit);
            index += 2;
        }
        emit(new StreamEvent.MessageDelta(GeminiMappings.stopReason(finishReason, promptBlocked, toolUse), null,
                GeminiMappings.usage(usage)));
        emit(new StreamEvent.MessageStop());
        finished = true;
    }

    /** Ends the stream with an in-band error event; nothing follows it. */
    @Override
    public void fail(String type, String message) {
        if (finished) {
            return;
        }
        closeBlock();
        emit(new StreamEvent.Error(type, message));
        finished = true;
    }

    /**
     * Starts the client's stream now if the upstream has not yet ({@code message_start} and a
     * {@code ping}), so keep-alive pings can flow while the model thinks before its first chunk.
     */
    @Override
    public void ensureStarted() {
        start(Json.NODES.objectNode());
    }

    /** {@code message_start} carries the prompt's usage, which Gemini reports from the first chunk. */
    private void start(JsonNode chunk) {
        if (started) {
            return;
        }
        started = true;
        Usage prompt = GeminiMappings.usage(chunk.get("usageMetadata"));
        String version = chunk.path("modelVersion").asString(null);
        emit(new StreamEvent.MessageStart(new MessagesResponse(
                Ids.messageId(chunk.path("responseId").asString(null)),
                version == null ? model : version,
                List.of(), null, null,
                new Usage(prompt.inputTokens(), 0, 0, prompt.cacheReadInputTokens()))));
        emit(new StreamEvent.Ping());
    }

    private void openBlock(Open kind) {
        if (open == kind) {
            return;
        }
        closeBlock();
        open = kind;
        index++;
        emit(new StreamEvent.ContentBlockStart(index,
                kind == Open.TEXT ? new ContentBlock.Text("") : new ContentBlock.Thinking("", "")));
    }

    private void closeBlock() {
        if (open == Open.NONE) {
            return;
        }
        if (open == Open.THINKING) {
            // thought text Gemini did not sign; clients require the field to exist
            emit(new StreamEvent.ContentBlockDelta(index, new Delta.SignatureDelta("")));
        }
        emit(new StreamEvent.ContentBlockStop(index));
        open = Open.NONE;
    }

    private void emit(StreamEvent event) {
        out.accept(event);
    }
}
