package dev.conduit.protocol.openai;

/**
 * Token usage as OpenAI reports it. {@code cachedTokens} is {@code
 * prompt_tokens_details.cached_tokens} (DeepSeek: {@code prompt_cache_hit_tokens}) and is part of
 * {@code promptTokens}.
 */
public record OpenAiUsage(long promptTokens, long completionTokens, long cachedTokens, long reasoningTokens) {}
