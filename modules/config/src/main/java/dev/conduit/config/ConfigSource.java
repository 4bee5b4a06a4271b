package dev.conduit.config;

import java.nio.file.Path;
import java.util.List;

/** Where the configuration in force came from, for the banner, logs and health pages. */
public sealed interface ConfigSource {

    /** A file, and what pointed at it. */
    record File(Path path, Origin origin) implements ConfigSource {
        @Override
        public String toString() {
            return path + " (" + origin.description() + ")";
        }
    }

    /** No file was found: providers were built from these environment variables (maybe none). */
    record Environment(List<String> variables) implements ConfigSource {
        public Environment {
            variables = List.copyOf(variables);
        }

        @Override
        public String toString() {
            return variables.isEmpty()
                    ? "no config file, no provider keys in the environment"
                    : "no config file; providers from " + String.join(", ", variables);
        }
    }

    enum Origin {
        COMMAND_LINE("--config"),
        CONDUIT_CONFIG("$CONDUIT_CONFIG"),
        CONDUIT_HOME("Conduit home"),
        CLAUDE_CODE_ROUTER("claude-code-router's config, read only");

        private final String description;

        Origin(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }
}
