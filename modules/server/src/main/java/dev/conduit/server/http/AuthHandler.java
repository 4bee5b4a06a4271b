package dev.conduit.server.http;

import dev.conduit.config.Secret;
import dev.conduit.protocol.ApiError;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Requires {@code APIKEY}, when configured, as {@code x-api-key} or {@code Authorization: Bearer},
 * compared in constant time. The health probes stay open so load balancers and the supervisor
 * need no key.
 */
final class AuthHandler extends Handler.Wrapper {

    private static final Set<String> OPEN_PATHS = Set.of("/health", "/alive", "/ready");
    private static final String BEARER = "Bearer ";

    private final Secret apiKey;

    AuthHandler(Secret apiKey, Handler handler) {
        super(handler);
        this.apiKey = apiKey;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (OPEN_PATHS.contains(Request.getPathInContext(request)) || authorized(request)) {
            return super.handle(request, response, callback);
        }
        Responses.anthropicError(request, response, ApiError.of(401,
                "invalid API key: send Conduit's APIKEY as x-api-key or as Authorization: Bearer"), callback);
        return true;
    }

    private boolean authorized(Request request) {
        if (apiKey.matches(request.getHeaders().get("x-api-key"))) {
            return true;
        }
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        return authorization != null
                && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && apiKey.matches(authorization.substring(BEARER.length()).strip());
    }
}
