package dev.conduit.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.protocol.Json;
import dev.conduit.protocol.anthropic.AnthropicWriter;
import dev.conduit.protocol.anthropic.ContentBlock;
import dev.conduit.protocol.anthropic.MessagesResponse;
import dev.conduit.protocol.anthropic.StopReason;
import dev.conduit.protocol.anthropic.Usage;
import dev.conduit.protocol.openai.ChatCompletion;
import dev.conduit.protocol.openai.OpenAiResponseReader;
import dev.conduit.protocol.openai.OpenAiUsage;
import dev.conduit.protocol.openai.ToolCall;
import dev.conduit.testing.OpenAiChunks;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiResponseTranslatorTest {

    private static final String TOOL_ID = "toolu_[0-9A-Za-z]{24}";

    private static ChatCompletion completion(ChatCompletion.Choice choice, OpenAiUsage usage) {
        return new ChatCompletion("chatcmpl-1", "up-model", List.of(choice), usage);
    }

    private static ChatCompletion.Choice choice(String content, List<ToolCall> calls, String finishReason) {
        return new ChatCompletion.Choice(content, null, calls, null, finishReason, null);
    }

    private static MessagesResponse translate(ChatCompletion completion) {
        return OpenAiResponseTranslator.translate(completion, "fallback-model", List.of());
    }

    @Test
    void aTextAnswerIsWrittenAsTheClientSeesIt() {
        ChatCompletion completion = OpenAiResponseReader.completion(
                Json.MAPPER.readTree(OpenAiChunks.completion("Hello there.", "stop", 12, 3)));

        MessagesResponse response = OpenAiResponseTranslator.translate(completion, "fallback-model", List.of());

        assertThat(new String(AnthropicWriter.response(response), StandardCharsets.UTF_8)).isEqualTo(
                "{\"id\":\"msg_chatcmpl-mock\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"mock-model\","
                        + "\"content\":[{\"type\":\"text\",\"text\":\"Hello there.\"}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
                        + "\"usage\":{\"input_tokens\":12,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":3}}");
    }

    @Test
    void aRefusalBecomesTextWhenThereIsNoContent() {
        MessagesResponse refused = translate(completion(
                new ChatCompletion.Choice(null, null, List.of(), "I can't help with that.", "stop", null), null));
        MessagesResponse both = translate(completion(
                new ChatCompletion.Choice("Answer.", null, List.of(), "ignored", "stop", null), null));

        assertThat(refused.content()).containsExactly(new ContentBlock.Text("I can't help with that."));
        assertThat(both.content()).containsExactly(new ContentBlock.Text("Answer."));
    }

    @Test
    void reasoningBecomesAThinkingBlockBeforeTextAndToolCalls() {
        MessagesResponse response = translate(completion(new ChatCompletion.Choice(
                "Reading.", "The user wants a file.", List.of(new ToolCall("call_1", "Read", "{\"file_path\":\"/a\"}")),
                null, "tool_calls", null), null));

        assertThat(response.content()).containsExactly(
                new ContentBlock.Thinking("The user wants a file.", ""),
                new ContentBlock.Text("Reading."),
                new ContentBlock.ToolUse("call_1", "Read", Json.MAPPER.readTree("{\"file_path\":\"/a\"}")));
        assertThat(response.stopReason()).isEqualTo(StopReason.TOOL_USE);
    }

    @Test
    void emptyContentAndReasoningMakeNoBlocks() {
        assertThat(translate(completion(new ChatCompletion.Choice("", "", List.of(), null, "stop", null), null)).content()).isEmpty();
    }

    @ParameterizedTest(name = "arguments {0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            NULL
            ''
            '   '
            '{"file_path":'
            '[1,2]'
            '"text"'
            'not json'
            """)
    void unusableArgumentsBecomeAnEmptyObject(String arguments) {
        MessagesResponse response = translate(completion(
                choice(null, List.of(new ToolCall("call_1", "Read", arguments)), "tool_calls"), null));

        assertThat(response.content()).containsExactly(new ContentBlock.ToolUse("call_1", "Read", Json.NODES.objectNode()));
    }

    @Test
    void missingToolCallIdsAndNamesAreFilledIn() {
        MessagesResponse response = translate(completion(choice(null, List.of(
                new ToolCall(null, "Read", "{}"), new ToolCall("", null, "{}")), "tool_calls"), null));

        assertThat(response.content()).hasSize(2).allSatisfy(block ->
                assertThat(((ContentBlock.ToolUse) block).id()).matches(TOOL_ID));
        assertThat(((ContentBlock.ToolUse) response.content().get(0)).id())
                .isNotEqualTo(((ContentBlock.ToolUse) response.content().get(1)).id());
        assertThat(((ContentBlock.ToolUse) response.content().get(1)).name()).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "NULL", textBlock = """
            stop,           END_TURN
            length,         MAX_TOKENS
            tool_calls,     TOOL_USE
            function_call,  TOOL_USE
            content_filter, REFUSAL
            NULL,           END_TURN
            eos,            END_TURN
            """)
    void finishReasonsMapToStopReasons(String finishReason, StopReason expected) {
        MessagesResponse response = translate(completion(choice("a", List.of(), finishReason), null));

        assertThat(response.stopReason()).isEqualTo(expected);
        assertThat(response.stopSequence()).isNull();
    }

    @Test
    void toolCallsMeanToolUseEvenWhenTheServerSaysStop() {
        assertThat(translate(completion(choice(null, List.of(new ToolCall("c", "Read", "{}")), "stop"), null)).stopReason())
                .isEqualTo(StopReason.TOOL_USE);
    }

    @ParameterizedTest(name = "finish {0}, matched {1} -> {2}")
    @CsvSource(nullValues = "NULL", textBlock = """
            stop,   END,    STOP_SEQUENCE, END
            stop,   OTHER,  END_TURN,      NULL
            stop,   NULL,   END_TURN,      NULL
            length, END,    MAX_TOKENS,    NULL
            """)
    void aRequestedStopSequenceThatMatchedIsReported(String finish, String matched, StopReason reason, String sequence) {
        MessagesResponse response = OpenAiResponseTranslator.translate(
                completion(new ChatCompletion.Choice("a", null, List.of(), null, finish, matched), null),
                "fallback-model", List.of("END", "STOP"));

        assertThat(response.stopReason()).isEqualTo(reason);
        assertThat(response.stopSequence()).isEqualTo(sequence);
    }

    @ParameterizedTest(name = "prompt {0}, cached {1}")
    @CsvSource(textBlock = """
            100, 0,   100, 0
            100, 30,  70,  30
            100, 100, 0,   100
            100, 150, 0,   100
            """)
    void cachedTokensAreCountedApartFromInputTokens(long prompt, long cached, long input, long cacheRead) {
        MessagesResponse response = translate(completion(choice("a", List.of(), "stop"), new OpenAiUsage(prompt, 20, cached, 5)));

        assertThat(response.usage()).isEqualTo(new Usage(input, 20, 0, cacheRead));
    }

    @Test
    void missingUsageIsZero() {
        assertThat(translate(completion(choice("a", List.of(), "stop"), null)).usage()).isEqualTo(Usage.ZERO);
    }

    @Test
    void idAndModelComeFromTheUpstreamWithFallbacks() {
        MessagesResponse named = translate(completion(choice("a", List.of(), "stop"), null));
        MessagesResponse anonymous = translate(new ChatCompletion(null, null, List.of(choice("a", List.of(), "stop")), null));

        assertThat(named.id()).isEqualTo("msg_chatcmpl-1");
        assertThat(named.model()).isEqualTo("up-model");
        assertThat(anonymous.id()).matches("msg_[0-9A-Za-z]{24}");
        assertThat(anonymous.model()).isEqualTo("fallback-model");
    }

    @Test
    void noChoicesIsAnEmptyEndTurn() {
        MessagesResponse response = translate(new ChatCompletion("x", "m", List.of(), new OpenAiUsage(5, 0, 0, 0)));

        assertThat(response.content()).isEmpty();
        assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(response.usage()).isEqualTo(new Usage(5, 0, 0, 0));
    }
}
