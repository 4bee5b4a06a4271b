package dev.conduit.providers.gemini;

import static dev.conduit.providers.gemini.GeminiTestSupport.chunk;
import static dev.conduit.providers.gemini.GeminiTestSupport.json;
import static dev.conduit.providers.gemini.GeminiTestSupport.messages;
import static dev.conduit.providers.gemini.GeminiTestSupport.translate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.protocol.Json;
import dev.conduit.protocol.anthropic.AnthropicWriter;
import dev.conduit.protocol.anthropic.StreamEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Gemini answer goes to an Anthropic client as events, the client keeps the blocks as any SDK
 * does, and sends them back in its next request: Gemini must get its signatures back on the
 * parts they came with.
 */
class GeminiSignatureRoundTripTest {

    /** What an Anthropic client keeps of a streamed answer: the content blocks, as wire JSON. */
    private static ArrayNode clientContent(List<StreamEvent> events) {
        ArrayNode blocks = Json.NODES.arrayNode();
        StringBuilder input = new StringBuilder();
        for (StreamEvent event : events) {
            JsonNode wire = json(AnthropicWriter.json(event));
            switch (event) {
                case StreamEvent.ContentBlockStart start -> {
                    blocks.add(wire.get("content_block"));
                    input.setLength(0);
                }
                case StreamEvent.ContentBlockDelta delta -> {
                    ObjectNode block = (ObjectNode) blocks.get(delta.index());
                    JsonNode d = wire.get("delta");
                    switch (d.get("type").stringValue()) {
                        case "text_delta" -> block.put("text", block.get("text").stringValue() + d.get("text").stringValue());
                        case "thinking_delta" -> block.put("thinking",
                                block.get("thinking").stringValue() + d.get("thinking").stringValue());
                        case "signature_delta" -> block.put("signature", d.get("signature").stringValue());
                        default -> input.append(d.get("partial_json").stringValue());
                    }
                }
                case StreamEvent.ContentBlockStop stop -> {
                    ObjectNode block = (ObjectNode) blocks.get(stop.index());
                    if (block.get("type").stringValue().equals("tool_use")) {
                        block.set("input", json(input.toString()));
                    }
                }
                default -> { }
            }
        }
        return blocks;
    }

    private static ArrayNode streamed(String model, String... chunks) {
        List<StreamEvent> events = new ArrayList<>();
        GeminiStreamTranslator translator = new GeminiStreamTranslator(model, events::add);
        for (String chunk : chunks) {
            translator.onChunk(json(chunk));
        }
        translator.onEnd("gem");
        return clientContent(events);
    }

    /** The next request: the question, the client's copy of the answer, and the tool results. */
    private static ObjectNode nextRequest(ArrayNode answer, String results, String model) {
        return translate(messages("[{\"role\":\"user\",\"content\":\"Weather in Paris?\"},"
                + "{\"role\":\"assistant\",\"content\":" + answer + "}" + results + "]"), model);
    }

    @Test
    void aSignedFunctionCallGetsItsSignatureBackOnTheNextTurn() {
        ArrayNode answer = streamed("gemini-2.5-flash",
                chunk("[{\"text\":\"Need the weather.\",\"thought\":true}]", null),
                chunk("[{\"functionCall\":{\"name\":\"get_weather\",\"args\":{\"city\":\"Paris\"}},"
                        + "\"thoughtSignature\":\"Q2lJQkRXZTFQ+/=\"}]", "STOP"));
        String id = answer.get(1).get("id").stringValue();

        ObjectNode next = nextRequest(answer, ",{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\","
                + "\"tool_use_id\":\"" + id + "\",\"content\":\"18 C\"}]}", "gemini-2.5-flash");

        assertThat(answer.get(0)).isEqualTo(json("""
                {"type":"thinking","thinking":"Need the weather.","signature":"gemini:gemini-2.5-flash:Q2lJQkRXZTFQ+/="}"""));
        assertThat(next.get("contents")).isEqualTo(json("""
                [{"role":"user","parts":[{"text":"Weather in Paris?"}]},
                 {"role":"model","parts":[{"functionCall":{"name":"get_weather","args":{"city":"Paris"}},
                                           "thoughtSignature":"Q2lJQkRXZTFQ+/="}]},
                 {"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"output":"18 C"}}}]}]"""));
    }

    @Test
    void parallelCallsKeepTheSignatureOnTheFirstOnly() {
        ArrayNode answer = streamed("gemini-3-pro-preview", chunk("""
                [{"functionCall":{"name":"a","args":{}},"thoughtSignature":"U0lHMQ=="},
                 {"functionCall":{"name":"b","args":{"x":1}}}]""", "STOP"));
        String a = answer.get(1).get("id").stringValue();
        String b = answer.get(2).get("id").stringValue();

        ObjectNode next = nextRequest(answer, ",{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\""
                + a + "\",\"content\":\"1\"},{\"type\":\"tool_result\",\"tool_use_id\":\"" + b + "\",\"content\":\"2\"}]}",
                "gemini-3-pro-preview");

        assertThat(next.at("/contents/1/parts")).isEqualTo(json("""
                [{"functionCall":{"name":"a","args":{}},"thoughtSignature":"U0lHMQ=="},
                 {"functionCall":{"name":"b","args":{"x":1}}}]"""));
    }

    @Test
    void textSignaturesGoBackOnTheTextOrAsTheTrailingEmptyPart() {
        ArrayNode first = streamed("gemini-2.5-flash", chunk("[{\"text\":\"Answer.\",\"thoughtSignature\":\"VDE=\"}]", "STOP"));
        ArrayNode trailing = streamed("gemini-2.5-flash",
                chunk("[{\"text\":\"Answer.\"}]", null), chunk("[{\"text\":\"\",\"thoughtSignature\":\"VDI=\"}]", "STOP"));

        assertThat(nextRequest(first, "", "gemini-2.5-flash").at("/contents/1/parts"))
                .isEqualTo(json("[{\"text\":\"Answer.\",\"thoughtSignature\":\"VDE=\"}]"));
        assertThat(nextRequest(trailing, "", "gemini-2.5-flash").at("/contents/1/parts"))
                .isEqualTo(json("[{\"text\":\"Answer.\"},{\"text\":\"\",\"thoughtSignature\":\"VDI=\"}]"));
    }

    @Test
    void signaturesOfAnotherModelOrProviderAreNotSent() {
        ArrayNode answer = (ArrayNode) json("""
                [{"type":"thinking","thinking":"a","signature":"gemini:gemini-2.5-pro:UFJP"},
                 {"type":"text","text":"one"},
                 {"type":"thinking","thinking":"b","signature":"EqQBCkYIBxgCKkBAnthropicSignature"},
                 {"type":"text","text":"two"}]""");

        assertThat(nextRequest(answer, "", "gemini-2.5-flash").at("/contents/1/parts"))
                .isEqualTo(json("[{\"text\":\"one\"},{\"text\":\"two\"}]"));
    }

    @Test
    void gemini3GetsThePlaceholderForCallsItDidNotSign() {
        ArrayNode answer = (ArrayNode) json("""
                [{"type":"thinking","thinking":"plan","signature":"EqQBAnthropic"},
                 {"type":"tool_use","id":"toolu_A","name":"Read","input":{"file_path":"/a"}},
                 {"type":"tool_use","id":"toolu_B","name":"Read","input":{"file_path":"/b"}}]""");
        String results = ",{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_A\",\"content\":\"a\"},"
                + "{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_B\",\"content\":\"b\"}]}";

        assertThat(nextRequest(answer, results, "gemini-3-pro-preview").at("/contents/1/parts")).isEqualTo(json("""
                [{"functionCall":{"name":"Read","args":{"file_path":"/a"}},"thoughtSignature":"skip_thought_signature_validator"},
                 {"functionCall":{"name":"Read","args":{"file_path":"/b"}}}]"""));
        assertThat(nextRequest(answer, results, "gemini-2.5-flash").at("/contents/1/parts/0").has("thoughtSignature"))
                .as("Gemini 2.5 does not require signatures").isFalse();
    }
}
