package dev.conduit.protocol.openai;

/**
 * One streamed fragment of a function call. {@code index} identifies the call across chunks;
 * {@code id} and {@code name} usually come only with its first fragment.
 */
public record ToolCallDelta(int index, String id, String name, String arguments) {}
