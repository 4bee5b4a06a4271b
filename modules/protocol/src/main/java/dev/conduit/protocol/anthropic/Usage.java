package dev.conduit.protocol.anthropic;

/** Token usage as the Anthropic API reports it. */
public record Usage(long inputTokens, long outputTokens, long cacheCreationInputTokens, long cacheReadInputTokens) {

    public static final Usage ZERO = new Usage(0, 0, 0, 0);
}
