package dev.conduit.config;

import dev.conduit.config.internal.ConfigFiles;
import dev.conduit.config.internal.ConfigParser;
import dev.conduit.config.internal.DotEnvFile;
import dev.conduit.config.internal.EnvironmentDefaults;
import dev.conduit.config.internal.HttpOllamaProbe;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds, reads and validates the configuration. The first of these that applies wins:
 * <ol>
 *   <li>the file named by {@code --config} (it must exist);</li>
 *   <li>the file named by {@code $CONDUIT_CONFIG} (it must exist);</li>
 *   <li>{@code config.json} in the Conduit home ({@code $CONDUIT_HOME}, else {@code ~/.conduit});</li>
 *   <li>claude-code-router's {@code ~/.claude-code-router/config.json}, read only;</li>
 *   <li>no file: {@linkplain #defaults() providers from environment variables}.</li>
 * </ol>
 * Conduit never writes the file it reads.
 *
 * <p>{@code $VAR}s in a config file are looked up in the process environment, then in a
 * {@code .env} file: the one {@code $CONDUIT_ENV_FILE} names (it must exist), else {@code .env}
 * beside the config file when there is one. The process environment wins, as with dotenv tools.
 */
public final class ConfigLoader {

    private final Map<String, String> environment;
    private final Path userHome;
    private final OllamaProbe ollamaProbe;

    /** A loader that looks for a local Ollama over HTTP when there is no config file. */
    public ConfigLoader(Map<String, String> environment, Path userHome) {
        this(environment, userHome, new HttpOllamaProbe());
    }

    public ConfigLoader(Map<String, String> environment, Path userHome, OllamaProbe ollamaProbe) {
        this.environment = Map.copyOf(environment);
        this.userHome = Objects.requireNonNull(userHome, "userHome");
        this.ollamaProbe = Objects.requireNonNull(ollamaProbe, "ollamaProbe");
    }

    /** A loader for this process: its environment variables and the {@code user.home} folder. */
    public static ConfigLoader forThisProcess() {
        return new ConfigLoader(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    public ConduitConfig load(Optional<Path> commandLineConfig) throws ConfigException {
        Optional<ConfigSource.File> found = discover(commandLineConfig);
        if (found.isEmpty()) {
            return defaults();
        }
        Path file = found.get().path();
        return parse(ConfigFiles.read(file), file, found.get());
    }

    /**
     * Reads the file a configuration came from again, for a reload: the same file, even where
     * discovery would now find another; it must still be there.
     */
    public ConduitConfig reread(ConfigSource.File source) throws ConfigException {
        return parse(ConfigFiles.read(source.path()), source.path(), source);
    }

    /** Reads config text that came from {@code file}, with the {@code .env} that goes with it. */
    public ConduitConfig parse(String text, Path file, ConfigSource source) throws ConfigException {
        return new ConfigParser(variablesFor(file)).parse(text, file, source);
    }

    /** The process environment over the variables of the config's {@code .env} file, if any. */
    private Map<String, String> variablesFor(Path configFile) throws ConfigException {
        String named = environment.getOrDefault("CONDUIT_ENV_FILE", "").strip();
        Optional<Path> envFile;
        if (!named.isEmpty()) {
            Path file = path(named, "$CONDUIT_ENV_FILE").toAbsolutePath().normalize();
            if (!Files.exists(file)) {
                throw new ConfigException(file + ": no such file (named by $CONDUIT_ENV_FILE)");
            }
            envFile = Optional.of(file);
        } else {
            Path folder = configFile.toAbsolutePath().getParent();
            envFile = Optional.ofNullable(folder).map(it -> it.resolve(".env")).filter(Files::isRegularFile);
        }
        if (envFile.isEmpty()) {
            return environment;
        }
        Map<String, String> variables = new HashMap<>(DotEnvFile.read(envFile.get()));
        variables.putAll(environment);
        return variables;
    }

    /**
     * Reads the {@code Router} of a claude-code-router project or session file
     * ({@code ~/.claude-code-router/<project>/config.json}, {@code <project>/<session>.json}), its
     * targets checked against the providers of {@code base}; empty when the file has no
     * {@code Router}.
     */
    public Optional<RouterConfig> parseRouter(String text, Path file, ConduitConfig base) throws ConfigException {
        return new ConfigParser(environment).parseRouter(text, file, base.providers());
    }

    /**
     * The configuration when there is no file: a provider for each of {@code OPENAI_API_KEY},
     * {@code OPENROUTER_API_KEY}, {@code DEEPSEEK_API_KEY}, {@code GROQ_API_KEY},
     * {@code GEMINI_API_KEY} and {@code ANTHROPIC_API_KEY} that is set, plus a local Ollama
     * ({@code $OLLAMA_HOST}) when it answers; the default route goes to the first. With none of
     * them there are no providers, which is valid.
     */
    public ConduitConfig defaults() {
        return new EnvironmentDefaults(environment, ollamaProbe).build();
    }

    private Optional<ConfigSource.File> discover(Optional<Path> commandLineConfig) throws ConfigException {
        if (commandLineConfig.isPresent()) {
            return Optional.of(required(commandLineConfig.get(), ConfigSource.Origin.COMMAND_LINE));
        }
        String named = environment.getOrDefault("CONDUIT_CONFIG", "").strip();
        if (!named.isEmpty()) {
            return Optional.of(required(path(named, "$CONDUIT_CONFIG"), ConfigSource.Origin.CONDUIT_CONFIG));
        }
        List<ConfigSource.File> candidates = List.of(
                new ConfigSource.File(conduitHome().resolve("config.json"), ConfigSource.Origin.CONDUIT_HOME),
                new ConfigSource.File(userHome.resolve(".claude-code-router").resolve("config.json"),
                        ConfigSource.Origin.CLAUDE_CODE_ROUTER));
        return candidates.stream().filter(candidate -> Files.exists(candidate.path())).findFirst();
    }

    private Path conduitHome() throws ConfigException {
        try {
            return ConduitHome.resolve(environment, userHome);
        } catch (InvalidPathException invalid) {
            throw new ConfigException("$CONDUIT_HOME is not a valid path");
        }
    }

    private static ConfigSource.File required(Path file, ConfigSource.Origin origin) throws ConfigException {
        Path absolute = file.toAbsolutePath().normalize();
        if (!Files.exists(absolute)) {
            throw new ConfigException(absolute + ": no such file (named by " + origin.description() + ")");
        }
        return new ConfigSource.File(absolute, origin);
    }

    private static Path path(String text, String variable) throws ConfigException {
        try {
            return Path.of(text);
        } catch (InvalidPathException invalid) {
            throw new ConfigException(variable + " is not a valid path");
        }
    }
}
