package dev.conduit.providers.transform;

import dev.conduit.protocol.anthropic.ContentBlock;
import java.util.function.Consumer;
import tools.jackson.databind.node.ObjectNode;

/** What one transformer does to the answer of one request; may keep state across chunks. */
public interface AnswerHook {

    AnswerHook NONE = new AnswerHook() {};

    /**
     * A whole answer, before it is translated or forwarded; changed in place. Blocks given to
     * {@code leading} go before the answer's content (translated answers only).
     */
    default void completion(ObjectNode completion, Consumer<ContentBlock> leading) {
    }

    /** One chunk of a stream: pass on what the client should see, now or later. */
    default void chunk(ObjectNode chunk, ChunkSink out) {
        out.chunk(chunk);
    }

    /** The upstream sent {@code [DONE]}: pass on anything held back. */
    default void end(ChunkSink out) {
    }
}
