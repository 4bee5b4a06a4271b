package dev.conduit.health;

/**
 * Tokens of one answer as the provider counted them. {@code input} excludes cached tokens, as
 * in Anthropic's usage, so the four kinds add up without overlap.
 */
public record TokenUsage(long input, long output, long cacheRead, long cacheWrite) {

    public static final TokenUsage NONE = new TokenUsage(0, 0, 0, 0);

    public TokenUsage {
        if (input < 0 || output < 0 || cacheRead < 0 || cacheWrite < 0) {
            throw new IllegalArgumentException("token counts cannot be negative");
        }
    }
}
