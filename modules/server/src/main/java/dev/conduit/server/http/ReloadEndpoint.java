package dev.conduit.server.http;

import dev.conduit.protocol.Json;
import dev.conduit.server.reload.ReloadOutcome;
import dev.conduit.server.reload.ReloadTrigger;
import dev.conduit.server.reload.Reloads;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /admin/reload}, what {@code conduit reload} calls: reloads the config and answers
 * with the outcome, 200 when applied and 422 when rejected. Like the API, it requires
 * {@code APIKEY} when one is set.
 */
final class ReloadEndpoint {

    static final String PATH = "/admin/reload";

    private final Reloads reloads;

    ReloadEndpoint(Reloads reloads) {
        this.reloads = reloads;
    }

    void handle(Response response, Callback callback) {
        ReloadOutcome outcome = reloads.reload(ReloadTrigger.ADMIN_ENDPOINT);
        Responses.json(response, outcome.applied() ? 200 : 422, Json.MAPPER.writeValueAsBytes(json(outcome)), callback);
    }

    /** The outcome as the reload endpoint and {@code /health/detailed} show it. */
    static ObjectNode json(ReloadOutcome outcome) {
        ObjectNode body = Json.NODES.objectNode()
                .put("status", outcome.status())
                .put("trigger", outcome.trigger().label())
                .put("at", outcome.at().toString())
                .put("message", outcome.message());
        outcome.needsRestart().forEach(body.putArray("needs_restart")::add);
        return body;
    }
}
