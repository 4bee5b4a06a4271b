package dev.conduit.config;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One entry of a {@code transformer.use} list: a transformer and its options, validated. Numbers
 * and flags written as strings (from {@code $VAR}s) are already converted.
 *
 * @param options the options object, empty when none were given; callers must not change it
 */
public record TransformerEntry(KnownTransformer transformer, ObjectNode options) {

    public TransformerEntry {
        options = options == null ? JsonNodeFactory.instance.objectNode() : options.deepCopy();
    }

    public TransformerEntry(KnownTransformer transformer) {
        this(transformer, null);
    }

    /** Leaves the options out: they may carry credentials (headers, keys). */
    @Override
    public String toString() {
        return transformer.configName() + (options.isEmpty() ? "" : "(options)");
    }
}
