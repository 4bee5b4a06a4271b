package dev.conduit.providers.gemini;

import dev.conduit.protocol.anthropic.StopReason;
import dev.conduit.protocol.anthropic.Usage;
import tools.jackson.databind.JsonNode;

/** Gemini's finish reasons and usage metadata in Anthropic terms. */
final class GeminiMappings {

    private GeminiMappings() {}

    /**
     * A function call means {@code tool_use} whatever the finish reason (Gemini says STOP); a
     * prompt blocked before any candidate, or an answer stopped by a content filter, is a
     * refusal. A matched stop sequence cannot be told from a natural end: Gemini says STOP.
     */
    static StopReason stopReason(String finishReason, boolean promptBlocked, boolean toolUse) {
        if (toolUse) {
            return StopReason.TOOL_USE;
        }
        if (promptBlocked) {
            return StopReason.REFUSAL;
        }
        if (finishReason == null) {
            return StopReason.END_TURN;
        }
        return switch (finishReason) {
            case "MAX_TOKENS" -> StopReason.MAX_TOKENS;
            case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY",
                    "IMAGE_PROHIBITED_CONTENT" -> StopReason.REFUSAL;
            default -> StopReason.END_TURN;
        };
    }

    /**
     * Anthropic counts cache reads apart from input tokens, Gemini within the prompt count; the
     * prompt of a tool Gemini ran itself (search results) is input too. Thinking is output, as in
     * Anthropic's own usage.
     */
    static Usage usage(JsonNode metadata) {
        if (metadata == null || !metadata.isObject()) {
            return Usage.ZERO;
        }
        long prompt = metadata.path("promptTokenCount").asLong(0);
        long cached = Math.min(metadata.path("cachedContentTokenCount").asLong(0), prompt);
        long toolPrompt = metadata.path("toolUsePromptTokenCount").asLong(0);
        long output = metadata.path("candidatesTokenCount").asLong(0) + metadata.path("thoughtsTokenCount").asLong(0);
        return new Usage(prompt - cached + toolPrompt, output, 0, cached);
    }
}
