package dev.conduit.providers.transform;

import dev.conduit.protocol.anthropic.ContentBlock;
import tools.jackson.databind.node.ObjectNode;

/** Where a transformer passes a stream on: upstream chunks, and whole blocks for the client. */
public interface ChunkSink {

    /** A chunk for the next transformer, or for translation after the last one. */
    void chunk(ObjectNode chunk);

    /**
     * A whole block of the hub model (web search results) to send where the stream is now; it
     * skips the transformers after this one. Only for translated answers.
     */
    void block(ContentBlock block);
}
