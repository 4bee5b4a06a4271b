package dev.conduit.providers;

import dev.conduit.protocol.anthropic.MessagesResponse;
import dev.conduit.protocol.anthropic.Usage;

/** A whole (non-streamed) answer: translated into the hub model, or the provider's own bytes. */
public sealed interface Answer {

    /** The answer as Anthropic records; the server writes it in the client's format. */
    record Translated(MessagesResponse response) implements Answer {}

    /**
     * The provider's answer in the client's own format, forwarded as-is.
     *
     * @param usage what the answer says it used, for logs and metrics
     */
    record Forwarded(byte[] json, Usage usage) implements Answer {}
}
