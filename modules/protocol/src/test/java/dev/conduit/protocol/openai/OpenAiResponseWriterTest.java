package dev.conduit.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.conduit.protocol.Json;
import dev.conduit.protocol.anthropic.ContentBlock;
import dev.conduit.protocol.anthropic.MessagesResponse;
import dev.conduit.protocol.anthropic.StopReason;
import dev.conduit.protocol.anthropic.Usage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OpenAiResponseWriterTest {

    private static final String HEAD = "{\"id\":\"chatcmpl-01abc\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"gpt-alias\",";

    private static String write(List<ContentBlock> content, StopReason reason, Usage usage) {
        MessagesResponse response = new MessagesResponse("msg_01abc", "claude-up", content, reason, null, usage);
        return new String(OpenAiResponseWriter.completion(response, "gpt-alias", 1_700_000_000L), StandardCharsets.UTF_8);
    }

    @Test
    void writesTextWithUsageCountingCachedTokensAsPrompt() {
        assertThat(write(List.of(new ContentBlock.Text("Hello \"you\"")), StopReason.END_TURN, new Usage(10, 5, 3, 20)))
                .isEqualTo(HEAD + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello \\\"you\\\"\","
                        + "\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
                        + "\"usage\":{\"prompt_tokens\":33,\"completion_tokens\":5,\"total_tokens\":38,"
                        + "\"prompt_tokens_details\":{\"cached_tokens\":20}}}");
    }

    @Test
    void writesThinkingTextAndToolCallsInOneMessage() {
        List<ContentBlock> content = List.of(
                new ContentBlock.Thinking("Plan: ", "sig"),
                new ContentBlock.RedactedThinking("opaque"),
                new ContentBlock.Thinking("read both.", "sig2"),
                new ContentBlock.Text("Reading "),
                new ContentBlock.ToolUse("toolu_a", "Read", Json.MAPPER.readTree("{\"path\": \"/a\", \"limit\": 10}")),
                new ContentBlock.Text("both."),
                new ContentBlock.ToolUse("toolu_b", "Now", Json.NODES.objectNode()),
                new ContentBlock.Unknown("server_tool_use", Json.NODES.objectNode()));

        assertThat(write(content, StopReason.TOOL_USE, new Usage(7, 30, 0, 0)))
                .isEqualTo(HEAD + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Reading both.\","
                        + "\"refusal\":null,\"reasoning_content\":\"Plan: read both.\",\"tool_calls\":["
                        + "{\"id\":\"toolu_a\",\"type\":\"function\",\"function\":{\"name\":\"Read\",\"arguments\":\"{\\\"path\\\":\\\"/a\\\",\\\"limit\\\":10}\"}},"
                        + "{\"id\":\"toolu_b\",\"type\":\"function\",\"function\":{\"name\":\"Now\",\"arguments\":\"{}\"}}]},"
                        + "\"logprobs\":null,\"finish_reason\":\"tool_calls\"}],"
                        + "\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":30,\"total_tokens\":37,"
                        + "\"prompt_tokens_details\":{\"cached_tokens\":0}}}");
    }

    @Test
    void contentIsNullWithoutTextAndEmptyWithEmptyText() {
        ContentBlock call = new ContentBlock.ToolUse("toolu_a", "Now", Json.NODES.objectNode());

        assertThat(write(List.of(call), StopReason.TOOL_USE, Usage.ZERO)).contains("\"content\":null,");
        assertThat(write(List.of(new ContentBlock.Text("")), StopReason.END_TURN, Usage.ZERO)).contains("\"content\":\"\",");
    }

    @Test
    void anIdWithoutTheMessagePrefixIsKeptWhole() {
        MessagesResponse response = new MessagesResponse("gen-42", "m", List.of(), StopReason.END_TURN, null, Usage.ZERO);

        assertThat(new String(OpenAiResponseWriter.completion(response, "m", 1), StandardCharsets.UTF_8))
                .startsWith("{\"id\":\"chatcmpl-gen-42\",");
    }

    static Stream<Arguments> finishReasons() {
        return Stream.of(
                arguments(StopReason.END_TURN, "stop"),
                arguments(StopReason.STOP_SEQUENCE, "stop"),
                arguments(StopReason.PAUSE_TURN, "stop"),
                arguments(StopReason.MAX_TOKENS, "length"),
                arguments(StopReason.TOOL_USE, "tool_calls"),
                arguments(StopReason.REFUSAL, "content_filter"),
                arguments(null, "stop"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("finishReasons")
    void mapsEveryStopReason(StopReason reason, String finishReason) {
        assertThat(write(List.of(new ContentBlock.Text("x")), reason, Usage.ZERO))
                .contains("\"finish_reason\":\"" + finishReason + "\"");
    }
}
