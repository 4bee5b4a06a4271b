package dev.conduit.protocol.openai;

import java.util.List;

/**
 * One {@code chat.completion.chunk} of a stream. The last chunk may carry only usage (no
 * choices); a chunk with {@code error} set is an upstream failure reported in-band.
 */
public record ChatCompletionChunk(String id, String model, List<ChunkChoice> choices, OpenAiUsage usage, ChunkError error) {

    public ChatCompletionChunk {
        choices = List.copyOf(choices);
    }

    public record ChunkChoice(
            int index, String content, String reasoning, List<ToolCallDelta> toolCalls,
            String finishReason, String matchedStop) {

        public ChunkChoice {
            toolCalls = List.copyOf(toolCalls);
        }
    }

    /** An error object sent inside the stream: its message, and its type or code if given. */
    public record ChunkError(String message, String type) {}
}
