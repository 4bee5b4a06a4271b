package dev.conduit.providers.openai;

import dev.conduit.config.ProviderConfig;
import java.util.Locale;

/**
 * What differs between OpenAI-compatible servers in the parts of the API this adapter uses.
 *
 * @param providerName the configured name, for messages
 * @param maxTokensField OpenAI's own API takes {@code max_completion_tokens} (its reasoning
 *     models reject {@code max_tokens}); every other server takes {@code max_tokens}
 */
public record OpenAiDialect(String providerName, String maxTokensField) {

    public static OpenAiDialect of(ProviderConfig provider) {
        String host = provider.apiBaseUrl().getHost();
        boolean openAi = host != null && host.toLowerCase(Locale.ROOT).equals("api.openai.com");
        return new OpenAiDialect(provider.name(), openAi ? "max_completion_tokens" : "max_tokens");
    }
}
