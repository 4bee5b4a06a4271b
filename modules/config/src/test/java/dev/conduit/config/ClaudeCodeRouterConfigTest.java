package dev.conduit.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A config as claude-code-router users have it, comments, plugins and all, loads unchanged. */
class ClaudeCodeRouterConfigTest {

    private static final String CONFIG = """
            {
              "LOG": true,
              "LOG_LEVEL": "debug",
              "CLAUDE_PATH": "",
              "HOST": "127.0.0.1",
              "PORT": 3456,
              "APIKEY": "$CCR_APIKEY",
              "API_TIMEOUT_MS": "600000",
              "PROXY_URL": "",
              "NON_INTERACTIVE_MODE": false,
              "transformers": [
                {
                  "path": "/home/me/.claude-code-router/plugins/gemini-cli.js",
                  "options": {"project": "x"}
                }
              ],
              "Providers": [
                {
                  "name": "openrouter",
                  // IMPORTANT: api_base_url must be a complete (full) URL.
                  "api_base_url": "https://openrouter.ai/api/v1/chat/completions",
                  "api_key": "${OPENROUTER_API_KEY}",
                  "models": [
                    "google/gemini-2.5-pro-preview",
                    "anthropic/claude-sonnet-4",
                    "anthropic/claude-3.7-sonnet:thinking",
                  ],
                  "transformer": {"use": ["openrouter"]}
                },
                {
                  "name": "deepseek",
                  "api_base_url": "https://api.deepseek.com/chat/completions",
                  "api_key": "$DEEPSEEK_API_KEY",
                  "models": ["deepseek-chat", "deepseek-reasoner"],
                  "transformer": {
                    "use": ["deepseek", ["maxtoken", {"max_tokens": 65536}]],
                    "deepseek-chat": {"use": ["tooluse"]}
                  }
                },
                {
                  "name": "ollama",
                  "api_base_url": "http://localhost:11434/v1/chat/completions",
                  "api_key": "ollama",
                  "models": ["qwen2.5-coder:latest"]
                },
                {
                  "name": "modelscope",
                  "api_base_url": "https://api-inference.modelscope.cn/v1/chat/completions",
                  "api_key": "",
                  "models": ["Qwen/Qwen3-Coder-480B-A35B-Instruct", "Qwen/Qwen3-235B-A22B-Thinking-2507"],
                  "transformer": {
                    "use": [["maxtoken", {"max_tokens": 65536}], "enhancetool"],
                    "Qwen/Qwen3-235B-A22B-Thinking-2507": {"use": ["reasoning"]}
                  }
                }
              ],
              "StatusLine": {
                "enabled": true,
                "currentStyle": "default",
                "default": {"modules": [{"type": "model", "icon": "🤖", "text": "{{model}}", "color": "bright_yellow"}]}
              },
              "Router": {
                "default": "deepseek,deepseek-chat",
                "background": "ollama,qwen2.5-coder:latest",
                "think": "deepseek,deepseek-reasoner",
                "longContext": "openrouter,google/gemini-2.5-pro-preview",
                "longContextThreshold": 60000,
                "webSearch": "openrouter,google/gemini-2.5-flash:online",
                "image": ""
              },
              "CUSTOM_ROUTER_PATH": "/home/me/.claude-code-router/custom-router.js"
            }
            """;

    private static final Map<String, String> ENVIRONMENT = Map.of(
            "CCR_APIKEY", "gateway-secret",
            "OPENROUTER_API_KEY", "sk-or-v1-abc",
            "DEEPSEEK_API_KEY", "sk-ds-abc");

    @Test
    void everyProviderLoadsWithItsKeysModelsAndTransformer() throws ConfigException {
        ConduitConfig config = Configs.parse(CONFIG, ENVIRONMENT);

        assertThat(config.providers()).extracting(ProviderConfig::name)
                .containsExactly("openrouter", "deepseek", "ollama", "modelscope");
        ProviderConfig deepseek = config.provider("deepseek").orElseThrow();
        assertThat(deepseek.apiBaseUrl()).isEqualTo(URI.create("https://api.deepseek.com/chat/completions"));
        assertThat(deepseek.apiKeys()).extracting(Secret::reveal).containsExactly("sk-ds-abc");
        assertThat(deepseek.models()).containsExactly("deepseek-chat", "deepseek-reasoner");
        JsonNode transformer = deepseek.transformer();
        assertThat(transformer.get("use").get(0).stringValue()).isEqualTo("deepseek");
        assertThat(transformer.get("use").get(1).get(1).get("max_tokens").intValue()).isEqualTo(65536);
        assertThat(transformer.get("deepseek-chat").get("use").get(0).stringValue()).isEqualTo("tooluse");
        assertThat(config.provider("openrouter").orElseThrow().apiKeys()).extracting(Secret::reveal)
                .containsExactly("sk-or-v1-abc");
        assertThat(config.provider("ollama").orElseThrow().transformer()).isNull();
        assertThat(config.provider("modelscope").orElseThrow().apiKeys()).isEmpty();
    }

    @Test
    void theRoutesAndSettingsAreThoseOfTheFile() throws ConfigException {
        ConduitConfig config = Configs.parse(CONFIG, ENVIRONMENT);

        RouterConfig router = config.router();
        assertThat(router.defaultRoute()).contains(new Route.Single(new RouteTarget("deepseek", "deepseek-chat")));
        assertThat(router.background()).contains(new Route.Single(new RouteTarget("ollama", "qwen2.5-coder:latest")));
        assertThat(router.think()).contains(new Route.Single(new RouteTarget("deepseek", "deepseek-reasoner")));
        assertThat(router.longContext()).contains(new Route.Single(new RouteTarget("openrouter", "google/gemini-2.5-pro-preview")));
        assertThat(router.longContextThreshold()).isEqualTo(60_000);
        assertThat(router.webSearch()).contains(new Route.Single(new RouteTarget("openrouter", "google/gemini-2.5-flash:online")));
        assertThat(router.image()).isEmpty();
        assertThat(config.apiKey()).map(Secret::reveal).contains("gateway-secret");
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(3456);
        assertThat(config.log()).isTrue();
        assertThat(config.logLevel()).isEqualTo("debug");
        assertThat(config.apiTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.proxyUrl()).isEmpty();
        assertThat(config.nonInteractiveMode()).isFalse();
    }

    @Test
    void whatCannotRunHereIsExplainedInWarnings() throws ConfigException {
        ConduitConfig config = Configs.parse(CONFIG, ENVIRONMENT);

        assertThat(config.warnings()).containsExactly(
                "config.json:11:19: transformers: custom JavaScript transformer plugins cannot run in Conduit, so these"
                        + " are ignored; only the built-in transformers apply (see docs/CONFIG.md)",
                "config.json:68:18: Router.webSearch: model \"google/gemini-2.5-flash:online\" is not in the models of"
                        + " provider \"openrouter\"; it is used anyway",
                "config.json:71:25: CUSTOM_ROUTER_PATH: JavaScript routers cannot run in Conduit, so this one is"
                        + " ignored; write its logic as Router.rules instead (see docs/CONFIG.md)");
    }

    @Test
    void keysThatAreNotSetAreNamedButNotTheOthers() throws ConfigException {
        ConduitConfig config = Configs.parse(CONFIG, Map.of("DEEPSEEK_API_KEY", "sk-ds-abc"));

        assertThat(config.warnings()).contains(
                "config.json:7:13: APIKEY: $CCR_APIKEY is not set in the environment, so it stays as written",
                "config.json:22:18: Providers[0].api_key: $OPENROUTER_API_KEY is not set in the environment, so it stays"
                        + " as written");
        assertThat(config.warnings()).noneMatch(warning -> warning.contains("DEEPSEEK_API_KEY"));
    }
}
