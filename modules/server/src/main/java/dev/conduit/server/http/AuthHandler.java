package dev.conduit.server.http;

import dev.conduit.config.Secret;
import dev.conduit.protocol.ApiError;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Requires {@code APIKEY}, when configured, as {@code x-api-key} or {@code Authorization: Bearer},
 * compared in constant time. The probes stay open so load balancers and the supervisor need no
 * key; {@code /health/detailed} and {@code /metrics} too when {@code ADMIN_REQUIRES_APIKEY} is false.
 */
final class AuthHandler extends Handler.Wrapper {

    private static final Set<String> PROBES = Set.of("/health", "/alive", "/ready");
    private static final Set<String> ADMIN_PAGES = Set.of("/health/detailed", "/metrics");
    private static final String BEARER = "Bearer ";

    private final Secret apiKey;
    private final Set<String> openPaths;

    AuthHandler(Secret apiKey, boolean adminNeedsKey, Handler handler) {
        super(handler);
        this.apiKey = apiKey;
        this.openPaths = adminNeedsKey ? PROBES
                : Stream.concat(PROBES.stream(), ADMIN_PAGES.stream()).collect(Collectors.toSet());
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (openPaths.contains(Request.getPathInContext(request)) || authorized(request)) {
            return super.handle(request, response, callback);
        }
        Responses.error(request, response, ApiError.of(401,
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
