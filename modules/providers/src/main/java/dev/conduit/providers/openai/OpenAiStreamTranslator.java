package dev.conduit.providers.openai;

import dev.conduit.protocol.Json;
import dev.conduit.protocol.anthropic.ContentBlock;
import dev.conduit.protocol.anthropic.Delta;
import dev.conduit.protocol.anthropic.MessagesResponse;
import dev.conduit.protocol.anthropic.StopReason;
import dev.conduit.protocol.anthropic.StreamEvent;
import dev.conduit.protocol.anthropic.Usage;
import dev.conduit.protocol.openai.ChatCompletionChunk;
import dev.conduit.protocol.openai.OpenAiUsage;
import dev.conduit.protocol.openai.ToolCallDelta;
import dev.conduit.providers.upstream.Ids;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Turns a Chat Completions chunk stream into the Messages API event grammar: {@code
 * message_start}, {@code ping}, then for each block {@code content_block_start}, deltas and
 * {@code content_block_stop} with indices counting up from 0, then {@code message_delta} (stop
 * reason and usage) and {@code message_stop}.
 *
 * <p>Reasoning, text and each tool call become blocks of their own, in the order the upstream
 * starts them; tool arguments are forwarded as {@code input_json_delta} fragments as they arrive.
 * Because OpenAI sends usage after the finish reason, {@code message_delta} waits for the end of
 * the stream. A stream that ends before its finish reason is reported as an in-band error, never
 * as a clean stop.
 */
public final class OpenAiStreamTranslator {

    private enum BlockKind { NONE, TEXT, THINKING, TOOL }

    private final String fallbackModel;
    private final List<String> stopSequences;
    private final Consumer<StreamEvent> out;

    private boolean started;
    private boolean finished;
    private BlockKind openBlock = BlockKind.NONE;
    private int blockIndex = -1;
    private int openToolIndex = -1;
    private String openToolId;
    private boolean sawToolCall;
    private String finishReason;
    private String matchedStop;
    private OpenAiUsage usage;

    public OpenAiStreamTranslator(String fallbackModel, List<String> stopSequences, Consumer<StreamEvent> out) {
        this.fallbackModel = fallbackModel;
        this.stopSequences = stopSequences;
        this.out = out;
    }

    /** Whether {@code message_start} went out, after which failures can only be reported in-band. */
    public boolean started() {
        return started;
    }

    public boolean finished() {
        return finished;
    }

    public void onChunk(ChatCompletionChunk chunk) {
        if (finished) {
            return;
        }
        start(chunk.id(), chunk.model());
        if (chunk.usage() != null) {
            usage = chunk.usage();
        }
        for (ChatCompletionChunk.ChunkChoice choice : chunk.choices()) {
            if (choice.index() != 0) {
                continue; // n > 1 has no Anthropic form; only the first choice is forwarded
            }
            if (choice.reasoning() != null && !choice.reasoning().isEmpty()) {
                open(BlockKind.THINKING, -1, () -> new ContentBlock.Thinking("", ""));
                emit(new StreamEvent.ContentBlockDelta(blockIndex, new Delta.ThinkingDelta(choice.reasoning())));
            }
            if (choice.content() != null && !choice.content().isEmpty()) {
                open(BlockKind.TEXT, -1, () -> new ContentBlock.Text(""));
                emit(new StreamEvent.ContentBlockDelta(blockIndex, new Delta.TextDelta(choice.content())));
            }
            for (ToolCallDelta call : choice.toolCalls()) {
                toolCall(call);
            }
            if (choice.finishReason() != null) {
                finishReason = choice.finishReason();
                matchedStop = choice.matchedStop();
                closeBlock();
            }
        }
    }

    private void toolCall(ToolCallDelta call) {
        boolean hasId = call.id() != null && !call.id().isEmpty();
        boolean newCall = openBlock != BlockKind.TOOL
                || call.index() != openToolIndex
                || (hasId && !call.id().equals(openToolId));
        if (newCall) {
            String id = hasId ? call.id() : Ids.toolUseId();
            String name = call.name() == null ? "" : call.name();
            open(BlockKind.TOOL, call.index(), () -> new ContentBlock.ToolUse(id, name, Json.NODES.objectNode()));
            openToolId = id;
            sawToolCall = true;
        }
        if (call.arguments() != null && !call.arguments().isEmpty()) {
            emit(new StreamEvent.ContentBlockDelta(blockIndex, new Delta.InputJsonDelta(call.arguments())));
        }
    }

    /** {@code data: [DONE]}: the stream is complete. */
    public void onDone() {
        if (finished) {
            return;
        }
        start(null, null);
        closeBlock();
        StopReason reason = OpenAiMappings.stopReason(finishReason, matchedStop, sawToolCall, stopSequences);
        Usage total = OpenAiMappings.usage(usage);
        emit(new StreamEvent.MessageDelta(reason, OpenAiMappings.stopSequence(reason, matchedStop), total));
        emit(new StreamEvent.MessageStop());
        finished = true;
    }

    /**
     * The upstream connection ended. After a finish reason that is a complete answer (some servers
     * omit {@code [DONE]}); before one, the answer was cut and the client is told so.
     */
    public void onEnd(String provider) {
        if (finished) {
            return;
        }
        if (finishReason != null) {
            onDone();
        } else {
            fail("api_error", "the stream from provider " + provider + " ended before the response was complete");
        }
    }

    /** Ends the stream with an in-band error event; nothing follows it. */
    public void fail(String type, String message) {
        if (finished) {
            return;
        }
        closeBlock();
        emit(new StreamEvent.Error(type, message));
        finished = true;
    }

    private void start(String upstreamId, String upstreamModel) {
        if (started) {
            return;
        }
        started = true;
        MessagesResponse message = new MessagesResponse(
                Ids.messageId(upstreamId),
                upstreamModel == null ? fallbackModel : upstreamModel,
                List.of(), null, null, Usage.ZERO);
        emit(new StreamEvent.MessageStart(message));
        emit(new StreamEvent.Ping());
    }

    private void open(BlockKind kind, int toolIndex, Supplier<ContentBlock> block) {
        if (openBlock == kind && kind != BlockKind.TOOL) {
            return;
        }
        closeBlock();
        openBlock = kind;
        openToolIndex = toolIndex;
        blockIndex++;
        emit(new StreamEvent.ContentBlockStart(blockIndex, block.get()));
    }

    private void closeBlock() {
        if (openBlock == BlockKind.NONE) {
            return;
        }
        if (openBlock == BlockKind.THINKING) {
            // OpenAI-compatible reasoning carries no signature; clients require the field to exist
            emit(new StreamEvent.ContentBlockDelta(blockIndex, new Delta.SignatureDelta("")));
        }
        emit(new StreamEvent.ContentBlockStop(blockIndex));
        openBlock = BlockKind.NONE;
        openToolIndex = -1;
        openToolId = null;
    }

    private void emit(StreamEvent event) {
        out.accept(event);
    }
}
