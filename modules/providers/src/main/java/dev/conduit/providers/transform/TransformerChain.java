package dev.conduit.providers.transform;

import dev.conduit.config.TransformerEntry;
import dev.conduit.protocol.anthropic.ContentBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * The transformers of one provider and model, in the order configured: the provider's {@code use}
 * list, then the model's own. Each sees the request, and the answer, as the one before it left
 * them.
 */
public final class TransformerChain {

    public static final TransformerChain EMPTY = new TransformerChain(List.of());

    private final List<Transformer> transformers;

    public TransformerChain(List<Transformer> transformers) {
        this.transformers = List.copyOf(transformers);
    }

    /** The chain of the configured entries; names that change nothing here are left out. */
    public static TransformerChain of(List<TransformerEntry> entries) {
        return new TransformerChain(entries.stream().map(Transformer::of).flatMap(Optional::stream).toList());
    }

    public boolean isEmpty() {
        return transformers.isEmpty();
    }

    public List<Transformer> transformers() {
        return transformers;
    }

    /** Changes the request body, and its headers, before the request is sent. */
    public void request(ObjectNode body, Map<String, String> headers, Exchange exchange) {
        transformers.forEach(transformer -> transformer.request(body, headers, exchange));
    }

    /**
     * Changes a whole answer in place, before it is translated or forwarded.
     *
     * @return blocks to put before the answer's content (translated answers only)
     */
    public List<ContentBlock> completion(ObjectNode completion, Exchange exchange) {
        List<ContentBlock> leading = new ArrayList<>();
        transformers.forEach(transformer -> transformer.answers(exchange).completion(completion, leading::add));
        return leading;
    }

    /** The path of one streamed answer's chunks through the transformers into {@code terminal}. */
    public ChunkPipeline stream(Exchange exchange, ChunkSink terminal) {
        return new ChunkPipeline(transformers.stream().map(transformer -> transformer.answers(exchange)).toList(), terminal);
    }
}
