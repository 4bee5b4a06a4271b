package dev.conduit.server.http;

import dev.conduit.config.RouteTarget;
import dev.conduit.connections.DrainCoordinator;
import dev.conduit.health.Monitoring;
import dev.conduit.protocol.ApiError;
import dev.conduit.protocol.ProtocolException;
import dev.conduit.protocol.anthropic.MessagesRequest;
import dev.conduit.protocol.anthropic.StreamEvent;
import dev.conduit.protocol.anthropic.Usage;
import dev.conduit.protocol.openai.OpenAiRequestReader;
import dev.conduit.providers.Answer;
import dev.conduit.providers.Inbound;
import dev.conduit.providers.ProviderAdapter;
import dev.conduit.providers.UpstreamException;
import dev.conduit.routing.Attempt;
import dev.conduit.routing.AttemptPlan;
import dev.conduit.routing.RouteDecision;
import dev.conduit.routing.RouteRequest;
import dev.conduit.routing.RoutingException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/messages} and {@code POST /v1/chat/completions}: read the request in the
 * client's API, route it, and answer whole or streamed in that same API, from the first target
 * that answers (see {@link UpstreamAttempts}). A request holds the gateway in force when it
 * arrived until its last byte, whatever reloads happen meanwhile.
 */
final class CompletionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(CompletionHandler.class);

    private final Swappable<Gateway> gateways;
    private final DrainCoordinator drain;
    private final Monitoring monitoring;
    private final ClientApi api;

    CompletionHandler(Swappable<Gateway> gateways, DrainCoordinator drain, Monitoring monitoring, ClientApi api) {
        this.gateways = gateways;
        this.drain = drain;
        this.monitoring = monitoring;
        this.api = api;
    }

    void handle(Request request, Response response, Callback callback, AccessRecord record) throws IOException {
        try (Swappable.Lease<Gateway> lease = gateways.lease()) {
            serve(lease.value(), request, response, callback, record);
        }
    }

    private void serve(Gateway gateway, Request request, Response response, Callback callback, AccessRecord record)
            throws IOException {
        RequestBodies.JsonBody received = RequestBodies.readBody(request, gateway.config().security());
        JsonNode body = received.json();
        MessagesRequest read;
        try {
            read = api.read(body);
        } catch (ProtocolException invalid) {
            throw new ApiException(ApiError.invalidRequest(invalid.getMessage()));
        }
        RouteDecision decision;
        try {
            decision = gateway.router().route(new RouteRequest(read, api.inboundApi(), headers(request), received.size()));
        } catch (RoutingException unroutable) {
            throw new ApiException(unroutable.status(), unroutable.getMessage());
        }
        MessagesRequest parsed = decision.request();
        decision.cleanClientBody((ObjectNode) body);
        record.route = decision.name();
        record.sessionId = decision.sessionId().orElse(null);
        record.stream = parsed.stream();
        Inbound inbound = new Inbound(api.format(), (ObjectNode) body, forwardableHeaders(request));
        UpstreamAttempts attempts = new UpstreamAttempts(gateway.failover(), monitoring,
                new RequestLink(request, drain, record), record, decision.name());
        AttemptPlan plan = gateway.failover().plan(decision.route(), decision.fallbacks());
        try {
            if (parsed.stream()) {
                boolean includeUsage = api == ClientApi.OPENAI && OpenAiRequestReader.includeUsage(body);
                stream(gateway, attempts, plan, link -> SseSink.of(api, request, response, link, record, includeUsage),
                        (attempt, sink) -> adapter(gateway, attempt.target()).stream(parsed, inbound, attempt.target(),
                                attempt.key(), sink),
                        callback, record);
            } else {
                switch (attempts.run(plan, (attempt, link) ->
                        adapter(gateway, attempt.target()).complete(parsed, inbound, attempt.target(), attempt.key(), link))) {
                    case Answer.Translated translated -> {
                        record.usage = translated.response().usage();
                        rememberUsage(gateway, record);
                        Responses.json(response, 200, api.whole(translated.response()), callback);
                    }
                    case Answer.Forwarded forwarded -> {
                        record.usage = forwarded.usage();
                        rememberUsage(gateway, record);
                        Responses.json(response, 200, forwarded.json(), callback);
                    }
                }
            }
        } catch (ProtocolException untranslatable) {
            throw new ApiException(ApiError.invalidRequest(untranslatable.getMessage()));
        } catch (UpstreamException failed) {
            LOG.warn("{}", failed.getMessage());
            record.upstreamError = failed.kind();
            throw new ApiException(ApiError.of(failed.status(), failed.getMessage(), failed.retryAfter()));
        }
    }

    /**
     * The headers an adapter may pass on to a provider that speaks the client's API: Anthropic's
     * version and beta flags. Credentials and hop-by-hop headers never leave Conduit.
     */
    private static Map<String, String> forwardableHeaders(Request request) {
        Map<String, String> headers = new HashMap<>();
        for (HttpField field : request.getHeaders()) {
            String name = field.getLowerCaseName();
            if (name.startsWith("anthropic-")) {
                headers.merge(name, field.getValue(), (a, b) -> a + "," + b);
            }
        }
        return headers;
    }

    /**
     * The headers routing rules may test, by lower-case name, repeated ones joined with commas;
     * credentials are left out, so no rule or explanation ever holds a key.
     */
    private static Map<String, String> headers(Request request) {
        Map<String, String> headers = new HashMap<>();
        for (HttpField field : request.getHeaders()) {
            String name = field.getLowerCaseName();
            if (!RouteRequest.CREDENTIAL_HEADERS.contains(name)) {
                headers.merge(name, field.getValue(), (a, b) -> a + "," + b);
            }
        }
        return headers;
    }

    private static ProviderAdapter adapter(Gateway gateway, RouteTarget target) {
        return gateway.providers().adapter(target.provider()).orElseThrow(() ->
                new ApiException(500, "provider " + target.provider() + " has no adapter"));
    }

    /**
     * Gives the router the session's input tokens, cached or not (the whole context is what its
     * long-context rule is about), before the response completes, so the session's next request
     * sees them.
     */
    private static void rememberUsage(Gateway gateway, AccessRecord record) {
        Usage usage = record.usage;
        if (record.sessionId != null && usage != null) {
            gateway.router().sessionUsage().record(record.sessionId,
                    usage.inputTokens() + usage.cacheReadInputTokens() + usage.cacheCreationInputTokens());
        }
    }

    /**
     * Streams from the first target that answers, each attempt into a sink of its own (made by
     * {@code sinks}), so an attempt that failed before its first event leaves nothing behind.
     */
    private static void stream(Gateway gateway, UpstreamAttempts attempts, AttemptPlan plan,
            Function<AttemptLink, SseSink> sinks, StreamCall call, Callback callback, AccessRecord record)
            throws IOException {
        SseSink[] current = new SseSink[1];
        try {
            attempts.run(plan, (attempt, link) -> {
                current[0] = sinks.apply(link);
                call.stream(attempt, current[0]);
                return current[0];
            });
        } catch (UpstreamException | ProtocolException failed) {
            SseSink sink = current[0];
            if (sink == null || !sink.committed()) {
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
        record.usage = current[0].usage();
        rememberUsage(gateway, record);
        callback.succeeded();
    }

    /** One streamed attempt: the adapter of its target, writing into {@code sink}. */
    @FunctionalInterface
    private interface StreamCall {
        void stream(Attempt attempt, SseSink sink) throws IOException;
    }
}
