package dev.conduit.providers.upstream;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;

/**
 * Reads an answer whose head announced its length on the thread that parsed the head — Jetty's
 * selector — and hands it over whole. The request's thread is then woken once, with the answer,
 * instead of once for the head and again to read a body that is already here; and the connection
 * goes back to the pool on the selector thread, which re-arms it without waking the selector
 * (four system calls and a thread wake-up less per whole answer). Streams and answers of unknown,
 * encoded or large length are read as before, piece by piece on the request's thread. Not
 * Jetty's {@code Content.Source.asByteArrayAsync}: it reports nothing until the end, and the
 * stream-idle limit must learn of every piece (a body that stops halfway is idle, not silent).
 */
final class WholeBody {

    /** Larger answers are read by the request's thread, so no selector copies megabytes. */
    private static final long MAX_BYTES = 1 << 20;

    private final Content.Source source;
    private final Runnable onBytes;
    private final Consumer<Content.Source> onWhole;
    private byte[] bytes;
    private int size;

    private WholeBody(Content.Source source, int length, Runnable onBytes, Consumer<Content.Source> onWhole) {
        this.source = source;
        this.bytes = new byte[length];
        this.onBytes = onBytes;
        this.onWhole = onWhole;
    }

    /**
     * Starts reading {@code source} if the answer qualifies; false if it does not, and the caller
     * reads it. {@code onBytes} runs whenever bytes arrive, {@code onWhole} once, with the whole
     * answer; a body that fails is left to the request's completion, which reports the failure.
     */
    static boolean collect(Response response, Content.Source source, Runnable onBytes, Consumer<Content.Source> onWhole) {
        long length = response.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        HttpField encoding = response.getHeaders().getField(HttpHeader.CONTENT_ENCODING);
        if (length < 0 || length > MAX_BYTES || encoding != null) {
            return false;
        }
        new WholeBody(source, (int) length, onBytes, onWhole).read();
        return true;
    }

    /** Reads what has arrived; called again by Jetty when more does. */
    private void read() {
        while (true) {
            Content.Chunk chunk = source.read();
            if (chunk == null) {
                source.demand(this::read);
                return;
            }
            try {
                if (Content.Chunk.isFailure(chunk)) {
                    return;
                }
                if (chunk.hasRemaining()) {
                    append(chunk.getByteBuffer());
                    onBytes.run();
                }
                if (chunk.isLast()) {
                    onWhole.accept(Content.Source.from(ByteBuffer.wrap(bytes, 0, size)));
                    return;
                }
            } finally {
                chunk.release();
            }
        }
    }

    private void append(ByteBuffer piece) {
        int length = piece.remaining();
        if (size + length > bytes.length) {
            // a provider that sends more than it announced is cut off by Jetty's parser; this only
            // keeps the copy safe
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + length));
        }
        piece.get(bytes, size, length);
        size += length;
    }
}
