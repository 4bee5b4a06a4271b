package dev.conduit.protocol.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.conduit.protocol.Json;
import dev.conduit.protocol.ProtocolException;
import dev.conduit.protocol.anthropic.AnthropicRequestReader;
import dev.conduit.protocol.anthropic.AnthropicRequestWriter;
import dev.conduit.protocol.anthropic.MessagesRequest;
import dev.conduit.protocol.openai.OpenAiRequestReader;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Any bytes a client sends are either refused with a {@link ProtocolException} or a Jackson error
 * (both become a 400) or read into a request that can be written for an Anthropic provider. Any
 * other exception is a bug: the client would get a 500. The corpus under
 * {@code src/test/resources/dev/conduit/protocol/fuzz/RequestReadersFuzzTestInputs} runs in every
 * build; {@code JAZZER_FUZZ=1} searches for more (docs/SECURITY.md).
 */
class RequestReadersFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void anthropicRequest(byte[] body) {
        JsonNode tree = parse(body);
        if (tree == null) {
            return;
        }
        try {
            writeBack(AnthropicRequestReader.read(tree));
        } catch (ProtocolException refused) {
            // a 400 naming the field
        }
        try {
            AnthropicRequestReader.readForCounting(tree);
        } catch (ProtocolException refused) {
            // a 400 naming the field
        }
    }

    @FuzzTest(maxDuration = "5m")
    void openAiRequest(byte[] body) {
        JsonNode tree = parse(body);
        if (tree == null) {
            return;
        }
        try {
            writeBack(OpenAiRequestReader.read(tree));
            OpenAiRequestReader.includeUsage(tree);
        } catch (ProtocolException refused) {
            // a 400 naming the field
        }
    }

    /** The tree, or null when the bytes are no JSON within the limits (a 400 too). */
    private static JsonNode parse(byte[] body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (JacksonException notJson) {
            return null;
        }
    }

    /** What an Anthropic provider is sent: the request written back and serialized. */
    private static void writeBack(MessagesRequest request) {
        Json.MAPPER.writeValueAsBytes(AnthropicRequestWriter.write(request));
    }
}
