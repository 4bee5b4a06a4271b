package dev.conduit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Router of claude-code-router's project and session files, read against the config's providers. */
class RouterOverrideConfigTest {

    private static final Path PROJECT_FILE = Path.of("/home/me/.claude-code-router/-home-me-app/config.json");
    private final ConfigLoader loader = new ConfigLoader(Map.of("THINK", "deepseek,deepseek-reasoner"),
            Path.of("/home/me"), Configs.NO_OLLAMA);

    private ConduitConfig base() throws ConfigException {
        return Configs.parse("""
                {"Providers": [{"name": "DeepSeek", "api_base_url": "https://api.deepseek.com/chat/completions",
                                "models": ["deepseek-chat", "deepseek-reasoner"]}],
                 "Router": {"default": "deepseek,deepseek-chat"}}""");
    }

    @Test
    void theRouterIsReadWithTheConfigsProvidersAndVariables() throws ConfigException {
        RouterConfig router = loader.parseRouter("{\"Router\": {\"think\": \"$THINK\", \"longContextThreshold\": 1000}}",
                PROJECT_FILE, base()).orElseThrow();

        assertThat(router.think()).contains(new Route.Single(new RouteTarget("DeepSeek", "deepseek-reasoner")));
        assertThat(router.longContextThreshold()).isEqualTo(1000);
        assertThat(router.defaultRoute()).isEmpty();
    }

    @Test
    void aFileWithoutRouterHasNone() throws ConfigException {
        assertThat(loader.parseRouter("{\"Providers\": []}", PROJECT_FILE, base())).isEmpty();
    }

    @Test
    void errorsNameTheFileAndPosition() {
        assertThatThrownBy(() -> loader.parseRouter("{\"Router\": {\"think\": \"groq,llama\"}}", PROJECT_FILE, base()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(PROJECT_FILE + ":1:22: Router.think: provider \"groq\" is not in Providers (known: DeepSeek)");
    }
}
