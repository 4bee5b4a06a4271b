package dev.conduit.config;

import static dev.conduit.config.Configs.onlyProvider;
import static dev.conduit.config.Configs.parse;
import static dev.conduit.config.Configs.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValidationTest {

    private static final String DEEPSEEK = """
            {"name": "deepseek", "api_base_url": "https://api.deepseek.com/chat/completions", \
            "models": ["deepseek-chat", "deepseek-reasoner"]}""";

    @Test
    void aRouteToAnUnknownProviderNamesTheKnownOnes() {
        String message = rejection("""
                {
                  "Providers": [
                    {"name": "deepseek", "api_base_url": "https://api.deepseek.com/chat/completions"},
                    {"name": "openrouter", "api_base_url": "https://openrouter.ai/api/v1/chat/completions"}
                  ],
                  "Router": {
                    "default": "foo,some-model"
                  }
                }
                """);

        assertThat(message).isEqualTo(
                "config.json:7:16: Router.default: provider \"foo\" is not in Providers (known: deepseek, openrouter)");
    }

    @Test
    void aRouteWithoutProvidersSaysThereAreNone() {
        assertThat(rejection("{\"Router\": {\"think\": \"deepseek,deepseek-reasoner\"}}")).isEqualTo(
                "config.json:1:22: Router.think: provider \"deepseek\" is not in Providers (there are no providers)");
    }

    @Test
    void anApiBaseUrlMustBeAnAbsoluteHttpUrl() {
        String message = rejection("""
                {
                  "Providers": [
                    {
                      "name": "local",
                      "api_base_url": "localhost:8080/v1/chat/completions"
                    }
                  ]
                }
                """);

        assertThat(message).isEqualTo("config.json:5:23: Providers[0].api_base_url: must be an absolute http or https"
                + " URL, like https://api.deepseek.com/chat/completions");
    }

    @Test
    void providerNamesMustBeUniqueIgnoringCase() {
        String message = rejection("""
                {
                  "Providers": [
                    {"name": "deepseek", "api_base_url": "https://api.deepseek.com/chat/completions"},
                    {"name": "DeepSeek", "api_base_url": "https://api.deepseek.com/beta/chat/completions"}
                  ]
                }
                """);

        assertThat(message).isEqualTo("config.json:4:14: Providers[1].name: \"DeepSeek\" is already the name of"
                + " Providers[0] (names are compared ignoring case)");
    }

    @Test
    void thePortMustFitInSixteenBits() {
        String message = rejection("""
                {
                  // claude-code-router's port is 3456
                  "PORT": 70000
                }
                """);

        assertThat(message).isEqualTo("config.json:3:11: PORT: must be a port number from 0 to 65535, not 70000");
    }

    @Test
    void aMissingRequiredKeyPointsAtTheEntryThatLacksIt() {
        String message = rejection("""
                {
                  "Providers": [
                    {"name": "deepseek", "models": ["deepseek-chat"]}
                  ]
                }
                """);

        assertThat(message).isEqualTo("config.json:3:5: Providers[0].api_base_url: missing; every provider needs the"
                + " full URL of its chat completions endpoint");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {"PORT": -1}                                      | config.json:1:10: PORT: must be a port number from 0 to 65535, not -1
            {"PORT": "http"}                                  | config.json:1:10: PORT: must be a port number from 0 to 65535, not "http"
            {"PORT": 3456.5}                                  | config.json:1:10: PORT: must be a port number from 0 to 65535, not 3456.5
            {"API_TIMEOUT_MS": 0}                             | config.json:1:20: API_TIMEOUT_MS: must be a positive number of milliseconds, not 0
            {"API_TIMEOUT_MS": "ten minutes"}                 | config.json:1:20: API_TIMEOUT_MS: must be a positive number of milliseconds, not "ten minutes"
            {"LOG_LEVEL": "verbose"}                          | config.json:1:15: LOG_LEVEL: "verbose" is not a log level; use one of fatal, error, warn, info, debug, trace
            {"LOG": "yes"}                                    | config.json:1:9: LOG: must be true or false, not "yes"
            {"NON_INTERACTIVE_MODE": 1}                       | config.json:1:26: NON_INTERACTIVE_MODE: must be true or false, not 1
            {"HOST": 127}                                     | config.json:1:10: HOST: must be a string, not a number
            {"PROXY_URL": "socks5://127.0.0.1:1080"}          | config.json:1:15: PROXY_URL: must be an absolute http or https URL, like http://127.0.0.1:7890
            {"Providers": {"name": "deepseek"}}               | config.json:1:15: Providers: must be an array of providers, not an object
            {"Providers": ["deepseek"]}                       | config.json:1:16: Providers[0]: must be an object with name, api_base_url, api_key and models, not a string
            {"Providers": [{"name": "", "api_base_url": "https://x.io/v1"}]}      | config.json:1:25: Providers[0].name: must not be empty
            {"Providers": [{"name": "a,b", "api_base_url": "https://x.io/v1"}]}   | config.json:1:25: Providers[0].name: must not contain a comma, because routes are written "provider,model"
            {"Providers": [{"name": "x", "api_base_url": "https://x.io/v1", "models": "m"}]}      | config.json:1:75: Providers[0].models: must be an array of model names, not a string
            {"Providers": [{"name": "x", "api_base_url": "https://x.io/v1", "models": ["m", 7]}]}  | config.json:1:81: Providers[0].models[1]: must be a string, not a number
            {"Providers": [{"name": "x", "api_base_url": "https://x.io/v1", "transformer": ["deepseek"]}]} | config.json:1:80: Providers[0].transformer: must be an object like {"use": ["deepseek"]}, not an array
            {"Router": "deepseek,deepseek-chat"}              | config.json:1:12: Router: must be an object like {"default": "provider,model"}, not a string
            {"Router": {"background": "deepseek"}}            | config.json:1:27: Router.background: "deepseek" is not a route; write "provider,model"
            {"Router": {"longContextThreshold": 0}}           | config.json:1:37: Router.longContextThreshold: must be a positive number of tokens, not 0
            """)
    void eachKeyIsChecked(String config, String expectedMessage) {
        assertThat(rejection(config)).isEqualTo(expectedMessage);
    }

    @Test
    void everyProblemIsReportedInTheOrderOfTheFile() {
        String message = rejection("""
                {
                  "PORT": "abc",
                  "Providers": [{"name": "x", "api_base_url": "nope"}],
                  "LOG_LEVEL": "loud"
                }
                """);

        assertThat(message.lines()).containsExactly(
                "config.json:2:11: PORT: must be a port number from 0 to 65535, not \"abc\"",
                "config.json:3:47: Providers[0].api_base_url: must be an absolute http or https URL, like"
                        + " https://api.deepseek.com/chat/completions",
                "config.json:4:16: LOG_LEVEL: \"loud\" is not a log level; use one of fatal, error, warn, info, debug, trace");
    }

    @Test
    void aRouteToAProviderWithABadEntryIsNotReportedTwice() {
        String message = rejection("""
                {
                  "Providers": [{"name": "deepseek", "api_base_url": "api.deepseek.com"}],
                  "Router": {"default": "deepseek,deepseek-chat"}
                }
                """);

        assertThat(message).startsWith("config.json:2:54: Providers[0].api_base_url:").doesNotContain("Router");
    }

    @Test
    void anEmptyObjectIsAValidConfigWithClaudeCodeRoutersDefaults() throws ConfigException {
        ConduitConfig config = parse("{}");

        assertThat(config.providers()).isEmpty();
        assertThat(config.router()).isEqualTo(RouterConfig.empty());
        assertThat(config.apiKey()).isEmpty();
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(3456);
        assertThat(config.log()).isFalse();
        assertThat(config.logLevel()).isEqualTo("info");
        assertThat(config.apiTimeout()).isEqualTo(Duration.ofMillis(600_000));
        assertThat(config.proxyUrl()).isEmpty();
        assertThat(config.nonInteractiveMode()).isFalse();
        assertThat(config.router().longContextThreshold()).isEqualTo(60_000);
        assertThat(config.warnings()).isEmpty();
        assertThat(config.source()).isEqualTo(Configs.SOURCE);
    }

    @Test
    void numbersAndSwitchesMayBeWrittenAsStrings() throws ConfigException {
        ConduitConfig config = parse("""
                {"PORT": "0", "API_TIMEOUT_MS": " 120000 ", "LOG": "TRUE", "NON_INTERACTIVE_MODE": "false",
                 "LOG_LEVEL": "Debug", "PROXY_URL": "http://127.0.0.1:7890", "HOST": " 0.0.0.0 "}
                """);

        assertThat(config.port()).isZero();
        assertThat(config.apiTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.log()).isTrue();
        assertThat(config.nonInteractiveMode()).isFalse();
        assertThat(config.logLevel()).isEqualTo("debug");
        assertThat(config.proxyUrl()).contains("http://127.0.0.1:7890");
        assertThat(config.host()).isEqualTo("0.0.0.0");
    }

    @Test
    void emptyStringsAndNullMeanNotSet() throws ConfigException {
        ConduitConfig config = parse("""
                {"APIKEY": "", "PROXY_URL": "", "HOST": null,
                 "Providers": [%s],
                 "Router": {"default": "deepseek,deepseek-chat", "background": "", "think": null}}
                """.formatted(DEEPSEEK));

        assertThat(config.apiKey()).isEmpty();
        assertThat(config.proxyUrl()).isEmpty();
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.router().background()).isEmpty();
        assertThat(config.router().think()).isEmpty();
    }

    @Test
    void apiKeysMayBeOneOrManyAndEmptyMeansNone() throws ConfigException {
        ConduitConfig config = parse("""
                {"Providers": [
                  {"name": "one", "api_base_url": "https://a.io/v1/chat/completions", "api_key": "k1"},
                  {"name": "many", "api_base_url": "https://b.io/v1/chat/completions", "api_key": ["k2", "", "k3"]},
                  {"name": "none", "api_base_url": "http://localhost:8000/v1/chat/completions", "api_key": ""}
                ]}
                """);

        assertThat(config.provider("one").orElseThrow().apiKeys()).extracting(Secret::reveal).containsExactly("k1");
        assertThat(config.provider("many").orElseThrow().apiKeys()).extracting(Secret::reveal).containsExactly("k2", "k3");
        assertThat(config.provider("none").orElseThrow().apiKeys()).isEmpty();
    }

    @Test
    void theBaseUrlIsUsedExactlyAsWritten() throws ConfigException {
        ConduitConfig config = parse("""
                {"Providers": [{"name": "gemini", "api_base_url": "https://generativelanguage.googleapis.com/v1beta/models/"}]}
                """);

        assertThat(onlyProvider(config).apiBaseUrl())
                .isEqualTo(URI.create("https://generativelanguage.googleapis.com/v1beta/models/"));
    }

    @Test
    void routesMatchProviderNamesIgnoringCaseAndUseTheDeclaredName() throws ConfigException {
        ConduitConfig config = parse("""
                {"Providers": [%s], "Router": {"default": "DeepSeek, deepseek-chat"}}
                """.formatted(DEEPSEEK));

        assertThat(config.router().defaultRoute()).contains(new Route.Single(new RouteTarget("deepseek", "deepseek-chat")));
    }

    @Test
    void aModelTheProviderDoesNotListIsOnlyAWarning() throws ConfigException {
        ConduitConfig config = parse("""
                {
                  "Providers": [%s],
                  "Router": {"default": "deepseek,deepseek-chat", "think": "deepseek,deepseek-r2"}
                }
                """.formatted(DEEPSEEK));

        assertThat(config.router().think()).contains(new Route.Single(new RouteTarget("deepseek", "deepseek-r2")));
        assertThat(config.warnings()).containsExactly("config.json:3:60: Router.think: model \"deepseek-r2\" is not in"
                + " the models of provider \"deepseek\"; it is used anyway");
    }

    @Test
    void providersWithoutADefaultRouteAreWarnedAbout() throws ConfigException {
        ConduitConfig config = parse("{\"Providers\": [%s]}".formatted(DEEPSEEK));

        assertThat(config.warnings()).containsExactly("config.json:1:1: Router.default: not set, so requests that no"
                + " other route takes have nowhere to go; write \"provider,model\"");
    }

    @Test
    void theLegacyLowercaseProvidersKeyIsAccepted() throws ConfigException {
        ConduitConfig config = parse("""
                {"providers": [%s], "Router": {"default": "deepseek,deepseek-chat"}}
                """.formatted(DEEPSEEK));

        assertThat(config.providers()).extracting(ProviderConfig::name).containsExactly("deepseek");
    }

    @Test
    void problemsUnderTheLegacyKeyAreReportedUnderIt() {
        assertThat(rejection("{\"providers\": [{\"name\": \"x\"}]}")).startsWith("config.json:1:16: providers[0].api_base_url:");
    }

    @Test
    void aJavaScriptRouterIsIgnoredWithAnExplanation() throws ConfigException {
        ConduitConfig config = parse("""
                {
                  "CUSTOM_ROUTER_PATH": "$HOME/.claude-code-router/custom-router.js"
                }
                """);

        assertThat(config.warnings()).contains("config.json:2:25: CUSTOM_ROUTER_PATH: JavaScript routers cannot run in"
                + " Conduit, so this one is ignored; write its logic as Router.rules instead (see docs/CONFIG.md)");
    }

    @Test
    void javaScriptTransformerPluginsAreIgnoredWithAnExplanation() throws ConfigException {
        ConduitConfig config = parse("""
                {
                  "transformers": [{"path": "/home/me/.claude-code-router/plugins/gemini-cli.js"}]
                }
                """);

        assertThat(config.warnings()).containsExactly("config.json:2:19: transformers: custom JavaScript transformer"
                + " plugins cannot run in Conduit, so these are ignored; only the built-in transformers apply"
                + " (see docs/CONFIG.md)");
        assertThat(parse("{\"transformers\": []}").warnings()).isEmpty();
    }

    @Test
    void unknownTopLevelKeysAreIgnored() throws ConfigException {
        ConduitConfig config = parse("""
                {"StatusLine": {"enabled": true}, "CLAUDE_PATH": "/usr/local/bin/claude", "PORT": 3457}
                """);

        assertThat(config.port()).isEqualTo(3457);
        assertThat(config.warnings()).isEmpty();
    }
}
