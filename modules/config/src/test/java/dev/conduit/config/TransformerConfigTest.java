package dev.conduit.config;

import static dev.conduit.config.Configs.onlyProvider;
import static dev.conduit.config.Configs.parse;
import static dev.conduit.config.Configs.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The {@code transformer} object and the {@code type} key of a provider, read and validated. */
class TransformerConfigTest {

    /** A config with one provider whose other keys are {@code fields}, on line 3 onwards. */
    private static String provider(String fields) {
        return """
                {
                  "Providers": [{"name": "p", "api_base_url": "https://example.com/v1/chat/completions",
                    "models": ["chat", "Reasoner"],
                    %s
                  }],
                  "Router": {"default": "p,chat"}
                }
                """.formatted(fields);
    }

    private static List<String> names(List<TransformerEntry> entries) {
        return entries.stream().map(entry -> entry.transformer().configName()).toList();
    }

    @Test
    void providerLevelEntriesComeFirstThenTheModelsOwn() throws ConfigException {
        ProviderConfig provider = onlyProvider(parse(provider("""
                "transformer": {
                  "use": ["DeepSeek", ["maxtoken", {"max_tokens": "$MAX"}]],
                  "chat": {"use": ["tooluse", "enhancetool"]},
                  "reasoner": {"use": [["reasoning", {"enable": "false"}]]}
                }"""), Map.of("MAX", "65536")));

        TransformerSettings settings = provider.transformers();
        assertThat(names(settings.forModel("chat"))).containsExactly("deepseek", "maxtoken", "tooluse", "enhancetool");
        assertThat(names(settings.forModel("Reasoner"))).containsExactly("deepseek", "maxtoken", "reasoning");
        assertThat(names(settings.forModel("another-model"))).containsExactly("deepseek", "maxtoken");
        // numbers and flags from variables arrive as JSON numbers and booleans
        assertThat(settings.forAllModels().get(1).options().get("max_tokens").isIntegralNumber()).isTrue();
        assertThat(settings.forAllModels().get(1).options().get("max_tokens").intValue()).isEqualTo(65536);
        assertThat(settings.forModel("reasoner").get(2).options().get("enable").booleanValue()).isFalse();
        assertThat(settings.uses(KnownTransformer.ENHANCETOOL)).isTrue();
        assertThat(settings.uses(KnownTransformer.GROQ)).isFalse();
    }

    @Test
    void anUnknownNameIsAnErrorThatNamesItAndWhereItIs() {
        String message = rejection(provider("\"transformer\": {\"use\": [\"deepseek\", \"foo\"]}"));

        assertThat(message).isEqualTo("config.json:4:41: Providers[0].transformer.use[1]: unknown transformer \"foo\";"
                + " known: anthropic, cerebras, cleancache, customparams, deepseek, enhancetool, forcereasoning, gemini,"
                + " glm, groq, maxcompletiontokens, maxtoken, openai, openrouter, reasoning, sampling, streamoptions,"
                + " tooluse, vercel");
    }

    @Test
    void anUnknownNameWithJavaScriptPluginsConfiguredSaysThoseCannotBeUsed() {
        String message = rejection("""
                {
                  "transformers": [{"path": "/home/me/.claude-code-router/plugins/gemini-cli.js"}],
                  "Providers": [{"name": "p", "api_base_url": "https://example.com/v1/chat/completions",
                    "transformer": {"use": [["gemini-cli", {"project": "x"}]]}}]
                }
                """);

        assertThat(message).startsWith("config.json:4:29: Providers[0].transformer.use[0]: unknown transformer"
                + " \"gemini-cli\"; known: anthropic,").endsWith(
                " (names of JavaScript transformer plugins cannot be used: Conduit does not run them)");
    }

    @Test
    void transformersConduitCannotRunAreErrorsThatSayWhy() {
        String message = rejection(provider("""
                "transformer": {"use": ["vertex-gemini"], "chat": {"use": [["openai-responses", {}]]}}"""));

        assertThat(message).isEqualTo("""
                config.json:4:29: Providers[0].transformer.use[0]: "vertex-gemini" is not supported by Conduit: it needs\
                 Google Cloud (Vertex AI) authentication, which Conduit does not do; use a Gemini API key with the\
                 "gemini" transformer instead
                config.json:4:64: Providers[0].transformer.chat.use[0]: "openai-responses" is not supported by Conduit:\
                 Conduit does not speak OpenAI's Responses API; use the chat completions endpoint\
                 (https://api.openai.com/v1/chat/completions) without this transformer""");
    }

    @Test
    void transformersWithoutEffectHereLoadWithAWarning() throws ConfigException {
        ConduitConfig config = parse(provider("\"transformer\": {\"use\": [\"cerebras\", \"ForceReasoning\"]}"));

        assertThat(config.warnings()).containsExactly(
                "config.json:4:29: Providers[0].transformer.use[0]: \"cerebras\" has no effect in Conduit: Conduit"
                        + " already sends what Cerebras accepts (text as plain strings, no cache_control)",
                "config.json:4:41: Providers[0].transformer.use[1]: \"ForceReasoning\" has no effect in Conduit:"
                        + " Conduit does not prompt models to write their reasoning in tags, so requests are sent"
                        + " without it");
        assertThat(names(onlyProvider(config).transformers().forModel("chat"))).containsExactly("cerebras", "forcereasoning");
    }

    @Test
    void aModelKeyMustNameOneOfTheProvidersModels() {
        String message = rejection(provider("\"transformer\": {\"use\": [], \"chatt\": {\"use\": [\"tooluse\"]}}"));

        assertThat(message).isEqualTo("config.json:4:41: Providers[0].transformer.chatt: \"chatt\" is not one of this"
                + " provider's models (chat, Reasoner); a key other than \"use\" names the model its transformers are for");
    }

    @Test
    void entriesOfTheWrongShapeAreErrors() {
        String message = rejection(provider("""
                "transformer": {"use": [5, ["maxtoken", 8192], [], ""], "chat": ["tooluse"], "Reasoner": {"use": "x"}}"""));

        assertThat(message).isEqualTo("""
                config.json:4:29: Providers[0].transformer.use[0]: must be a transformer name or [name, {options}], not 5
                config.json:4:32: Providers[0].transformer.use[1]: must be a transformer name or [name, {options}], not\
                 an array
                config.json:4:52: Providers[0].transformer.use[2]: must be a transformer name or [name, {options}], not\
                 an array
                config.json:4:56: Providers[0].transformer.use[3]: must name a transformer, not be empty
                config.json:4:69: Providers[0].transformer.chat: must be an object like {"use": ["tooluse"]}, not an array
                config.json:4:102: Providers[0].transformer.Reasoner.use: must be an array of transformers, like\
                 ["deepseek", ["maxtoken", {"max_tokens": 8192}]], not a string""");
    }

    @Test
    void optionsOfTheWrongTypeAreErrors() {
        String message = rejection(provider("""
                "transformer": {"use": [["maxtoken", {"max_tokens": "lots"}], ["sampling", {"temperature": "hot",
                  "top_k": 1.5}], ["reasoning", {"enable": "yes"}], ["openrouter", {"providerOrder": "anthropic"}]]}"""));

        assertThat(message).isEqualTo("""
                config.json:4:57: Providers[0].transformer.use[0][1].max_tokens: must be a positive whole number, not\
                 "lots"
                config.json:4:96: Providers[0].transformer.use[1][1].temperature: must be a number, not "hot"
                config.json:5:12: Providers[0].transformer.use[1][1].top_k: must be a whole number, not 1.5
                config.json:5:44: Providers[0].transformer.use[2][1].enable: must be true or false, not "yes"
                config.json:5:86: Providers[0].transformer.use[3][1].providerOrder: must be an array of provider names,\
                 like ["anthropic", "google-vertex"], not a string""");
    }

    @Test
    void maxtokenWithoutAMaximumIsAWarning() throws ConfigException {
        ConduitConfig config = parse(provider("\"transformer\": {\"use\": [\"maxtoken\", [\"maxtoken\", {\"maxTokens\": 100}]]}"));

        assertThat(config.warnings()).containsExactly("config.json:4:29: Providers[0].transformer.use[0]: \"maxtoken\""
                + " has no effect without an option like {\"max_tokens\": 16384}");
        // claude-code-router also reads the camel-case spelling
        assertThat(onlyProvider(config).transformers().forAllModels().get(1).options().toString())
                .isEqualTo("{\"max_tokens\":100}");
    }

    @Test
    void transformersOnAProviderSpeakingGeminisOwnApiAreAWarning() throws ConfigException {
        assertThat(parse(provider("\"transformer\": {\"use\": [\"gemini\", \"enhancetool\"], \"chat\": {\"use\": [\"tooluse\"]}}"))
                .warnings()).containsExactly("config.json:4:20: Providers[0].transformer: enhancetool, tooluse have no effect"
                        + " on a provider that speaks Gemini's own API; they adapt OpenAI Chat Completions requests");
        assertThat(parse(provider("\"type\": \"openai\", \"transformer\": {\"use\": [\"gemini\", \"enhancetool\"]}"))
                .warnings()).isEmpty();
    }

    @Test
    void theTypeNamesTheApiAProviderSpeaks() throws ConfigException {
        assertThat(onlyProvider(parse(provider("\"type\": \"Gemini\""))).type()).contains(ProviderType.GEMINI);
        assertThat(onlyProvider(parse(provider("\"type\": \"anthropic\""))).type()).contains(ProviderType.ANTHROPIC);
        assertThat(onlyProvider(parse(provider("\"models\": []"))).type()).isEmpty();
    }

    @Test
    void anUnknownTypeIsAnErrorThatSaysWhichAreKnown() {
        assertThat(rejection(provider("\"type\": \"claude\""))).isEqualTo("config.json:4:13: Providers[0].type: \"claude\""
                + " is not a provider type; use \"openai\", \"anthropic\" or \"gemini\"");
        assertThat(rejection(provider("\"type\": 5"))).isEqualTo(
                "config.json:4:13: Providers[0].type: must be a string, not a number");
    }

    @Test
    void aProviderBuiltInCodeReadsItsTransformersLeavingOutWhatIsNotValid() {
        ProviderConfig provider = new ProviderConfig("p", URI.create("http://localhost/v1/chat/completions"), List.of(),
                List.of("m"), JsonMapper.shared().readTree("""
                        {"use": ["groq", "nope", ["maxtoken", {"max_tokens": 10}]], "m": {"use": ["tooluse"]}}"""));

        assertThat(names(provider.transformers().forModel("m"))).containsExactly("groq", "maxtoken", "tooluse");
        assertThat(provider.type()).isEqualTo(Optional.empty());
        assertThat(new TransformerEntry(KnownTransformer.CUSTOMPARAMS,
                provider.transformers().forAllModels().get(1).options()).toString()).isEqualTo("customparams(options)");
    }
}
