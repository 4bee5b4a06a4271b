package dev.conduit.protocol.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.protocol.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamEventsTest {

    private static List<String> json(List<StreamEvent> events) {
        return events.stream().map(AnthropicWriter::json).toList();
    }

    @Test
    void replaysAWholeResponseAsTheStreamItWouldHaveBeen() {
        MessagesResponse response = new MessagesResponse("msg_1", "m", List.of(
                new ContentBlock.Thinking("Plan.", "sig"),
                new ContentBlock.Text("Hello"),
                new ContentBlock.ToolUse("toolu_1", "Read", Json.MAPPER.readTree("{\"file_path\":\"/a\"}"))),
                StopReason.TOOL_USE, null, new Usage(10, 5, 2, 3));

        assertThat(json(StreamEvents.of(response))).containsExactly(
                "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\","
                        + "\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":"
                        + "{\"input_tokens\":10,\"cache_creation_input_tokens\":2,\"cache_read_input_tokens\":3,\"output_tokens\":0}}}",
                "{\"type\":\"ping\"}",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"Plan.\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"sig\"}}",
                "{\"type\":\"content_block_stop\",\"index\":0}",
                "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
                "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello\"}}",
                "{\"type\":\"content_block_stop\",\"index\":1}",
                "{\"type\":\"content_block_start\",\"index\":2,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"Read\",\"input\":{}}}",
                "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"file_path\\\":\\\"/a\\\"}\"}}",
                "{\"type\":\"content_block_stop\",\"index\":2}",
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":null},\"usage\":"
                        + "{\"input_tokens\":10,\"cache_creation_input_tokens\":2,\"cache_read_input_tokens\":3,\"output_tokens\":5}}",
                "{\"type\":\"message_stop\"}");
    }

    @Test
    void aThinkingBlockWithoutSignatureGetsAnEmptySignatureDelta() {
        List<StreamEvent> events = StreamEvents.of(new MessagesResponse("msg_1", "m",
                List.of(new ContentBlock.Thinking("x", null)), StopReason.END_TURN, null, Usage.ZERO));

        assertThat(events).contains(new StreamEvent.ContentBlockDelta(0, new Delta.SignatureDelta("")));
    }

    @Test
    void otherBlocksAreSentWholeInTheirStartEvent() {
        ContentBlock redacted = new ContentBlock.RedactedThinking("opaque");
        List<StreamEvent> events = StreamEvents.of(new MessagesResponse("msg_1", "m",
                List.of(redacted), StopReason.END_TURN, null, Usage.ZERO));

        assertThat(events.subList(2, events.size())).containsExactly(
                new StreamEvent.ContentBlockStart(0, redacted),
                new StreamEvent.ContentBlockStop(0),
                new StreamEvent.MessageDelta(StopReason.END_TURN, null, Usage.ZERO),
                new StreamEvent.MessageStop());
    }

    @Test
    void anEmptyResponseIsStartPingDeltaStop() {
        List<StreamEvent> events = StreamEvents.of(new MessagesResponse("msg_1", "m", List.of(),
                StopReason.STOP_SEQUENCE, "END", new Usage(1, 0, 0, 0)));

        assertThat(events).extracting(StreamEvent::name)
                .containsExactly("message_start", "ping", "message_delta", "message_stop");
        assertThat(events.get(2)).isEqualTo(new StreamEvent.MessageDelta(StopReason.STOP_SEQUENCE, "END", new Usage(1, 0, 0, 0)));
    }
}
