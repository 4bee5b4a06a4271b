package dev.conduit.server.http;

import dev.conduit.config.ConduitConfig;
import dev.conduit.config.ProviderConfig;
import dev.conduit.protocol.Json;
import java.time.Instant;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /v1/models}: the models the config exposes, each as {@code provider,model} — the
 * name that routes a request straight to it. OpenAI's list format, or Anthropic's when the
 * request carries {@code anthropic-version} as Anthropic's SDKs send it.
 */
final class ModelsHandler {

    private final Supplier<ConduitConfig> config;
    /** Models have no creation date of their own; they exist since the worker started. */
    private final Instant loadedAt = Instant.now();

    /** @param config the config in force, read for each request */
    ModelsHandler(Supplier<ConduitConfig> config) {
        this.config = config;
    }

    void handle(Request request, Response response, Callback callback) {
        ConduitConfig inForce = config.get();
        ObjectNode body = ClientApi.of(request) == ClientApi.ANTHROPIC ? anthropicList(inForce) : openAiList(inForce);
        Responses.json(response, 200, Json.MAPPER.writeValueAsBytes(body), callback);
    }

    private ObjectNode openAiList(ConduitConfig config) {
        ObjectNode root = Json.NODES.objectNode();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        for (ProviderConfig provider : config.providers()) {
            for (String model : provider.models()) {
                data.addObject()
                        .put("id", provider.name() + "," + model)
                        .put("object", "model")
                        .put("created", loadedAt.getEpochSecond())
                        .put("owned_by", provider.name());
            }
        }
        return root;
    }

    private ObjectNode anthropicList(ConduitConfig config) {
        ObjectNode root = Json.NODES.objectNode();
        ArrayNode data = root.putArray("data");
        for (ProviderConfig provider : config.providers()) {
            for (String model : provider.models()) {
                data.addObject()
                        .put("type", "model")
                        .put("id", provider.name() + "," + model)
                        .put("display_name", model + " (" + provider.name() + ")")
                        .put("created_at", loadedAt.toString());
            }
        }
        root.put("has_more", false);
        if (data.isEmpty()) {
            root.putNull("first_id");
            root.putNull("last_id");
        } else {
            root.put("first_id", data.get(0).get("id").asString());
            root.put("last_id", data.get(data.size() - 1).get("id").asString());
        }
        return root;
    }
}
