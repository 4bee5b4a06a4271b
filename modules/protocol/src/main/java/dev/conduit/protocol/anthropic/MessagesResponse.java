package dev.conduit.protocol.anthropic;

import java.util.List;

/**
 * A complete assistant message. In a stream's {@code message_start} the content is empty and the
 * stop reason null.
 */
public record MessagesResponse(
        String id,
        String model,
        List<ContentBlock> content,
        StopReason stopReason,
        String stopSequence,
        Usage usage) {

    public MessagesResponse {
        content = List.copyOf(content);
    }
}
