package dev.conduit.protocol.openai;

import dev.conduit.protocol.ProtocolException;
import dev.conduit.protocol.anthropic.Thinking;

/**
 * {@code reasoning_effort} as an extended-thinking budget, and the output limit that goes with it.
 *
 * <p>Budgets: minimal 1024 (the Messages API's smallest), low 2048, medium 8192, high 24576;
 * {@code none} turns thinking off. Both APIs count reasoning against the same output limit, and
 * the Messages API requires the budget to be below {@code max_tokens}, so the budget is cut to fit
 * a limit the client set, and thinking is left out when not even 1024 tokens fit.
 */
enum ReasoningEffort {
    NONE(0), MINIMAL(1024), LOW(2048), MEDIUM(8192), HIGH(24576);

    /** The Messages API requires {@code max_tokens}; Chat Completions clients usually send none. */
    static final int DEFAULT_MAX_TOKENS = 8192;

    /** The smallest output limit of the Claude models that can think (Opus 4 and 4.1). */
    static final int DEFAULT_MAX_TOKENS_WHEN_THINKING = 32000;

    private static final int MIN_BUDGET = 1024;

    private final int budget;

    ReasoningEffort(int budget) {
        this.budget = budget;
    }

    /** The output limit and thinking configuration of a request. */
    record Limits(int maxTokens, Thinking thinking) {}

    /** @param effort null when the client sent none */
    static Limits limits(Integer requestedMaxTokens, ReasoningEffort effort) {
        if (effort == null || effort == NONE) {
            return new Limits(requestedMaxTokens == null ? DEFAULT_MAX_TOKENS : requestedMaxTokens,
                    effort == NONE ? new Thinking.Disabled() : null);
        }
        if (requestedMaxTokens == null) {
            // room for the default visible answer beside the budget, within every thinking model's limit
            int maxTokens = Math.min(DEFAULT_MAX_TOKENS + effort.budget, DEFAULT_MAX_TOKENS_WHEN_THINKING);
            return new Limits(maxTokens, new Thinking.Enabled(effort.budget));
        }
        int budget = Math.min(effort.budget, requestedMaxTokens - 1);
        return new Limits(requestedMaxTokens, budget < MIN_BUDGET ? null : new Thinking.Enabled(budget));
    }

    static ReasoningEffort parse(String value) {
        return switch (value) {
            case "none" -> NONE;
            case "minimal" -> MINIMAL;
            case "low" -> LOW;
            case "medium" -> MEDIUM;
            case "high" -> HIGH;
            default -> throw ProtocolException.at("reasoning_effort",
                    "must be \"none\", \"minimal\", \"low\", \"medium\" or \"high\", got \""
                            + RequestFields.abbreviate(value) + "\"");
        };
    }
}
