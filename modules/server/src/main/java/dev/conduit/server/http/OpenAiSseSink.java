package dev.conduit.server.http;

import dev.conduit.protocol.anthropic.StreamEvent;
import dev.conduit.protocol.openai.OpenAiStreamWriter;
import dev.conduit.protocol.sse.SseEvent;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * A stream in the Chat Completions format: {@code data: <chunk>} frames ending with {@code data:
 * [DONE]}. Keep-alive pings, which the format lacks, become SSE comments, which every client
 * skips.
 */
final class OpenAiSseSink extends SseSink {

    private static final byte[] PING = ": ping\n\n".getBytes(StandardCharsets.US_ASCII);

    private final OpenAiStreamWriter writer;

    OpenAiSseSink(Request request, Response response, AttemptLink link, AccessRecord record, boolean includeUsage) {
        super(request, response, link, record);
        this.writer = new OpenAiStreamWriter(record.model, System.currentTimeMillis() / 1000, includeUsage);
    }

    @Override
    protected void write(StreamEvent event) {
        if (event instanceof StreamEvent.Ping) {
            pending.writeBytes(PING);
            return;
        }
        writer.accept(event, pending::writeBytes);
    }

    /** An OpenAI-compatible upstream's chunk, as it came. */
    @Override
    public void forward(SseEvent event) {
        for (String line : event.data().split("\n", -1)) {
            pending.writeBytes(("data: " + line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        pending.writeBytes(new byte[] {'\n'});
    }
}
