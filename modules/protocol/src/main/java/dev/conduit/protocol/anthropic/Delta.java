package dev.conduit.protocol.anthropic;

/** The increments of a streamed content block. */
public sealed interface Delta {

    record TextDelta(String text) implements Delta {}

    /** A fragment of a tool call's input JSON; the fragments concatenate to the whole object. */
    record InputJsonDelta(String partialJson) implements Delta {}

    record ThinkingDelta(String thinking) implements Delta {}

    record SignatureDelta(String signature) implements Delta {}
}
