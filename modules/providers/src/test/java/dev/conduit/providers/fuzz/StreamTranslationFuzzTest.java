package dev.conduit.providers.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.conduit.protocol.Json;
import dev.conduit.protocol.anthropic.AnthropicWriter;
import dev.conduit.protocol.anthropic.StreamEvent;
import dev.conduit.protocol.openai.OpenAiResponseReader;
import dev.conduit.protocol.openai.OpenAiStreamWriter;
import dev.conduit.protocol.sse.SseEvent;
import dev.conduit.protocol.sse.SseException;
import dev.conduit.protocol.sse.SseParser;
import dev.conduit.providers.gemini.GeminiResponseTranslator;
import dev.conduit.providers.gemini.GeminiStreamTranslator;
import dev.conduit.providers.openai.OpenAiResponseTranslator;
import dev.conduit.providers.openai.OpenAiStreamTranslator;
import dev.conduit.protocol.openai.OpenAiResponseWriter;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Whatever a provider streams or answers, the translation into the hub model and the client's
 * bytes (Anthropic events, OpenAI chunks) ends without an exception other than the parse errors
 * the adapters report as a broken stream.
 */
class StreamTranslationFuzzTest {

    private static final List<String> STOPS = List.of("END");

    @FuzzTest(maxDuration = "5m")
    void openAiStream(byte[] stream) {
        ClientWriters client = new ClientWriters();
        OpenAiStreamTranslator translator = new OpenAiStreamTranslator("fallback-model", STOPS, client);
        events(stream, event -> {
            if (event.data().equals("[DONE]")) {
                translator.onDone();
                return;
            }
            JsonNode chunk = json(event);
            if (chunk != null && chunk.isObject()) {
                translator.onChunk(OpenAiResponseReader.chunk(chunk));
            }
        });
        translator.onEnd("fuzz");
    }

    @FuzzTest(maxDuration = "5m")
    void geminiStream(byte[] stream) {
        GeminiStreamTranslator translator = new GeminiStreamTranslator("fallback-model", new ClientWriters());
        events(stream, event -> {
            JsonNode chunk = json(event);
            if (chunk != null && chunk.isObject() && !chunk.has("error")) {
                translator.onChunk(chunk);
            }
        });
        translator.onEnd("fuzz");
    }

    @FuzzTest(maxDuration = "5m")
    void wholeAnswer(byte[] body) {
        JsonNode answer;
        try {
            answer = Json.MAPPER.readTree(body);
        } catch (JacksonException notJson) {
            return;
        }
        if (answer == null || !answer.isObject()) {
            return;
        }
        for (var response : List.of(
                OpenAiResponseTranslator.translate(OpenAiResponseReader.completion(answer), "fallback-model", STOPS),
                GeminiResponseTranslator.translate(answer, "fallback-model"))) {
            AnthropicWriter.response(response);
            OpenAiResponseWriter.completion(response, response.model(), 0);
        }
    }

    /** Parses the stream as the adapters do; a stream that cannot be parsed ends there. */
    private static void events(byte[] stream, Consumer<SseEvent> onEvent) {
        SseParser parser = new SseParser(onEvent, 64 * 1024);
        try {
            parser.feed(stream, 0, stream.length);
            parser.finish();
        } catch (SseException broken) {
            // the adapter ends the answer with an error
        }
    }

    private static JsonNode json(SseEvent event) {
        if (event.data().isBlank()) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(event.data());
        } catch (JacksonException notJson) {
            throw new SseException("an event is not JSON");
        }
    }

    /** Writes every translated event as both kinds of client receive it. */
    private static final class ClientWriters implements Consumer<StreamEvent> {

        private final OpenAiStreamWriter openAi = new OpenAiStreamWriter("model", 0, true);

        @Override
        public void accept(StreamEvent event) {
            AnthropicWriter.sse(event);
            openAi.accept(event);
        }
    }
}
