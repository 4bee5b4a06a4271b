package dev.conduit.server.http;

import dev.conduit.connections.ConnectionRegistry;
import dev.conduit.connections.DrainCoordinator;
import dev.conduit.protocol.ApiError;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Counts every API request in flight, and while the worker drains answers new ones with 503,
 * {@code Retry-After} and {@code Connection: close}, so clients go to the next worker (in a
 * rolling restart's handover they are served instead, and their connection closed after). Probes
 * pass through: {@code /ready} must say "draining", {@code /alive} must stay 200.
 */
final class DrainGuardHandler extends Handler.Wrapper {

    static final String EXCHANGE = DrainGuardHandler.class.getName() + ".exchange";
    private static final Set<String> PROBES = Set.of("/alive", "/ready", "/health", "/health/detailed", "/metrics");

    private final ConnectionRegistry registry;
    private final DrainCoordinator drain;

    DrainGuardHandler(ConnectionRegistry registry, DrainCoordinator drain, Handler handler) {
        super(handler);
        this.registry = registry;
        this.drain = drain;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (PROBES.contains(Request.getPathInContext(request))) {
            return super.handle(request, response, callback);
        }
        if (drain.refusesRequests()) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            Responses.error(request, response,
                    ApiError.of(503, "server is restarting; retry in a moment", Optional.of("1")), callback);
            return true;
        }
        ConnectionRegistry.Exchange exchange = registry.begin(request.getConnectionMetaData().getConnection());
        request.setAttribute(EXCHANGE, exchange);
        Request.addCompletionListener(request, failure -> exchange.end());
        return super.handle(request, new ClosingWhenDraining(request, response), callback);
    }

    /** A response that, begun while the worker drains, tells its client the connection closes. */
    private final class ClosingWhenDraining extends Response.Wrapper {

        ClosingWhenDraining(Request request, Response wrapped) {
            super(request, wrapped);
        }

        @Override
        public void write(boolean last, ByteBuffer content, Callback callback) {
            if (!isCommitted() && drain.draining()) {
                getHeaders().put(HttpHeader.CONNECTION, "close");
            }
            super.write(last, content, callback);
        }
    }

    static void markStreaming(Request request) {
        if (request.getAttribute(EXCHANGE) instanceof ConnectionRegistry.Exchange exchange) {
            exchange.streaming();
        }
    }
}
