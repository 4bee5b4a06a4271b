package dev.conduit.config;

import java.util.Locale;
import java.util.Optional;

/**
 * Which API a provider speaks, when its {@code "type"} key says so explicitly; without the key the
 * API follows from its {@code transformer} names (as in claude-code-router).
 */
public enum ProviderType {
    OPENAI("openai"),
    ANTHROPIC("anthropic"),
    GEMINI("gemini");

    private final String configName;

    ProviderType(String configName) {
        this.configName = configName;
    }

    /** The value as written in {@code config.json}. */
    public String configName() {
        return configName;
    }

    /** The type written as {@code text}, ignoring case. */
    public static Optional<ProviderType> find(String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        for (ProviderType type : values()) {
            if (type.configName.equals(wanted)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
