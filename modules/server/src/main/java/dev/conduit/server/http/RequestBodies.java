package dev.conduit.server.http;

import dev.conduit.config.SecuritySettings;
import dev.conduit.protocol.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
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
    private static final int READ_SIZE = 64 * 1024;

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
     * #MIN_BYTES_PER_SECOND} with 408.
     */
    private static byte[] read(Request request, SecuritySettings limits) throws IOException {
        long maxBytes = limits.maxRequestBodyBytes();
        long started = System.nanoTime();
        long grace = limits.clientIdleTimeout().toNanos();
        ByteArrayOutputStream body = new ByteArrayOutputStream((int) Math.clamp(request.getLength(), 0, READ_SIZE));
        byte[] buffer = new byte[READ_SIZE];
        try (InputStream in = Request.asInputStream(request)) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                body.write(buffer, 0, read);
                if (body.size() > maxBytes) {
                    throw tooLarge(maxBytes);
                }
                long elapsed = System.nanoTime() - started;
                if (elapsed > grace && body.size() < MIN_BYTES_PER_SECOND * elapsed / 1_000_000_000L) {
                    throw new ApiException(408, "request body arrives too slowly: " + body.size() + " bytes in "
                            + elapsed / 1_000_000_000L + " s; Conduit needs at least 1 KiB/s");
                }
            }
        } catch (IOException failed) {
            if (causedBy(failed, TimeoutException.class)) {
                throw new ApiException(408, "request body stopped arriving: nothing came for "
                        + limits.clientIdleTimeout().toMillis() + " ms (CLIENT_IDLE_TIMEOUT_MS)");
            }
            throw failed;
        }
        return body.toByteArray();
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
