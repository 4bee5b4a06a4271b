package dev.conduit.providers.anthropic;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.conduit.config.Secret;
import dev.conduit.protocol.anthropic.AnthropicWriter;
import dev.conduit.protocol.anthropic.StreamEvent;
import dev.conduit.protocol.openai.OpenAiStreamWriter;
import dev.conduit.protocol.sse.SseException;
import dev.conduit.protocol.sse.SseParser;
import dev.conduit.providers.RecordingSink;
import dev.conduit.providers.UpstreamException;
import dev.conduit.providers.upstream.Redactor;
import java.util.List;

/**
 * Whatever Anthropic's API streams, forwarding it to an Anthropic client and translating it for an
 * OpenAI client end without an exception other than those the adapter reports to the client.
 */
class AnthropicStreamFuzzTest {

    private static final Redactor REDACTOR = new Redactor(List.of(new Secret("sk-ant-fuzz-0123456789")));

    @FuzzTest(maxDuration = "5m")
    void anthropicStream(byte[] stream) {
        for (boolean forward : List.of(true, false)) {
            RecordingSink sink = new RecordingSink();
            AnthropicStream events = new AnthropicStream(sink, forward, "fallback-model", "provider fuzz", REDACTOR);
            try {
                SseParser parser = new SseParser(events::onEvent, 64 * 1024);
                parser.feed(stream, 0, stream.length);
                parser.finish();
                events.onEnd("fuzz");
            } catch (SseException | UpstreamException reported) {
                // a broken stream: an HTTP error before it started, an in-band error after
            }
            OpenAiStreamWriter openAi = new OpenAiStreamWriter("model", 0, true);
            for (Object written : sink.written) {
                if (written instanceof StreamEvent event) {
                    AnthropicWriter.sse(event);
                    openAi.accept(event);
                }
            }
        }
    }
}
