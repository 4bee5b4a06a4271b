package dev.conduit.providers.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpHeader;

/** An upstream answer whose body is read as it arrives. Closing it aborts what is left. */
public final class UpstreamResponse implements AutoCloseable {

    private final Request request;
    private final Response response;
    private final InputStream body;

    UpstreamResponse(Request request, Response response, InputStream body) {
        this.request = request;
        this.response = response;
        this.body = body;
    }

    public int status() {
        return response.getStatus();
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(response.getHeaders().get(name));
    }

    public Optional<String> retryAfter() {
        return Optional.ofNullable(response.getHeaders().get(HttpHeader.RETRY_AFTER));
    }

    public boolean isEventStream() {
        String type = response.getHeaders().get(HttpHeader.CONTENT_TYPE);
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("text/event-stream");
    }

    public InputStream body() {
        return body;
    }

    /** Reads the body whole, failing past {@code limit} bytes. */
    public byte[] readAll(int limit) throws IOException {
        byte[] bytes = body.readNBytes(limit + 1);
        if (bytes.length > limit) {
            throw new IOException("upstream body larger than " + limit + " bytes");
        }
        return bytes;
    }

    /** Stops the upstream request; the upstream sees its connection closed. */
    public void abort(Throwable reason) {
        request.abort(reason);
    }

    @Override
    public void close() {
        request.abort(new IOException("response closed"));
        try {
            body.close();
        } catch (IOException ignored) {
            // the request is aborted either way
        }
    }
}
