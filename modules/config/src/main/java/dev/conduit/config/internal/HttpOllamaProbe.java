package dev.conduit.config.internal;

import dev.conduit.config.OllamaProbe;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Asks {@code GET <base>/api/tags} with short timeouts, so a missing Ollama costs startup at most
 * a fraction of a second. Any failure means "not reachable".
 */
public final class HttpOllamaProbe implements OllamaProbe {

    private static final int TIMEOUT_MILLIS = 300;

    @Override
    public Optional<List<String>> models(URI baseUrl) {
        try {
            URI tags = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/api/tags");
            HttpURLConnection connection = (HttpURLConnection) tags.toURL().openConnection();
            connection.setConnectTimeout(TIMEOUT_MILLIS);
            connection.setReadTimeout(TIMEOUT_MILLIS);
            try {
                if (connection.getResponseCode() != HttpURLConnection.HTTP_OK) {
                    return Optional.empty();
                }
                try (InputStream body = connection.getInputStream()) {
                    return modelNames(Json5.mapper().readTree(body));
                }
            } finally {
                connection.disconnect();
            }
        } catch (IOException | JacksonException | IllegalArgumentException notOllama) {
            return Optional.empty();
        }
    }

    private static Optional<List<String>> modelNames(JsonNode tags) {
        JsonNode models = tags.path("models");
        if (!models.isArray()) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        for (JsonNode model : models) {
            String name = model.path("name").asString("");
            if (!name.isBlank()) {
                names.add(name);
            }
        }
        return Optional.of(names);
    }
}
