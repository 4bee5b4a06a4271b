package dev.conduit.server.http;

import dev.conduit.protocol.ApiError;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Writes whole JSON responses, errors among them. */
final class Responses {

    static final String JSON = "application/json";

    private Responses() {}

    static void json(Response response, int status, byte[] body, Callback callback) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /**
     * An error in the envelope of the API the request speaks, keeping an upstream's {@code
     * Retry-After}. When the request's body was never read, the connection closes after the answer.
     */
    static void error(Request request, Response response, ApiError error, Callback callback) {
        error.retryAfter().ifPresent(value -> response.getHeaders().put(HttpHeader.RETRY_AFTER, value));
        if (RequestBodies.hasUnreadBody(request)) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        json(response, error.status(), ClientApi.of(request).error(error), callback);
    }
}
