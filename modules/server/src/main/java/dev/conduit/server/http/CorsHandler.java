package dev.conduit.server.http;

import dev.conduit.config.SecuritySettings;
import dev.conduit.protocol.ApiError;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Cross-origin requests, the ones browsers mark with {@code Origin}: from an origin in {@code
 * CORS_ORIGINS} they get CORS headers (and a preflight its answer, before any key is asked for);
 * from any other origin they are refused with 403, so that no web page can spend the providers'
 * keys through Conduit, not even with a request it cannot read the answer of. Clients outside a
 * browser send no {@code Origin} and pass untouched.
 */
final class CorsHandler extends Handler.Wrapper {

    private static final String ALLOWED_METHODS = "GET, POST, OPTIONS";
    private static final String EXPOSED_HEADERS = "retry-after, request-id";
    private static final String MAX_AGE_SECONDS = "600";

    private final List<String> origins;

    CorsHandler(SecuritySettings security, Handler handler) {
        super(handler);
        this.origins = security.corsOrigins();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin == null) {
            return super.handle(request, response, callback);
        }
        if (!origins.contains(SecuritySettings.ANY) && !origins.contains(origin)) {
            Responses.error(request, response, ApiError.of(403, "cross-origin requests from " + abbreviate(origin)
                    + " are refused; list the origin in CORS_ORIGINS to let its pages call Conduit"), callback);
            return true;
        }
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        response.getHeaders().add(HttpHeader.VARY, "Origin");
        String requestedMethod = request.getHeaders().get(HttpHeader.ACCESS_CONTROL_REQUEST_METHOD);
        if (HttpMethod.OPTIONS.is(request.getMethod()) && requestedMethod != null) {
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS);
            String requestedHeaders = request.getHeaders().get(HttpHeader.ACCESS_CONTROL_REQUEST_HEADERS);
            if (requestedHeaders != null) {
                response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, requestedHeaders);
            }
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_MAX_AGE, MAX_AGE_SECONDS);
            response.setStatus(204);
            callback.succeeded();
            return true;
        }
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
        return super.handle(request, response, callback);
    }

    private static String abbreviate(String value) {
        return value.length() <= 100 ? value : value.substring(0, 100) + "…";
    }
}
