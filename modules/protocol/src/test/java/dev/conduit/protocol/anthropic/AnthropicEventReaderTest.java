package dev.conduit.protocol.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.protocol.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AnthropicEventReaderTest {

    private static JsonNode json(String text) {
        return Json.MAPPER.readTree(text);
    }

    private static StreamEvent read(String name, String data) {
        return AnthropicEventReader.event(name, json(data));
    }

    @Test
    void readsEveryEventOfAStream() {
        assertThat(read("message_start", """
                {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-x",
                 "content":[],"stop_reason":null,"stop_sequence":null,
                 "usage":{"input_tokens":25,"cache_read_input_tokens":5,"output_tokens":1}}}"""))
                .isEqualTo(new StreamEvent.MessageStart(new MessagesResponse("msg_1", "claude-x", List.of(), null, null,
                        new Usage(25, 1, 0, 5))));
        assertThat(read("content_block_start", """
                {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}"""))
                .isEqualTo(new StreamEvent.ContentBlockStart(0, new ContentBlock.Thinking("", "")));
        assertThat(read("content_block_delta", """
                {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Hmm."}}"""))
                .isEqualTo(new StreamEvent.ContentBlockDelta(0, new Delta.ThinkingDelta("Hmm.")));
        assertThat(read("content_block_delta", """
                {"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EqQB"}}"""))
                .isEqualTo(new StreamEvent.ContentBlockDelta(0, new Delta.SignatureDelta("EqQB")));
        assertThat(read("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"))
                .isEqualTo(new StreamEvent.ContentBlockStop(0));
        assertThat(read("content_block_start", """
                {"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}"""))
                .isEqualTo(new StreamEvent.ContentBlockStart(1, new ContentBlock.Text("")));
        assertThat(read("content_block_delta", """
                {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Hi"}}"""))
                .isEqualTo(new StreamEvent.ContentBlockDelta(1, new Delta.TextDelta("Hi")));
        assertThat(read("content_block_start", """
                {"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_1","name":"Read","input":{}}}"""))
                .isEqualTo(new StreamEvent.ContentBlockStart(2, new ContentBlock.ToolUse("toolu_1", "Read", Json.NODES.objectNode())));
        assertThat(read("content_block_delta", """
                {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\\"pa"}}"""))
                .isEqualTo(new StreamEvent.ContentBlockDelta(2, new Delta.InputJsonDelta("{\"pa")));
        assertThat(read("message_delta", """
                {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":15}}"""))
                .isEqualTo(new StreamEvent.MessageDelta(StopReason.TOOL_USE, null, new Usage(0, 15, 0, 0)));
        assertThat(read("message_stop", "{\"type\":\"message_stop\"}")).isEqualTo(new StreamEvent.MessageStop());
        assertThat(read("ping", "{\"type\": \"ping\"}")).isEqualTo(new StreamEvent.Ping());
    }

    @Test
    void readsAnErrorEvent() {
        assertThat(read("error", """
                {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"""))
                .isEqualTo(new StreamEvent.Error("overloaded_error", "Overloaded"));
        assertThat(read("error", "{\"type\":\"error\"}"))
                .isEqualTo(new StreamEvent.Error("api_error", "the provider reported an error"));
    }

    @Test
    void serverToolBlocksAreKeptRaw() {
        JsonNode block = json("{\"type\":\"server_tool_use\",\"id\":\"srvtoolu_1\",\"name\":\"web_search\",\"input\":{}}");

        assertThat(read("content_block_start", "{\"type\":\"content_block_start\",\"index\":3,\"content_block\":" + block + "}"))
                .isEqualTo(new StreamEvent.ContentBlockStart(3, new ContentBlock.Unknown("server_tool_use", block)));
    }

    @Test
    void unknownEventsAndDeltasAreSkipped() {
        assertThat(read("something_new", "{\"type\":\"something_new\",\"x\":1}")).isNull();
        assertThat(read("content_block_delta", """
                {"type":"content_block_delta","index":1,"delta":{"type":"citations_delta","citation":{"type":"char_location"}}}"""))
                .isNull();
        assertThat(read("content_block_start", "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{}}")).isNull();
    }

    @Test
    void theSseEventNameServesWhenTheDataHasNoType() {
        assertThat(read("message_stop", "{}")).isEqualTo(new StreamEvent.MessageStop());
        assertThat(read("message", "{}")).isNull();
    }
}
