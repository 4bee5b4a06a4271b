package dev.conduit.routing;

import dev.conduit.config.ConduitConfig;
import dev.conduit.config.ConfigException;
import dev.conduit.config.ConfigLoader;
import dev.conduit.config.ConfigSource;
import dev.conduit.protocol.Json;
import dev.conduit.protocol.anthropic.AnthropicRequestReader;
import dev.conduit.protocol.anthropic.MessagesRequest;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Configs and requests for router tests, written the way users and clients write them. */
final class Routing {

    /** Three providers; the Router section is the test's. */
    static final String PROVIDERS = """
            Providers: [
              {name: 'DeepSeek', api_base_url: 'https://api.deepseek.com/chat/completions', models: ['deepseek-chat', 'deepseek-reasoner']},
              {name: 'openrouter', api_base_url: 'https://openrouter.ai/api/v1/chat/completions',
               models: ['Anthropic/Claude-Sonnet-4.5', 'google/gemini-2.5-pro', 'google/gemini-2.5-flash:online']},
              {name: 'local', api_base_url: 'http://127.0.0.1:8080/v1/chat/completions', models: ['qwen', 'llava']},
            ],""";

    private Routing() {}

    static ConduitConfig config(String router) {
        Path file = Path.of("/tmp/config.json");
        try {
            return new ConfigLoader(Map.of(), Path.of("/nonexistent-home"), base -> Optional.empty())
                    .parse("{" + PROVIDERS + " Router: " + router + "}", file,
                            new ConfigSource.File(file, ConfigSource.Origin.COMMAND_LINE));
        } catch (ConfigException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** Every scenario set, each to its own target, so the target shows which route won. */
    static final String ALL_SLOTS = """
            {default: 'deepseek,deepseek-chat', background: 'local,qwen', think: 'deepseek,deepseek-reasoner',
             longContext: 'openrouter,google/gemini-2.5-pro', webSearch: 'openrouter,google/gemini-2.5-flash:online',
             image: 'local,llava'}""";

    /** An Anthropic request: {@code fields} are more members of the body, with a trailing comma, or "". */
    static MessagesRequest request(String model, String fields) {
        return AnthropicRequestReader.read(Json.MAPPER.readTree("{\"model\":\"" + model + "\",\"max_tokens\":10,"
                + fields + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
    }

    static MessagesRequest body(String json) {
        return AnthropicRequestReader.read(Json.MAPPER.readTree(json));
    }

    /** A counter that counts what it is asked, and how often. */
    static final class CountingCounter implements TokenCounter {
        private final TokenCounter real = TokenCounter.cl100k();
        int requests;

        @Override
        public long count(MessagesRequest request) {
            requests++;
            return real.count(request);
        }

        @Override
        public long count(String text) {
            return real.count(text);
        }
    }
}
