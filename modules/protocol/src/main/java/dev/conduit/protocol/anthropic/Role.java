package dev.conduit.protocol.anthropic;

/**
 * The author of a message. {@code SYSTEM} is not part of the public Messages API but Claude Code
 * sends its environment block as a {@code role:"system"} message; it is kept, never dropped.
 */
public enum Role {
    USER, ASSISTANT, SYSTEM;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
