package dev.conduit.protocol.openai;

/** A complete function call of a non-streamed assistant message; arguments are JSON text. */
public record ToolCall(String id, String name, String arguments) {}
