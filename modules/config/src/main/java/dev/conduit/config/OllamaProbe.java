package dev.conduit.config;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Asks an Ollama server which models it has. Used only when there is no config file, to offer a
 * local Ollama as a provider when one is running.
 */
@FunctionalInterface
public interface OllamaProbe {

    /**
     * The names of the models the Ollama server at {@code baseUrl} (like
     * {@code http://127.0.0.1:11434}) has, or empty when it does not answer quickly and sensibly.
     */
    Optional<List<String>> models(URI baseUrl);
}
