package dev.conduit.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.conduit.protocol.Json;
import dev.conduit.protocol.anthropic.AnthropicEventReader;
import dev.conduit.protocol.openai.OpenAiResponseReader;
import dev.conduit.protocol.sse.SseEvent;
import dev.conduit.protocol.sse.SseException;
import dev.conduit.protocol.sse.SseParser;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Whatever bytes a provider streams, the parser gives the same events however the bytes are split
 * into reads (whole, in two, one byte at a time), fails only with an {@link SseException}, and the
 * event readers take every event's data without an exception of their own.
 */
class SseParserFuzzTest {

    private static final int MAX_LINE = 4096;

    @FuzzTest(maxDuration = "5m")
    void eventStream(byte[] stream) {
        List<SseEvent> whole = parse(stream, stream.length);
        List<SseEvent> halves = parse(stream, Math.max(1, stream.length / 2));
        List<SseEvent> bytes = parse(stream, 1);

        assertThat(halves).isEqualTo(whole);
        assertThat(bytes).isEqualTo(whole);
        if (whole != null) {
            whole.forEach(SseParserFuzzTest::read);
        }
    }

    /** The events, or null when the stream failed (then it must fail however it is split). */
    private static List<SseEvent> parse(byte[] stream, int readSize) {
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add, MAX_LINE);
        try {
            for (int offset = 0; offset < stream.length; offset += readSize) {
                parser.feed(stream, offset, Math.min(readSize, stream.length - offset));
            }
            parser.finish();
            return events;
        } catch (SseException tooLong) {
            return null;
        }
    }

    /** What the adapters do with an event: its data as JSON, read as an Anthropic event and an OpenAI chunk. */
    private static void read(SseEvent event) {
        JsonNode data;
        try {
            data = Json.MAPPER.readTree(event.data());
        } catch (JacksonException notJson) {
            return;
        }
        if (data == null || !data.isObject()) {
            return;
        }
        AnthropicEventReader.event(event.event(), data);
        OpenAiResponseReader.chunk(data);
    }
}
