package dev.conduit.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The transformer names claude-code-router has built in, and what each means in Conduit. Names
 * are matched ignoring case, as claude-code-router matches them.
 */
public enum KnownTransformer {
    ANTHROPIC("anthropic", Support.ADAPTER, "selects the Anthropic API"),
    OPENAI("openai", Support.ADAPTER, "selects the OpenAI Chat Completions API"),
    GEMINI("gemini", Support.ADAPTER, "selects Gemini's own API"),
    DEEPSEEK("deepseek", Support.APPLIED, ""),
    OPENROUTER("openrouter", Support.APPLIED, ""),
    VERCEL("vercel", Support.APPLIED, ""),
    GROQ("groq", Support.APPLIED, ""),
    GLM("glm", Support.APPLIED, ""),
    MAXTOKEN("maxtoken", Support.APPLIED, ""),
    MAXCOMPLETIONTOKENS("maxcompletiontokens", Support.APPLIED, ""),
    SAMPLING("sampling", Support.APPLIED, ""),
    REASONING("reasoning", Support.APPLIED, ""),
    CLEANCACHE("cleancache", Support.APPLIED, ""),
    ENHANCETOOL("enhancetool", Support.APPLIED, ""),
    TOOLUSE("tooluse", Support.APPLIED, ""),
    CUSTOMPARAMS("customparams", Support.APPLIED, ""),
    STREAMOPTIONS("streamoptions", Support.APPLIED, ""),
    CEREBRAS("cerebras", Support.NO_EFFECT,
            "Conduit already sends what Cerebras accepts (text as plain strings, no cache_control)"),
    FORCEREASONING("forcereasoning", Support.NO_EFFECT,
            "Conduit does not prompt models to write their reasoning in tags, so requests are sent without it"),
    VERTEX_GEMINI("vertex-gemini", Support.UNSUPPORTED,
            "it needs Google Cloud (Vertex AI) authentication, which Conduit does not do;"
                    + " use a Gemini API key with the \"gemini\" transformer instead"),
    VERTEX_CLAUDE("vertex-claude", Support.UNSUPPORTED,
            "it needs Google Cloud (Vertex AI) authentication, which Conduit does not do"),
    OPENAI_RESPONSES("openai-responses", Support.UNSUPPORTED,
            "Conduit does not speak OpenAI's Responses API; use the chat completions endpoint"
                    + " (https://api.openai.com/v1/chat/completions) without this transformer");

    /** What Conduit does with a name. */
    public enum Support {
        /** Conduit applies it to requests and answers. */
        APPLIED,
        /** It only chooses which API the provider speaks. */
        ADAPTER,
        /** Accepted with a warning: it would change nothing, or nothing that matters, in Conduit. */
        NO_EFFECT,
        /** Rejected: Conduit cannot do what it needs. */
        UNSUPPORTED
    }

    private final String configName;
    private final Support support;
    private final String note;

    KnownTransformer(String configName, Support support, String note) {
        this.configName = configName;
        this.support = support;
        this.note = note;
    }

    /** The name as claude-code-router spells it. */
    public String configName() {
        return configName;
    }

    public Support support() {
        return support;
    }

    /** Why a name has no effect or is not supported; empty for the others. */
    public String note() {
        return note;
    }

    /** The transformer named {@code name}, ignoring case. */
    public static Optional<KnownTransformer> find(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(known -> known.configName.equals(wanted)).findFirst();
    }
}
