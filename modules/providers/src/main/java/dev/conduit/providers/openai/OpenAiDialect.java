package dev.conduit.providers.openai;

import dev.conduit.config.ProviderConfig;
import dev.conduit.protocol.anthropic.MessagesRequest;
import dev.conduit.protocol.anthropic.Thinking;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What differs between OpenAI-compatible servers in the parts of the API this adapter uses.
 *
 * @param providerName the configured name, for messages
 * @param openAi whether this is OpenAI's own API: it takes {@code max_completion_tokens} (its
 *     reasoning models reject {@code max_tokens}) and {@code reasoning_effort} on its reasoning
 *     models
 * @param readsPdfs whether the server takes PDFs as {@code file} content parts (OpenAI,
 *     OpenRouter)
 * @param returnsReasoning whether the server requires the reasoning of an assistant turn that
 *     called tools sent back as {@code reasoning_content} (DeepSeek in thinking mode answers 400
 *     without it)
 * @param openRouter whether this is OpenRouter, which passes cache breakpoints on to the
 *     providers that take them
 */
public record OpenAiDialect(String providerName, boolean openAi, boolean readsPdfs, boolean returnsReasoning,
        boolean openRouter) {

    /** OpenAI's reasoning models: o1, o3, o4-mini…, gpt-5 and later. */
    private static final Pattern OPENAI_REASONING_MODEL = Pattern.compile("^(o\\d|gpt-[5-9]).*");

    /** Budgets up to these sizes map to the named effort; larger ones are "high". */
    private static final int LOW_BUDGET = 4096;
    private static final int MEDIUM_BUDGET = 16384;

    public static OpenAiDialect of(ProviderConfig provider) {
        String host = provider.apiBaseUrl().getHost() == null ? "" : provider.apiBaseUrl().getHost().toLowerCase(Locale.ROOT);
        boolean openAi = host.equals("api.openai.com");
        boolean openRouter = host.equals("openrouter.ai");
        return new OpenAiDialect(provider.name(), openAi, openAi || openRouter, host.equals("api.deepseek.com"), openRouter);
    }

    /**
     * Whether {@code cache_control} breakpoints are kept: on OpenRouter for Anthropic's models,
     * which cache only by breakpoint (claude-code-router's {@code openrouter} transformer keeps
     * them for those alone); everywhere else the field is unknown, and prompt caching, where
     * there is any, is automatic.
     */
    boolean cachesPrompts(String model) {
        return openRouter && model.toLowerCase(Locale.ROOT).startsWith("anthropic/");
    }

    String maxTokensField() {
        return openAi ? "max_completion_tokens" : "max_tokens";
    }

    /**
     * The {@code reasoning_effort} for a request, or null to send none. Only OpenAI's reasoning
     * models get one: elsewhere the field is unknown or rejected (servers that take reasoning
     * options get them from transformers such as {@code reasoning} or {@code openrouter}).
     * {@code output_config.effort} wins; else a thinking budget maps to low, medium or high, and
     * adaptive thinking to medium.
     */
    String reasoningEffort(MessagesRequest request, String model) {
        if (!openAi || !OPENAI_REASONING_MODEL.matcher(model.toLowerCase(Locale.ROOT)).matches()) {
            return null;
        }
        if (request.effort() != null) {
            return switch (request.effort()) {
                case "low", "medium", "high", "minimal" -> request.effort();
                default -> "high";
            };
        }
        return switch (request.thinking()) {
            case null -> null;
            case Thinking.Disabled disabled -> null;
            case Thinking.Adaptive adaptive -> "medium";
            case Thinking.Enabled enabled when enabled.budgetTokens() <= LOW_BUDGET -> "low";
            case Thinking.Enabled enabled when enabled.budgetTokens() <= MEDIUM_BUDGET -> "medium";
            case Thinking.Enabled enabled -> "high";
        };
    }
}
