package dev.conduit.routing;

import dev.conduit.config.ConduitConfig;
import dev.conduit.config.ConfigException;
import dev.conduit.config.ConfigLoader;
import dev.conduit.config.ConfigSource;
import dev.conduit.config.RouteTarget;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/** A {@link Failover} from config text, with a fake clock and a seeded random source. */
final class Failovers {

    /** Two providers with two keys each, a third without keys. */
    static final String PROVIDERS = """
            Providers: [
              {name: 'openrouter', api_base_url: 'https://openrouter.ai/api/v1/chat/completions',
               api_key: ['sk-or-one', 'sk-or-two'], models: ['model-a', 'model-b']},
              {name: 'deepseek', api_base_url: 'https://api.deepseek.com/chat/completions', api_key: 'sk-ds',
               models: ['deepseek-chat']},
              {name: 'local', api_base_url: 'http://127.0.0.1:8080/v1/chat/completions', models: ['qwen']},
            ],""";

    static final RouteTarget MODEL_A = new RouteTarget("openrouter", "model-a");
    static final RouteTarget MODEL_B = new RouteTarget("openrouter", "model-b");
    static final RouteTarget DEEPSEEK = new RouteTarget("deepseek", "deepseek-chat");
    static final RouteTarget LOCAL = new RouteTarget("local", "qwen");

    private Failovers() {}

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

    static Failover failover(String router, FakeClock clock) {
        return new Failover(config(router), clock, new Random(42));
    }
}
