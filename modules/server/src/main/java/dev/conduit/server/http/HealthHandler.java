package dev.conduit.server.http;

import dev.conduit.protocol.Json;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import tools.jackson.databind.node.ObjectNode;

/** {@code GET /health}: the worker is up and answering. */
final class HealthHandler {

    private final Gateway gateway;
    private final String version;
    private final Instant started = Instant.now();

    HealthHandler(Gateway gateway, String version) {
        this.gateway = gateway;
        this.version = version;
    }

    void handle(Response response, Callback callback) {
        ObjectNode body = Json.NODES.objectNode()
                .put("status", "ok")
                .put("version", version)
                .put("uptime_seconds", Duration.between(started, Instant.now()).toSeconds())
                .put("providers", gateway.config().providers().size());
        Responses.json(response, 200, Json.MAPPER.writeValueAsBytes(body), callback);
    }
}
