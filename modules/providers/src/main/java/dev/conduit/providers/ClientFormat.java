package dev.conduit.providers;

/** The API a client speaks. */
public enum ClientFormat {
    /** The Anthropic Messages API ({@code /v1/messages}). */
    ANTHROPIC,
    /** The OpenAI Chat Completions API ({@code /v1/chat/completions}). */
    OPENAI
}
