package dev.conduit.protocol.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.conduit.protocol.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AnthropicWriterTest {

    private static final String ZERO_USAGE =
            "{\"input_tokens\":0,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":0}";

    static Stream<Arguments> events() {
        return Stream.of(
                arguments(new StreamEvent.MessageStart(new MessagesResponse("msg_1", "up-model", List.of(), null, null, Usage.ZERO)),
                        "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
                                + "\"model\":\"up-model\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":"
                                + ZERO_USAGE + "}}"),
                arguments(new StreamEvent.Ping(), "{\"type\":\"ping\"}"),
                arguments(new StreamEvent.ContentBlockStart(0, new ContentBlock.Text("")),
                        "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"),
                arguments(new StreamEvent.ContentBlockStart(1, new ContentBlock.ToolUse("toolu_1", "Read", Json.NODES.objectNode())),
                        "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":"
                                + "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"Read\",\"input\":{}}}"),
                arguments(new StreamEvent.ContentBlockStart(0, new ContentBlock.Thinking("", null)),
                        "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
                                + "{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}"),
                arguments(new StreamEvent.ContentBlockDelta(0, new Delta.TextDelta("Hi \"you\"\n")),
                        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi \\\"you\\\"\\n\"}}"),
                arguments(new StreamEvent.ContentBlockDelta(2, new Delta.InputJsonDelta("{\"file_path\":")),
                        "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":"
                                + "{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"file_path\\\":\"}}"),
                arguments(new StreamEvent.ContentBlockDelta(0, new Delta.ThinkingDelta("hmm")),
                        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"hmm\"}}"),
                arguments(new StreamEvent.ContentBlockDelta(0, new Delta.SignatureDelta("")),
                        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"\"}}"),
                arguments(new StreamEvent.ContentBlockStop(3), "{\"type\":\"content_block_stop\",\"index\":3}"),
                arguments(new StreamEvent.MessageDelta(StopReason.TOOL_USE, null, new Usage(10, 5, 1, 2)),
                        "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":null},\"usage\":"
                                + "{\"input_tokens\":10,\"cache_creation_input_tokens\":1,\"cache_read_input_tokens\":2,\"output_tokens\":5}}"),
                arguments(new StreamEvent.MessageDelta(StopReason.STOP_SEQUENCE, "END", Usage.ZERO),
                        "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"stop_sequence\",\"stop_sequence\":\"END\"},\"usage\":"
                                + ZERO_USAGE + "}"),
                arguments(new StreamEvent.MessageStop(), "{\"type\":\"message_stop\"}"),
                arguments(new StreamEvent.Error("overloaded_error", "provider p is busy"),
                        "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"provider p is busy\"}}"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("events")
    void writesEachEventExactly(StreamEvent event, String json) {
        assertThat(AnthropicWriter.json(event)).isEqualTo(json);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("events")
    void framesEachEventAsServerSentEvent(StreamEvent event, String json) {
        assertThat(new String(AnthropicWriter.sse(event), StandardCharsets.UTF_8))
                .isEqualTo("event: " + event.name() + "\ndata: " + json + "\n\n");
    }

    @Test
    void writeSseAppendsToWhatIsAlreadyBuffered() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AnthropicWriter.writeSse(new StreamEvent.ContentBlockStop(0), out);
        AnthropicWriter.writeSse(new StreamEvent.MessageStop(), out);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
                        + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    }

    @Test
    void nonAsciiTextIsWrittenAsUtf8() {
        byte[] bytes = AnthropicWriter.sse(new StreamEvent.ContentBlockDelta(0, new Delta.TextDelta("héllo 😀")));

        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"text\":\"héllo 😀\"");
    }

    @Test
    void writesAWholeResponseInApiFieldOrder() {
        MessagesResponse response = new MessagesResponse("msg_abc", "up-model", List.of(
                new ContentBlock.Thinking("Let me see.", null),
                new ContentBlock.RedactedThinking("opaque"),
                new ContentBlock.Text("Reading it."),
                new ContentBlock.ToolUse("toolu_1", "Read", Json.MAPPER.readTree("{\"file_path\":\"/a\",\"limit\":10}"))),
                StopReason.TOOL_USE, null, new Usage(70, 20, 0, 30));

        assertThat(new String(AnthropicWriter.response(response), StandardCharsets.UTF_8)).isEqualTo(
                "{\"id\":\"msg_abc\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"up-model\",\"content\":["
                        + "{\"type\":\"thinking\",\"thinking\":\"Let me see.\",\"signature\":\"\"},"
                        + "{\"type\":\"redacted_thinking\",\"data\":\"opaque\"},"
                        + "{\"type\":\"text\",\"text\":\"Reading it.\"},"
                        + "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"Read\",\"input\":{\"file_path\":\"/a\",\"limit\":10}}],"
                        + "\"stop_reason\":\"tool_use\",\"stop_sequence\":null,"
                        + "\"usage\":{\"input_tokens\":70,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":30,\"output_tokens\":20}}");
    }

    @Test
    void writesNullStopReasonAndAStopSequence() {
        String noReason = new String(AnthropicWriter.response(
                new MessagesResponse("msg_1", "m", List.of(), null, null, Usage.ZERO)), StandardCharsets.UTF_8);
        String sequence = new String(AnthropicWriter.response(
                new MessagesResponse("msg_1", "m", List.of(new ContentBlock.Text("a")), StopReason.STOP_SEQUENCE, "END", Usage.ZERO)),
                StandardCharsets.UTF_8);

        assertThat(noReason).contains(",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,");
        assertThat(sequence).contains(",\"stop_reason\":\"stop_sequence\",\"stop_sequence\":\"END\",");
    }

    @Test
    void passesDocumentAndUnknownBlocksThroughAsSent() {
        String raw = "{\"type\":\"server_tool_use\",\"id\":\"srvtoolu_1\",\"name\":\"web_search\",\"input\":{\"query\":\"q\"}}";
        MessagesResponse response = new MessagesResponse("msg_1", "m",
                List.of(new ContentBlock.Unknown("server_tool_use", Json.MAPPER.readTree(raw))), StopReason.END_TURN, null, Usage.ZERO);

        assertThat(new String(AnthropicWriter.response(response), StandardCharsets.UTF_8)).contains("\"content\":[" + raw + "]");
    }

    @Test
    void refusesBlocksAnAssistantCannotSend() {
        MessagesResponse response = new MessagesResponse("msg_1", "m",
                List.of(new ContentBlock.ToolResult("toolu_1", List.of(), false)), StopReason.END_TURN, null, Usage.ZERO);

        assertThatThrownBy(() -> AnthropicWriter.response(response))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an assistant response cannot contain blocks of type tool_result");
    }

    @Test
    void stopReasonsHaveTheirWireNames() {
        assertThat(Stream.of(StopReason.values()).map(StopReason::wireName))
                .containsExactly("end_turn", "max_tokens", "stop_sequence", "tool_use", "pause_turn", "refusal");
    }
}
