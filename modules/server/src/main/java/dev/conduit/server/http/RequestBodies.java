package dev.conduit.server.http;

import dev.conduit.config.SecuritySettings;
import dev.conduit.protocol.Json;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Blocker;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;

/**
 * Reads a JSON request body within the size limit, arriving fast enough, with errors a client can
 * act on.
 */
final class RequestBodies {

    /** Once a body has taken longer than the client idle timeout, it must average at least this. */
    private static final long MIN_BYTES_PER_SECOND = 1024;

    private static final String CONSUMED = RequestBodies.class.getName() + ".consumed";
    /** The largest array allocated before the bytes arrive; a larger body grows it as it comes. */
    private static final int FIRST_ARRAY_MAX = 64 * 1024;

    private RequestBodies() {}

    /** A JSON body and its size in bytes as received. */
    record JsonBody(JsonNode json, int size) {}

    static JsonNode readJson(Request request, SecuritySettings limits) throws IOException {
        return readBody(request, limits).json();
    }

    static JsonBody readBody(Request request, SecuritySettings limits) throws IOException {
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (contentType != null && !isJson(contentType)) {
            throw new ApiException(400, "content-type must be application/json, got " + abbreviate(contentType));
        }
        long maxBytes = limits.maxRequestBodyBytes();
        if (request.getLength() > maxBytes) {
            throw tooLarge(maxBytes);
        }
        byte[] body = read(request, limits);
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
     * The body, read as it arrives: a chunked body is refused as soon as it passes the limit, a
     * body that stalls for the idle timeout or trickles in slower than {@link
     * #MIN_BYTES_PER_SECOND} with 408. Read chunk by chunk into one array sized from the
     * Content-Length (up to 64 KiB before bytes arrive): the usual body is already in Jetty's
     * buffer, and an input stream with its own 64 KiB buffer cost one copy, two allocations and a
     * blocking lock more per request.
     */
    private static byte[] read(Request request, SecuritySettings limits) throws IOException {
        long maxBytes = limits.maxRequestBodyBytes();
        long started = System.nanoTime();
        long grace = limits.clientIdleTimeout().toNanos();
        long announced = request.getLength();
        // a client that announces megabytes gets its array as they arrive, not before
        byte[] body = new byte[(int) (announced >= 0 ? Math.min(announced, FIRST_ARRAY_MAX) : FIRST_ARRAY_MAX)];
        int size = 0;
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                awaitMore(request);
                continue;
            }
            try {
                if (Content.Chunk.isFailure(chunk)) {
                    Throwable failure = chunk.getFailure();
                    if (causedBy(failure, TimeoutException.class)) {
                        throw new ApiException(408, "request body stopped arriving: nothing came for "
                                + limits.clientIdleTimeout().toMillis() + " ms (CLIENT_IDLE_TIMEOUT_MS)");
                    }
                    throw failure instanceof IOException io ? io : new IOException(failure);
                }
                int length = chunk.remaining();
                if (size + length > maxBytes) {
                    throw tooLarge(maxBytes);
                }
                if (size + length > body.length) {
                    body = Arrays.copyOf(body, (int) Math.min(maxBytes, Math.max(2L * body.length, size + length)));
                }
                chunk.getByteBuffer().get(body, size, length);
                size += length;
                if (chunk.isLast()) {
                    return size == body.length ? body : Arrays.copyOf(body, size);
                }
            } finally {
                chunk.release();
            }
            long elapsed = System.nanoTime() - started;
            if (elapsed > grace && size < MIN_BYTES_PER_SECOND * elapsed / 1_000_000_000L) {
                throw new ApiException(408, "request body arrives too slowly: " + size + " bytes in "
                        + elapsed / 1_000_000_000L + " s; Conduit needs at least 1 KiB/s");
            }
        }
    }

    /** Parks the request's thread until Jetty has more of the body (or a failure) to read. */
    private static void awaitMore(Request request) throws IOException {
        try (Blocker.Runnable more = Blocker.runnable()) {
            request.demand(more);
            more.block();
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

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
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
        return new ApiException(413, "request body is larger than " + size(maxBytes) + " (MAX_REQUEST_BODY_BYTES)");
    }

    private static String size(long bytes) {
        long mebibyte = 1024 * 1024;
        return bytes % mebibyte == 0 ? bytes / mebibyte + " MiB" : bytes + " bytes";
    }

    private static String location(JacksonException e) {
        var location = e.getLocation();
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** Jackson's words for the limit, without its hint at the Java method that sets it. */
    private static String limitMessage(StreamConstraintsException e) {
        String message = e.getOriginalMessage();
        int hint = message.indexOf(", from `");
        return hint < 0 ? message : message.substring(0, hint) + ")";
    }

    private static String abbreviate(String value) {
        return value.length() <= 60 ? value : value.substring(0, 60) + "…";
    }
}
