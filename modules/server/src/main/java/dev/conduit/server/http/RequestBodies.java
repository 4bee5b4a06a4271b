package dev.conduit.server.http;

import dev.conduit.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;

/** Reads a JSON request body within a size limit, with errors a client can act on. */
final class RequestBodies {

    /** The default body limit: large enough for Claude Code's biggest turns with images. */
    static final long DEFAULT_MAX_BYTES = 32L * 1024 * 1024;

    private static final String CONSUMED = RequestBodies.class.getName() + ".consumed";

    private RequestBodies() {}

    /** A JSON body and its size in bytes as received. */
    record JsonBody(JsonNode json, int size) {}

    static JsonNode readJson(Request request, long maxBytes) throws IOException {
        return read(request, maxBytes).json();
    }

    static JsonBody read(Request request, long maxBytes) throws IOException {
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (contentType != null && !isJson(contentType)) {
            throw new ApiException(400, "content-type must be application/json, got " + abbreviate(contentType));
        }
        long declared = request.getLength();
        if (declared > maxBytes) {
            throw tooLarge(maxBytes);
        }
        byte[] body;
        try (InputStream in = Request.asInputStream(request)) {
            body = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
        }
        if (body.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        request.setAttribute(CONSUMED, Boolean.TRUE);
        if (body.length == 0) {
            throw new ApiException(400, "request body is empty; expected a JSON object");
        }
        try {
            return new JsonBody(Json.MAPPER.readTree(body), body.length);
        } catch (StreamConstraintsException limit) {
            throw new ApiException(400, "request body exceeds a JSON limit: " + limitMessage(limit));
        } catch (JacksonException malformed) {
            throw new ApiException(400, "request body is not valid JSON: " + problem(malformed) + location(malformed));
        }
    }

    /**
     * Whether the client sent a body this server has not read. Answering such a request must close
     * the connection, or the client would send its next request into the unread remainder.
     */
    static boolean hasUnreadBody(Request request) {
        boolean hasBody = request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        return hasBody && request.getAttribute(CONSUMED) == null;
    }

    /** Jackson's description without its internal notes on source and markers. */
    private static String problem(JacksonException e) {
        String message = e.getOriginalMessage();
        int note = message.indexOf(" (start marker at");
        if (note >= 0) {
            message = message.substring(0, note);
        }
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        return message.strip();
    }

    private static boolean isJson(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        String mime = (semicolon < 0 ? type : type.substring(0, semicolon)).strip();
        return mime.equals("application/json") || mime.endsWith("+json");
    }

    private static ApiException tooLarge(long maxBytes) {
        return new ApiException(413, "request body is larger than " + (maxBytes / (1024 * 1024)) + " MiB");
    }

    private static String location(JacksonException e) {
        var location = e.getLocation();
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String limitMessage(StreamConstraintsException e) {
        String message = e.getOriginalMessage();
        int hint = message.indexOf(" (");
        return hint < 0 ? message : message.substring(0, hint);
    }

    private static String abbreviate(String value) {
        return value.length() <= 60 ? value : value.substring(0, 60) + "…";
    }
}
