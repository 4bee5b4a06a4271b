package dev.conduit.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.config.ConduitConfig;
import dev.conduit.config.ConfigLoader;
import dev.conduit.config.ConfigSource;
import dev.conduit.protocol.Json;
import dev.conduit.protocol.anthropic.AnthropicRequestReader;
import dev.conduit.protocol.anthropic.MessagesRequest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {

    private static ConduitConfig config(String text) throws Exception {
        Path file = Path.of("/tmp/config.json");
        return new ConfigLoader(Map.of(), Path.of("/nonexistent-home"), base -> java.util.Optional.empty())
                .parse(text, file, new ConfigSource.File(file, ConfigSource.Origin.COMMAND_LINE));
    }

    private static final String TWO_PROVIDERS = """
            {Providers: [
               {name: 'DeepSeek', api_base_url: 'https://api.deepseek.com/chat/completions', models: ['deepseek-chat', 'deepseek-reasoner']},
               {name: 'openrouter', api_base_url: 'https://openrouter.ai/api/v1/chat/completions', models: ['Anthropic/Claude-Sonnet-4.5']}],
             Router: {default: 'deepseek,deepseek-chat'}}""";

    private static MessagesRequest request(String model) {
        return AnthropicRequestReader.read(Json.MAPPER.readTree(
                "{\"model\":\"" + model + "\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
    }

    @Test
    void aPlainModelNameGoesToTheDefaultRouteUnderTheProvidersConfiguredName() throws Exception {
        RouteDecision decision = new Router(config(TWO_PROVIDERS)).route(request("claude-sonnet-4-5"));

        assertThat(decision.scenario()).isEqualTo(Scenario.DEFAULT);
        assertThat(decision.target().toString()).isEqualTo("DeepSeek,deepseek-chat");
    }

    @Test
    void anExplicitTargetIsMatchedIgnoringCaseAndSentWithTheConfiguredSpelling() throws Exception {
        RouteDecision decision = new Router(config(TWO_PROVIDERS)).route(request("OPENROUTER,anthropic/claude-sonnet-4.5"));

        assertThat(decision.scenario()).isEqualTo(Scenario.EXPLICIT);
        assertThat(decision.target().provider()).isEqualTo("openrouter");
        assertThat(decision.target().model()).isEqualTo("Anthropic/Claude-Sonnet-4.5");
    }

    @Test
    void anExplicitModelTheProviderDoesNotListIsSentAsWritten() throws Exception {
        RouteDecision decision = new Router(config(TWO_PROVIDERS)).route(request("deepseek,deepseek-v4"));

        assertThat(decision.target().provider()).isEqualTo("DeepSeek");
        assertThat(decision.target().model()).isEqualTo("deepseek-v4");
    }

    @Test
    void anExplicitProviderThatIsNotConfiguredIsNotFound() throws Exception {
        Router router = new Router(config(TWO_PROVIDERS));

        assertThatThrownBy(() -> router.route(request("groq,llama")))
                .isInstanceOfSatisfying(RoutingException.class, e -> assertThat(e.status()).isEqualTo(404))
                .hasMessage("model \"groq,llama\": no provider named \"groq\" is configured (configured: DeepSeek, openrouter)");
    }

    @Test
    void withoutProvidersTheErrorSaysHowToAddOne() throws Exception {
        Router router = new Router(config("{}"));

        assertThatThrownBy(() -> router.route(request("claude-sonnet-4-5")))
                .isInstanceOfSatisfying(RoutingException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageStartingWith("Conduit has no provider configured. Add one to the Providers list");
    }

    @Test
    void withProvidersButNoDefaultOnlyExplicitTargetsAreServed() throws Exception {
        Router router = new Router(config("""
                {Providers: [{name: 'local', api_base_url: 'http://127.0.0.1:8080/v1/chat/completions', models: ['qwen']}]}"""));

        assertThat(router.route(request("local,qwen")).target().model()).isEqualTo("qwen");
        assertThatThrownBy(() -> router.route(request("claude-sonnet-4-5")))
                .hasMessage("Router.default is not set, so only models written as \"provider,model\" can be served (configured: local)");
    }
}
