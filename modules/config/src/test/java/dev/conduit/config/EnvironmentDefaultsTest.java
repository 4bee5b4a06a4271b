package dev.conduit.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvironmentDefaultsTest {

    private static final Path HOME = Path.of("/home/nobody");

    private static ConduitConfig defaults(Map<String, String> environment) {
        return new ConfigLoader(environment, HOME, Configs.NO_OLLAMA).defaults();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            OPENAI_API_KEY     | openai     | https://api.openai.com/v1/chat/completions                                | gpt-5 gpt-5-mini
            OPENROUTER_API_KEY | openrouter | https://openrouter.ai/api/v1/chat/completions                             | anthropic/claude-sonnet-4.5
            DEEPSEEK_API_KEY   | deepseek   | https://api.deepseek.com/chat/completions                                 | deepseek-chat deepseek-reasoner
            GROQ_API_KEY       | groq       | https://api.groq.com/openai/v1/chat/completions                           | openai/gpt-oss-120b
            GEMINI_API_KEY     | gemini     | https://generativelanguage.googleapis.com/v1beta/openai/chat/completions | gemini-2.5-flash gemini-2.5-pro
            ANTHROPIC_API_KEY  | anthropic  | https://api.anthropic.com/v1/messages                                     | claude-sonnet-4-5
            """)
    void eachKnownKeyVariableBringsItsProvider(String variable, String name, String url, String models) {
        ConduitConfig config = defaults(Map.of(variable, "key-from-" + variable));

        ProviderConfig provider = Configs.onlyProvider(config);
        assertThat(provider.name()).isEqualTo(name);
        assertThat(provider.apiBaseUrl()).isEqualTo(URI.create(url));
        assertThat(provider.apiKeys()).extracting(Secret::reveal).containsExactly("key-from-" + variable);
        assertThat(provider.models()).containsExactly(models.split(" "));
        assertThat(config.router().defaultRoute()).contains(new Route.Single(new RouteTarget(name, models.split(" ")[0])));
        assertThat(config.source()).isEqualTo(new ConfigSource.Environment(List.of(variable)));
    }

    @Test
    void theFirstProviderInTheFixedOrderTakesTheDefaultRoute() {
        ConduitConfig config = defaults(Map.of(
                "ANTHROPIC_API_KEY", "sk-ant",
                "DEEPSEEK_API_KEY", "sk-ds",
                "OPENAI_API_KEY", "sk-oai"));

        assertThat(config.providers()).extracting(ProviderConfig::name).containsExactly("openai", "deepseek", "anthropic");
        assertThat(config.router().defaultRoute()).contains(new Route.Single(new RouteTarget("openai", "gpt-5")));
        assertThat(config.router().think()).isEmpty();
        assertThat(config.source().toString())
                .isEqualTo("no config file; providers from OPENAI_API_KEY, DEEPSEEK_API_KEY, ANTHROPIC_API_KEY");
    }

    @Test
    void deepSeekAsTheDefaultThinksWithItsReasoner() {
        ConduitConfig config = defaults(Map.of("DEEPSEEK_API_KEY", "sk-ds", "GEMINI_API_KEY", "gm"));

        assertThat(config.router().defaultRoute()).contains(new Route.Single(new RouteTarget("deepseek", "deepseek-chat")));
        assertThat(config.router().think()).contains(new Route.Single(new RouteTarget("deepseek", "deepseek-reasoner")));
    }

    @Test
    void blankVariablesDoNotCount() {
        assertThat(defaults(Map.of("OPENAI_API_KEY", "  ")).providers()).isEmpty();
    }

    @Test
    void withNothingThereAreNoProvidersAndNoRoutesAndTheRestIsDefault() {
        ConduitConfig config = defaults(Map.of("HOME", "/home/nobody"));

        assertThat(config.providers()).isEmpty();
        assertThat(config.router()).isEqualTo(RouterConfig.empty());
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(3456);
        assertThat(config.apiTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.apiKey()).isEmpty();
        assertThat(config.warnings()).isEmpty();
        assertThat(config.source().toString()).isEqualTo("no config file, no provider keys in the environment");
    }

    @Test
    void aRunningOllamaIsOfferedWithItsModels() {
        List<URI> asked = new ArrayList<>();
        OllamaProbe probe = baseUrl -> {
            asked.add(baseUrl);
            return Optional.of(List.of("qwen3:8b", "llama3.2:latest"));
        };

        ConduitConfig config = new ConfigLoader(Map.of(), HOME, probe).defaults();

        assertThat(asked).containsExactly(URI.create("http://127.0.0.1:11434"));
        ProviderConfig ollama = Configs.onlyProvider(config);
        assertThat(ollama.name()).isEqualTo("ollama");
        assertThat(ollama.apiBaseUrl()).isEqualTo(URI.create("http://127.0.0.1:11434/v1/chat/completions"));
        assertThat(ollama.apiKeys()).isEmpty();
        assertThat(ollama.models()).containsExactly("qwen3:8b", "llama3.2:latest");
        assertThat(config.router().defaultRoute()).contains(new Route.Single(new RouteTarget("ollama", "qwen3:8b")));
        assertThat(config.source()).isEqualTo(new ConfigSource.Environment(List.of("ollama at http://127.0.0.1:11434")));
    }

    @Test
    void ollamaComesAfterTheKeyedProviders() {
        OllamaProbe probe = baseUrl -> Optional.of(List.of("qwen3:8b"));

        ConduitConfig config = new ConfigLoader(Map.of("GROQ_API_KEY", "gsk"), HOME, probe).defaults();

        assertThat(config.providers()).extracting(ProviderConfig::name).containsExactly("groq", "ollama");
        assertThat(config.router().defaultRoute()).contains(new Route.Single(new RouteTarget("groq", "openai/gpt-oss-120b")));
    }

    @Test
    void anOllamaWithoutModelsIsOfferedButTakesNoRoute() {
        ConduitConfig config = new ConfigLoader(Map.of(), HOME, baseUrl -> Optional.of(List.of())).defaults();

        assertThat(config.providers()).extracting(ProviderConfig::name).containsExactly("ollama");
        assertThat(config.router().defaultRoute()).isEmpty();
    }

    @Test
    void anOllamaThatDoesNotAnswerIsLeftOut() {
        assertThat(defaults(Map.of()).providers()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            gpu-box:11500               | http://gpu-box:11500
            gpu-box                     | http://gpu-box:11434
            0.0.0.0                     | http://0.0.0.0:11434
            http://gpu-box              | http://gpu-box
            https://ollama.example.com/ | https://ollama.example.com
            http://10.0.0.7:8080/ollama | http://10.0.0.7:8080/ollama
            """)
    void ollamaHostIsReadLikeOllamaReadsIt(String ollamaHost, String expectedBase) {
        List<URI> asked = new ArrayList<>();
        OllamaProbe probe = baseUrl -> {
            asked.add(baseUrl);
            return Optional.of(List.of("qwen3:8b"));
        };

        ConduitConfig config = new ConfigLoader(Map.of("OLLAMA_HOST", ollamaHost), HOME, probe).defaults();

        assertThat(asked).containsExactly(URI.create(expectedBase));
        assertThat(Configs.onlyProvider(config).apiBaseUrl()).isEqualTo(URI.create(expectedBase + "/v1/chat/completions"));
    }

    @Test
    void anUnreadableOllamaHostIsExplainedInsteadOfProbed() {
        List<URI> asked = new ArrayList<>();
        OllamaProbe probe = baseUrl -> {
            asked.add(baseUrl);
            return Optional.of(List.of());
        };

        ConduitConfig config = new ConfigLoader(Map.of("OLLAMA_HOST", "ftp://files"), HOME, probe).defaults();

        assertThat(asked).isEmpty();
        assertThat(config.warnings())
                .containsExactly("OLLAMA_HOST is neither host:port nor an http URL, so no local Ollama was looked for");
    }

    @Test
    void theBuiltInProbeAsksOllamaForItsTags() throws IOException {
        try (FakeOllama ollama = new FakeOllama("""
                {"models": [{"name": "qwen3:8b", "size": 5200000000}, {"name": "llama3.2:latest"}]}
                """)) {
            ConduitConfig config = new ConfigLoader(Map.of("OLLAMA_HOST", ollama.hostPort()), HOME).defaults();

            assertThat(Configs.onlyProvider(config).models()).containsExactly("qwen3:8b", "llama3.2:latest");
            assertThat(config.source().toString())
                    .isEqualTo("no config file; providers from ollama at http://" + ollama.hostPort());
        }
    }

    @Test
    void theBuiltInProbeIgnoresAServerThatIsNotOllama() throws IOException {
        try (FakeOllama other = new FakeOllama("{\"status\": \"ok\"}")) {
            ConduitConfig config = new ConfigLoader(Map.of("OLLAMA_HOST", other.hostPort()), HOME).defaults();

            assertThat(config.providers()).isEmpty();
        }
    }

    @Test
    void theBuiltInProbeGivesUpQuicklyWhenNothingListens() throws IOException {
        FakeOllama closed = new FakeOllama("{}");
        String hostPort = closed.hostPort();
        closed.close();

        long started = System.nanoTime();
        ConduitConfig config = new ConfigLoader(Map.of("OLLAMA_HOST", hostPort), HOME).defaults();

        assertThat(config.providers()).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }
}
