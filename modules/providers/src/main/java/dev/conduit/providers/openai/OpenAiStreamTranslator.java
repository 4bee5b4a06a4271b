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
import dev.conduit.providers.upstream.StreamTranslation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns a Chat Completions chunk stream into the Messages API event grammar: {@code
 * message_start}, {@code ping}, then for each block {@code content_block_start}, deltas and
 * {@code content_block_stop} with indices counting up from 0, then {@code message_delta} (stop
 * reason and usage) and {@code message_stop}.
 *
 * <p>Reasoning, text and each tool call become blocks of their own, in the order the upstream
 * starts them, and deltas are forwarded as they arrive. Anthropic blocks cannot interleave, but
 * some servers interleave the argument fragments of parallel tool calls: a call that starts while
 * another is streaming is held back until the stream shows which kind it is. When the new call's
 * own fragments follow, the calls are sequential and the new one goes live; when the earlier
 * call's fragments continue, the later calls are sent whole once the model has finished.
 *
 * <p>Because OpenAI sends usage after the finish reason, {@code message_delta} waits for the end
 * of the stream. A stream that ends before its finish reason is reported as an in-band error,
 * never as a clean stop.
 */
public final class OpenAiStreamTranslator implements StreamTranslation {

    private enum BlockKind { NONE, TEXT, THINKING, TOOL }

    /** One tool call; {@code pending} holds arguments not yet sent. */
    private static final class ToolCall {
        final String id;
        final String name;
        final StringBuilder pending = new StringBuilder();
        boolean sent;

        ToolCall(String id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    private final String fallbackModel;
    private final List<String> stopSequences;
    private final Consumer<StreamEvent> out;

    private boolean started;
    private boolean finished;
    private BlockKind openBlock = BlockKind.NONE;
    private int blockIndex = -1;

    /** Every tool call in order of appearance, and the latest call of each OpenAI index. */
    private final List<ToolCall> toolCalls = new ArrayList<>();
    private final Map<Integer, ToolCall> callByIndex = new HashMap<>();
    private ToolCall liveCall;
    private boolean interleaved;

    private String finishReason;
    private String matchedStop;
    private OpenAiUsage usage;

    public OpenAiStreamTranslator(String fallbackModel, List<String> stopSequences, Consumer<StreamEvent> out) {
        this.fallbackModel = fallbackModel;
        this.stopSequences = stopSequences;
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

    /** Whether the upstream sent its finish reason. */
    boolean sawFinish() {
        return finishReason != null;
    }

    public void onChunk(ChatCompletionChunk chunk) {
        if (finished) {
            return;
        }
        start(chunk.id(), chunk.model());
        if (chunk.usage() != null) {
            usage = chunk.usage();
        }
        if (finishReason != null) {
            return; // after the finish reason only usage is of interest
        }
        for (ChatCompletionChunk.ChunkChoice choice : chunk.choices()) {
            if (choice.index() != 0) {
                continue; // n > 1 has no Anthropic form; only the first choice is forwarded
            }
            if (notEmpty(choice.reasoning())) {
                openContent(BlockKind.THINKING);
                emit(new StreamEvent.ContentBlockDelta(blockIndex, new Delta.ThinkingDelta(choice.reasoning())));
            }
            if (notEmpty(choice.content())) {
                openContent(BlockKind.TEXT);
                emit(new StreamEvent.ContentBlockDelta(blockIndex, new Delta.TextDelta(choice.content())));
            }
            for (ToolCallDelta call : choice.toolCalls()) {
                toolCall(call);
            }
            if (choice.finishReason() != null) {
                finishReason = choice.finishReason();
                matchedStop = choice.matchedStop();
                finishBlocks();
            }
        }
    }

    private void toolCall(ToolCallDelta delta) {
        ToolCall call = callByIndex.get(delta.index());
        // some servers reuse index 0 for every call: a new id means a new call
        boolean first = call == null || (notEmpty(delta.id()) && !delta.id().equals(call.id));
        if (first) {
            call = new ToolCall(notEmpty(delta.id()) ? delta.id() : Ids.toolUseId(), delta.name() == null ? "" : delta.name());
            callByIndex.put(delta.index(), call);
            toolCalls.add(call);
        }
        String arguments = delta.arguments() == null ? "" : delta.arguments();
        if (call == liveCall) {
            if (toolCalls.stream().anyMatch(other -> !other.sent)) {
                interleaved = true; // the live call goes on while a later one has started
            }
            sendArguments(arguments);
            return;
        }
        if (call.sent) {
            return; // a fragment for a call already closed: its block cannot be reopened
        }
        call.pending.append(arguments);
        if (liveCall == null || (!first && !interleaved)) {
            goLive(call);
        }
    }

    /** Closes whatever block is open and streams {@code call} from here on. */
    private void goLive(ToolCall call) {
        closeBlock();
        openBlock = BlockKind.TOOL;
        liveCall = call;
        call.sent = true;
        blockIndex++;
        emit(new StreamEvent.ContentBlockStart(blockIndex, new ContentBlock.ToolUse(call.id, call.name, Json.NODES.objectNode())));
        sendArguments(call.pending.toString());
        call.pending.setLength(0);
    }

    private void sendArguments(String arguments) {
        if (!arguments.isEmpty()) {
            emit(new StreamEvent.ContentBlockDelta(blockIndex, new Delta.InputJsonDelta(arguments)));
        }
    }

    /** Closes the open block and sends the tool calls that were held back, each whole. */
    private void finishBlocks() {
        closeBlock();
        for (ToolCall held : toolCalls) {
            if (!held.sent) {
                goLive(held);
                closeBlock();
            }
        }
    }

    /**
     * A whole block a transformer made (web search results): the open block is closed and this
     * one is sent complete, at the next index.
     */
    public void insertBlock(ContentBlock block) {
        if (finished) {
            return;
        }
        start(null, null);
        closeBlock();
        blockIndex++;
        emit(new StreamEvent.ContentBlockStart(blockIndex, block));
        emit(new StreamEvent.ContentBlockStop(blockIndex));
    }

    /** {@code data: [DONE]}: the stream is complete. */
    public void onDone() {
        if (finished) {
            return;
        }
        start(null, null);
        finishBlocks();
        StopReason reason = OpenAiMappings.stopReason(finishReason, matchedStop, !toolCalls.isEmpty(), stopSequences);
        Usage total = OpenAiMappings.usage(usage);
        emit(new StreamEvent.MessageDelta(reason, OpenAiMappings.stopSequence(reason, matchedStop), total));
        emit(new StreamEvent.MessageStop());
        finished = true;
    }

    /**
     * The upstream connection ended. After a finish reason that is a complete answer (some servers
     * omit {@code [DONE]}); before one, the answer was cut and the client is told so.
     */
    @Override
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
     * {@code ping}), so keep-alive pings can flow while a provider thinks before its first byte.
     */
    @Override
    public void ensureStarted() {
        start(null, null);
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

    private void openContent(BlockKind kind) {
        if (openBlock == kind) {
            return;
        }
        closeBlock();
        openBlock = kind;
        blockIndex++;
        ContentBlock block = kind == BlockKind.TEXT ? new ContentBlock.Text("") : new ContentBlock.Thinking("", "");
        emit(new StreamEvent.ContentBlockStart(blockIndex, block));
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
        liveCall = null;
    }

    private void emit(StreamEvent event) {
        out.accept(event);
    }

    private static boolean notEmpty(String text) {
        return text != null && !text.isEmpty();
    }
}
