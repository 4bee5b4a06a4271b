package dev.conduit.server.http;

import dev.conduit.connections.DrainCoordinator;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /alive}: the process and its request path make progress (never depends on upstreams).
 * {@code /ready}: whether this worker should get traffic, with the reason when not. Both answer
 * from fields already in memory, without auth, in well under a millisecond.
 */
final class Probes {

    private static final byte[] ALIVE = "{\"status\":\"alive\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] READY = "{\"status\":\"ready\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DRAINING =
            "{\"status\":\"not_ready\",\"reason\":\"draining: the worker is stopping\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NO_PROVIDER = ("{\"status\":\"not_ready\",\"reason\":\"no provider is configured\"}")
            .getBytes(StandardCharsets.UTF_8);

    private final boolean hasProvider;
    private final DrainCoordinator drain;

    Probes(Gateway gateway, DrainCoordinator drain) {
        this.hasProvider = !gateway.config().providers().isEmpty();
        this.drain = drain;
    }

    void alive(Response response, Callback callback) {
        Responses.json(response, 200, ALIVE, callback);
    }

    void ready(Response response, Callback callback) {
        if (drain.draining()) {
            Responses.json(response, 503, DRAINING, callback);
        } else if (!hasProvider) {
            Responses.json(response, 503, NO_PROVIDER, callback);
        } else {
            Responses.json(response, 200, READY, callback);
        }
    }
}
