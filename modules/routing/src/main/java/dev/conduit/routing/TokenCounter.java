package dev.conduit.routing;

import dev.conduit.protocol.anthropic.MessagesRequest;

/**
 * Counts input tokens over the parts claude-code-router counts: system text, message text, tool
 * calls and results, and tool definitions.
 */
public interface TokenCounter {

    long count(MessagesRequest request);

    long count(String text);

    /**
     * The cl100k_base tokenizer claude-code-router uses (via JTokkit), loaded on first use, with
     * the counts of long texts remembered: system prompts, tool definitions and earlier turns
     * come back unchanged request after request.
     */
    static TokenCounter cl100k() {
        return new Cl100kTokenCounter(Cl100kTokenCounter.DEFAULT_CACHED_CHARS);
    }
}
