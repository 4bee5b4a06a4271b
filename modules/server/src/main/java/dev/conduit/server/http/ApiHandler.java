package dev.conduit.server.http;

import dev.conduit.config.SecuritySettings;
import dev.conduit.connections.DrainCoordinator;
import dev.conduit.health.Monitoring;
import dev.conduit.protocol.ApiError;
import dev.conduit.providers.ClientGoneException;
import dev.conduit.server.reload.Reloads;
import java.io.IOException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.QuietException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches the API's endpoints and turns every failure into an error in the envelope of the
 * client's API. Handlers block; they run on virtual threads.
 */
final class ApiHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    private final CompletionHandler messages;
    private final CompletionHandler chatCompletions;
    private final ModelsHandler models;
    private final CountTokensHandler countTokens;
    private final HealthEndpoints health;
    private final ReloadEndpoint reload;

    ApiHandler(Swappable<Gateway> gateways, DrainCoordinator drain, Monitoring monitoring, HealthEndpoints health,
            Reloads reloads, SecuritySettings limits) {
        super(InvocationType.BLOCKING);
        this.messages = new CompletionHandler(gateways, drain, monitoring, ClientApi.ANTHROPIC);
        this.chatCompletions = new CompletionHandler(gateways, drain, monitoring, ClientApi.OPENAI);
        this.models = new ModelsHandler(() -> gateways.current().config());
        this.countTokens = new CountTokensHandler(() -> gateways.current().tokenCounter(), limits);
        this.health = health;
        this.reload = new ReloadEndpoint(reloads);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        // Waiting for a provider is bounded by the call's own limits (UpstreamCall), so the client
        // idle timeout is ignored then; it still fails any read or write the client lets stall.
        request.addIdleTimeoutListener(timeout -> false);
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        AccessRecord record = (AccessRecord) request.getAttribute(AccessRecord.ATTRIBUTE);
        try {
            switch (path) {
                case "/v1/messages" -> {
                    requireMethod(method, HttpMethod.POST, response);
                    messages.handle(request, response, callback, record == null ? new AccessRecord() : record);
                }
                case "/v1/chat/completions" -> {
                    requireMethod(method, HttpMethod.POST, response);
                    chatCompletions.handle(request, response, callback, record == null ? new AccessRecord() : record);
                }
                case "/v1/models" -> {
                    requireMethod(method, HttpMethod.GET, response);
                    models.handle(request, response, callback);
                }
                case "/v1/messages/count_tokens" -> {
                    requireMethod(method, HttpMethod.POST, response);
                    countTokens.handle(request, response, callback);
                }
                case "/health" -> {
                    requireMethod(method, HttpMethod.GET, response);
                    health.health(response, callback);
                }
                case "/health/detailed" -> {
                    requireMethod(method, HttpMethod.GET, response);
                    health.detailed(response, callback);
                }
                case "/metrics" -> {
                    requireMethod(method, HttpMethod.GET, response);
                    health.metrics(request, response, callback);
                }
                case "/alive" -> {
                    requireMethod(method, HttpMethod.GET, response);
                    health.alive(response, callback);
                }
                case "/ready" -> {
                    requireMethod(method, HttpMethod.GET, response);
                    health.ready(response, callback);
                }
                case ReloadEndpoint.PATH -> {
                    requireMethod(method, HttpMethod.POST, response);
                    reload.handle(response, callback);
                }
                default -> throw new ApiException(404, "no such endpoint: " + method + " " + abbreviate(path));
            }
        } catch (ApiException error) {
            fail(request, response, callback, error.error());
        } catch (IOException | ClientGoneException clientGone) {
            // nobody is left to answer; a quiet failure just closes the connection
            callback.failed(new QuietException.Exception(clientGone.getMessage()));
        } catch (RuntimeException bug) {
            LOG.error("unexpected failure on {} {}", method, path, bug);
            fail(request, response, callback, ApiError.of(500, "internal error in Conduit; the worker log has the details"));
        }
        return true;
    }

    private static void requireMethod(String method, HttpMethod allowed, Response response) {
        if (allowed.is(method) || (allowed == HttpMethod.GET && HttpMethod.HEAD.is(method))) {
            return;
        }
        response.getHeaders().put(HttpHeader.ALLOW, allowed.asString());
        throw new ApiException(405, "method " + abbreviate(method) + " is not allowed here; use " + allowed.asString());
    }

    private static void fail(Request request, Response response, Callback callback, ApiError error) {
        if (response.isCommitted()) {
            callback.failed(new IOException(error.message()));
            return;
        }
        Responses.error(request, response, error, callback);
    }

    private static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "…";
    }
}
