package dev.conduit.protocol.openai;

import java.util.List;

/** A non-streamed {@code chat.completion}; only the first choice is used. */
public record ChatCompletion(String id, String model, List<Choice> choices, OpenAiUsage usage) {

    public ChatCompletion {
        choices = List.copyOf(choices);
    }

    /**
     * @param reasoning {@code reasoning_content} or {@code reasoning}, or null
     * @param matchedStop the stop string that ended the output, where the server says (vLLM's
     *     {@code stop_reason}), else null
     */
    public record Choice(
            String content, String reasoning, List<ToolCall> toolCalls, String refusal,
            String finishReason, String matchedStop) {

        public Choice {
            toolCalls = List.copyOf(toolCalls);
        }
    }
}
