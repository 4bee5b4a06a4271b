package dev.conduit.server;

import dev.conduit.config.ConduitHome;
import dev.conduit.config.ConfigLoader;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a worker takes from its process rather than from its config: the environment variables
 * (config discovery, {@code $VAR} interpolation) and the user's home folder (the config's
 * default places, claude-code-router's project and session files). Tests give their own, so no
 * test reads the real home folder.
 */
public record WorkerEnvironment(Map<String, String> variables, Path userHome) {

    public WorkerEnvironment {
        variables = Map.copyOf(variables);
    }

    /** This process's environment variables and {@code user.home}. */
    public static WorkerEnvironment current() {
        return new WorkerEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    public ConfigLoader configLoader() {
        return new ConfigLoader(variables, userHome);
    }

    /** {@code $CONDUIT_HOME}, else {@code ~/.conduit}. */
    public Path conduitHome() {
        return ConduitHome.resolve(variables, userHome);
    }
}
