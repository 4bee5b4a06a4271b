package dev.conduit.config;

import java.util.Locale;
import java.util.Optional;

/** The API a request arrived in, as routing rules name it ({@code "format"}). */
public enum InboundApi {
    /** {@code /v1/messages} */
    ANTHROPIC,
    /** {@code /v1/chat/completions} */
    OPENAI;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<InboundApi> of(String label) {
        for (InboundApi api : values()) {
            if (api.label().equals(label.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of(api);
            }
        }
        return Optional.empty();
    }
}
