package dev.conduit.providers.openai;

import dev.conduit.protocol.anthropic.StopReason;
import dev.conduit.protocol.anthropic.Usage;
import dev.conduit.protocol.openai.OpenAiUsage;
import java.util.List;

/** The mappings both the whole-response and the stream translator share. */
final class OpenAiMappings {

    private OpenAiMappings() {}

    /**
     * OpenAI's {@code finish_reason} as an Anthropic stop reason. A matched stop sequence can only
     * be told apart from a natural end where the server names the string that matched (vLLM's
     * {@code stop_reason}); tool calls mean {@code tool_use} even where a server says "stop".
     */
    static StopReason stopReason(String finishReason, String matchedStop, boolean toolCalls, List<String> stopSequences) {
        if (toolCalls) {
            return StopReason.TOOL_USE;
        }
        if (finishReason == null) {
            return StopReason.END_TURN;
        }
        return switch (finishReason) {
            case "length" -> StopReason.MAX_TOKENS;
            case "tool_calls", "function_call" -> StopReason.TOOL_USE;
            case "content_filter" -> StopReason.REFUSAL;
            case "stop" -> matchedStop != null && stopSequences.contains(matchedStop)
                    ? StopReason.STOP_SEQUENCE
                    : StopReason.END_TURN;
            default -> StopReason.END_TURN;
        };
    }

    static String stopSequence(StopReason reason, String matchedStop) {
        return reason == StopReason.STOP_SEQUENCE ? matchedStop : null;
    }

    /** Anthropic counts cache reads apart from input tokens; OpenAI includes them. */
    static Usage usage(OpenAiUsage usage) {
        if (usage == null) {
            return Usage.ZERO;
        }
        long cached = Math.min(usage.cachedTokens(), usage.promptTokens());
        return new Usage(usage.promptTokens() - cached, usage.completionTokens(), 0, cached);
    }
}
