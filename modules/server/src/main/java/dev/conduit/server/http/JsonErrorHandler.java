package dev.conduit.server.http;

import dev.conduit.protocol.ApiError;
import dev.conduit.protocol.ErrorEnvelopes;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty raises itself (malformed HTTP, headers too large, …) in the envelope of the
 * request's API (Anthropic's when the request could not be parsed at all)
 * instead of an HTML page, with the standard reason and never an exception's text.
 */
final class JsonErrorHandler extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        Responses.error(request, response, ApiError.of(errorStatus(code), reason(code)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Responses.JSON);
        return ByteBuffer.wrap(ErrorEnvelopes.anthropicBytes(ApiError.of(errorStatus(status), reason(status))));
    }

    private static int errorStatus(int code) {
        return code >= 400 && code <= 599 ? code : 500;
    }

    private static String reason(int code) {
        String reason = HttpStatus.getMessage(code);
        return reason == null ? "error " + code : reason.toLowerCase(java.util.Locale.ROOT);
    }
}
