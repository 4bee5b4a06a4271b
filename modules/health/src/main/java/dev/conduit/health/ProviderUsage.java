package dev.conduit.health;

/** Tokens a provider counted since start, and their estimated cost (0 without a price). */
public record ProviderUsage(long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens,
        double estimatedCostUsd) {
}
