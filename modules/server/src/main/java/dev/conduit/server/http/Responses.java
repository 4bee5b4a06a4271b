package dev.conduit.server.http;

import dev.conduit.protocol.ApiError;
import dev.conduit.protocol.ErrorEnvelopes;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
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

    /** An error in the Anthropic envelope, keeping an upstream's {@code Retry-After}. */
    static void anthropicError(Response response, ApiError error, Callback callback) {
        error.retryAfter().ifPresent(value -> response.getHeaders().put(HttpHeader.RETRY_AFTER, value));
        json(response, error.status(), ErrorEnvelopes.anthropicBytes(error), callback);
    }
}
