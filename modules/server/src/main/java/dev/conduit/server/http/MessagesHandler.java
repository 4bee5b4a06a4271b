package dev.conduit.server.http;

import dev.conduit.connections.DrainCoordinator;
import dev.conduit.protocol.ApiError;
import dev.conduit.protocol.ProtocolException;
import dev.conduit.protocol.anthropic.AnthropicRequestReader;
import dev.conduit.protocol.anthropic.AnthropicWriter;
import dev.conduit.protocol.anthropic.MessagesRequest;
import dev.conduit.protocol.anthropic.MessagesResponse;
import dev.conduit.protocol.anthropic.StreamEvent;
import dev.conduit.providers.ProviderAdapter;
import dev.conduit.providers.UpstreamException;
import dev.conduit.routing.RouteDecision;
import dev.conduit.routing.RoutingException;
import java.io.IOException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code POST /v1/messages}: route, forward, and answer whole or streamed. */
final class MessagesHandler {

    private static final Logger LOG = LoggerFactory.getLogger(MessagesHandler.class);

    private final Gateway gateway;
    private final DrainCoordinator drain;

    MessagesHandler(Gateway gateway, DrainCoordinator drain) {
        this.gateway = gateway;
        this.drain = drain;
    }

    void handle(Request request, Response response, Callback callback, AccessRecord record) throws IOException {
        MessagesRequest parsed;
        try {
            parsed = AnthropicRequestReader.read(RequestBodies.readJson(request, RequestBodies.DEFAULT_MAX_BYTES));
        } catch (ProtocolException invalid) {
            throw new ApiException(ApiError.invalidRequest(invalid.getMessage()));
        }
        RouteDecision decision;
        try {
            decision = gateway.router().route(parsed);
        } catch (RoutingException unroutable) {
            throw new ApiException(unroutable.status(), unroutable.getMessage());
        }
        record.route = decision.scenario().label();
        record.provider = decision.target().provider();
        record.model = decision.target().model();
        record.modelLabel = modelLabel(decision);
        record.stream = parsed.stream();
        ProviderAdapter adapter = gateway.providers().adapter(decision.target().provider()).orElseThrow(() ->
                new ApiException(500, "provider " + decision.target().provider() + " has no adapter"));
        RequestLink link = new RequestLink(request, drain, record);
        try {
            if (parsed.stream()) {
                stream(adapter, parsed, decision, new SseEventSink(request, response, link, record), callback, record);
            } else {
                MessagesResponse answer = adapter.complete(parsed, decision.target(), link);
                record.usage = answer.usage();
                Responses.json(response, 200, AnthropicWriter.response(answer), callback);
            }
        } catch (ProtocolException untranslatable) {
            throw new ApiException(ApiError.invalidRequest(untranslatable.getMessage()));
        } catch (UpstreamException failed) {
            LOG.warn("{}", failed.getMessage());
            record.upstreamError = failed.kind();
            throw new ApiException(ApiError.of(failed.status(), failed.getMessage(), failed.retryAfter()));
        }
    }

    /** Metric labels take configured model names only; anything a client wrote is "other". */
    private String modelLabel(RouteDecision decision) {
        return gateway.config().provider(decision.target().provider())
                .filter(provider -> provider.models().contains(decision.target().model()))
                .map(provider -> decision.target().model())
                .orElse("other");
    }

    private static void stream(ProviderAdapter adapter, MessagesRequest parsed, RouteDecision decision,
            SseEventSink sink, Callback callback, AccessRecord record) throws IOException {
        try {
            adapter.stream(parsed, decision.target(), sink);
        } catch (UpstreamException | ProtocolException failed) {
            if (!sink.committed()) {
                throw failed;
            }
            // the stream is open: the error can only travel in-band
            LOG.warn("stream failed after it started: {}", failed.getMessage());
            if (failed instanceof UpstreamException upstream) {
                record.upstreamError = upstream.kind();
            }
            String type = failed instanceof UpstreamException upstream ? ApiError.anthropicType(upstream.status()) : "api_error";
            sink.send(new StreamEvent.Error(type, failed.getMessage()));
            sink.flush();
        }
        record.usage = sink.usage();
        callback.succeeded();
    }
}
