package dev.conduit.server.http;

import dev.conduit.protocol.anthropic.AnthropicWriter;
import dev.conduit.protocol.anthropic.StreamEvent;
import dev.conduit.protocol.sse.SseEvent;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/** A stream in the Messages API's format: {@code event: <type>} and {@code data: <json>}. */
final class AnthropicSseSink extends SseSink {

    AnthropicSseSink(Request request, Response response, AttemptLink link, AccessRecord record) {
        super(request, response, link, record);
    }

    @Override
    protected void write(StreamEvent event) {
        AnthropicWriter.writeSse(event, pending);
    }

    /** An Anthropic upstream's event, byte for byte what its data said (one line: it is JSON). */
    @Override
    public void forward(SseEvent event) {
        StringBuilder frame = new StringBuilder(event.data().length() + 32);
        if (!SseEvent.DEFAULT_TYPE.equals(event.event())) {
            frame.append("event: ").append(event.event()).append('\n');
        }
        for (String line : event.data().split("\n", -1)) {
            frame.append("data: ").append(line).append('\n');
        }
        frame.append('\n');
        pending.writeBytes(frame.toString().getBytes(StandardCharsets.UTF_8));
    }
}
