package dev.conduit.protocol.anthropic;

import java.util.List;

/** One turn of the conversation; string content is read as a single text block. */
public record Message(Role role, List<ContentBlock> content) {

    public Message {
        content = List.copyOf(content);
    }
}
