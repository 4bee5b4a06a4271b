package dev.conduit.providers.transform;

import dev.conduit.protocol.anthropic.ContentBlock;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * One streamed answer's chunks on their way through each transformer's hook and then into the
 * terminal sink (translation, or forwarding to an OpenAI client).
 */
public final class ChunkPipeline {

    private final List<AnswerHook> hooks;
    private final ChunkSink[] sinks;
    private boolean ended;

    ChunkPipeline(List<AnswerHook> hooks, ChunkSink terminal) {
        this.hooks = List.copyOf(hooks);
        this.sinks = new ChunkSink[hooks.size() + 1];
        sinks[hooks.size()] = terminal;
        for (int i = hooks.size() - 1; i >= 0; i--) {
            AnswerHook next = i + 1 < hooks.size() ? this.hooks.get(i + 1) : null;
            ChunkSink after = sinks[i + 1];
            sinks[i] = next == null ? terminal : new ChunkSink() {
                @Override
                public void chunk(ObjectNode chunk) {
                    next.chunk(chunk, after);
                }

                @Override
                public void block(ContentBlock block) {
                    terminal.block(block);
                }
            };
        }
    }

    /** Whether chunks reach the terminal sink untouched. */
    public boolean isEmpty() {
        return hooks.isEmpty();
    }

    /** One upstream chunk. */
    public void chunk(ObjectNode chunk) {
        if (hooks.isEmpty()) {
            sinks[0].chunk(chunk);
        } else {
            hooks.getFirst().chunk(chunk, sinks[0]);
        }
    }

    /**
     * The upstream sent {@code [DONE]}: each transformer, in order, passes on what it held back.
     * Once. (A stream that stops without {@code [DONE]} has sent its finish reason, when the
     * transformers pass on what they hold, or it is reported as cut.)
     */
    public void end() {
        if (ended) {
            return;
        }
        ended = true;
        for (int i = 0; i < hooks.size(); i++) {
            hooks.get(i).end(sinks[i]);
        }
    }
}
