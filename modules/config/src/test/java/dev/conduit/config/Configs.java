package dev.conduit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Parses config text as if it came from {@code config.json} in the Conduit home. */
final class Configs {

    static final Path FILE = Path.of("config.json");
    static final ConfigSource SOURCE = new ConfigSource.File(FILE, ConfigSource.Origin.CONDUIT_HOME);
    static final OllamaProbe NO_OLLAMA = baseUrl -> Optional.empty();

    private Configs() {
    }

    static ConduitConfig parse(String text) throws ConfigException {
        return parse(text, Map.of());
    }

    static ConduitConfig parse(String text, Map<String, String> environment) throws ConfigException {
        return new ConfigLoader(environment, Path.of("/home/nobody"), NO_OLLAMA).parse(text, FILE, SOURCE);
    }

    /** The message of the error the text is rejected with. */
    static String rejection(String text) {
        return rejection(text, Map.of());
    }

    static String rejection(String text, Map<String, String> environment) {
        ConfigException rejected = catchThrowableOfType(ConfigException.class, () -> parse(text, environment));
        assertThat(rejected).as("the config is rejected").isNotNull();
        return rejected.getMessage();
    }

    static ProviderConfig onlyProvider(ConduitConfig config) {
        List<ProviderConfig> providers = config.providers();
        if (providers.size() != 1) {
            throw new AssertionError("expected one provider, got " + providers);
        }
        return providers.getFirst();
    }
}
