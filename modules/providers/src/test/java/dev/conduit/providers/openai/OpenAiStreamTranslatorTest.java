package dev.conduit.providers.openai;

import static dev.conduit.testing.OpenAiChunks.chunk;
import static dev.conduit.testing.OpenAiChunks.finishChunk;
import static dev.conduit.testing.OpenAiChunks.roleChunk;
import static dev.conduit.testing.OpenAiChunks.textChunk;
import static dev.conduit.testing.OpenAiChunks.toolCallArguments;
import static dev.conduit.testing.OpenAiChunks.toolCallStart;
import static dev.conduit.testing.OpenAiChunks.usageChunk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.protocol.Json;
import dev.conduit.protocol.anthropic.AnthropicWriter;
import dev.conduit.protocol.anthropic.ContentBlock;
import dev.conduit.protocol.anthropic.Delta;
import dev.conduit.protocol.anthropic.StreamEvent;
import dev.conduit.protocol.openai.OpenAiResponseReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiStreamTranslatorTest {

    private static final String START = "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_chatcmpl-mock\",\"type\":\"message\","
            + "\"role\":\"assistant\",\"model\":\"mock-model\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
            + "\"usage\":{\"input_tokens\":0,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":0}}}";
    private static final String PING = "{\"type\":\"ping\"}";
    private static final String STOP = "{\"type\":\"message_stop\"}";

    private final List<StreamEvent> events = new ArrayList<>();
    private final OpenAiStreamTranslator translator = new OpenAiStreamTranslator("fallback-model", List.of("END"), events::add);

    private void send(String... chunks) {
        for (String chunk : chunks) {
            translator.onChunk(OpenAiResponseReader.chunk(Json.MAPPER.readTree(chunk)));
        }
    }

    private List<String> json() {
        return events.stream().map(AnthropicWriter::json).toList();
    }

    private static String blockStart(int index, String block) {
        return "{\"type\":\"content_block_start\",\"index\":" + index + ",\"content_block\":" + block + "}";
    }

    private static String textDelta(int index, String text) {
        return "{\"type\":\"content_block_delta\",\"index\":" + index + ",\"delta\":{\"type\":\"text_delta\",\"text\":\"" + text + "\"}}";
    }

    private static String blockStop(int index) {
        return "{\"type\":\"content_block_stop\",\"index\":" + index + "}";
    }

    private static String messageDelta(String stopReason, String stopSequence, int input, int cacheRead, int output) {
        return "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"" + stopReason + "\",\"stop_sequence\":"
                + (stopSequence == null ? "null" : "\"" + stopSequence + "\"") + "},\"usage\":{\"input_tokens\":" + input
                + ",\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":" + cacheRead + ",\"output_tokens\":" + output + "}}";
    }

    /** The concatenated input_json_delta fragments of block {@code index}. */
    private String inputJson(int index) {
        StringBuilder json = new StringBuilder();
        for (StreamEvent event : events) {
            if (event instanceof StreamEvent.ContentBlockDelta(int i, Delta.InputJsonDelta(String partial)) && i == index) {
                json.append(partial);
            }
        }
        return json.toString();
    }

    @Test
    void aTextStreamFollowsTheMessagesGrammarExactly() {
        send(roleChunk(), textChunk("Hello "), textChunk("there."), finishChunk("stop"));
        assertThat(json().getLast()).as("message_delta waits for the usage that follows the finish").isEqualTo(blockStop(0));

        send(usageChunk(12, 3));
        translator.onDone();

        assertThat(json()).containsExactly(
                START,
                PING,
                blockStart(0, "{\"type\":\"text\",\"text\":\"\"}"),
                textDelta(0, "Hello "),
                textDelta(0, "there."),
                blockStop(0),
                messageDelta("end_turn", null, 12, 0, 3),
                STOP);
        assertThat(translator.finished()).isTrue();
    }

    @Test
    void reasoningThenTextIsAThinkingBlockWithSignatureThenATextBlock() {
        send(chunk("{\"reasoning_content\":\"Let me \"}", null), chunk("{\"reasoning_content\":\"think.\"}", null),
                chunk("{\"reasoning\":\"\",\"content\":\"Done.\"}", null), finishChunk("stop"));
        translator.onDone();

        assertThat(json()).containsExactly(
                START,
                PING,
                blockStart(0, "{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}"),
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"Let me \"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"think.\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"\"}}",
                blockStop(0),
                blockStart(1, "{\"type\":\"text\",\"text\":\"\"}"),
                textDelta(1, "Done."),
                blockStop(1),
                messageDelta("end_turn", null, 0, 0, 0),
                STOP);
    }

    @Test
    void twoSequentialToolCallsAreTwoBlocksWithTheirArgumentsInFragments() {
        send(roleChunk(),
                toolCallStart(0, "call_1", "Read"),
                toolCallArguments(0, "{\"file_"),
                toolCallArguments(0, "path\": \"/a\"}"),
                toolCallStart(1, "call_2", "Bash"),
                toolCallArguments(1, "{\"command\":"),
                toolCallArguments(1, "\"ls -la\"}"),
                finishChunk("tool_calls"),
                usageChunk(100, 30));
        translator.onDone();

        assertThat(events).extracting(StreamEvent::name).containsExactly(
                "message_start", "ping",
                "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
                "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
                "message_delta", "message_stop");
        assertThat(events.get(2)).isEqualTo(new StreamEvent.ContentBlockStart(0,
                new ContentBlock.ToolUse("call_1", "Read", Json.NODES.objectNode())));
        assertThat(events.get(6)).isEqualTo(new StreamEvent.ContentBlockStart(1,
                new ContentBlock.ToolUse("call_2", "Bash", Json.NODES.objectNode())));
        assertThat(events.get(5)).isEqualTo(new StreamEvent.ContentBlockStop(0));
        assertThat(events.get(9)).isEqualTo(new StreamEvent.ContentBlockStop(1));
        assertThat(Json.MAPPER.readTree(inputJson(0))).isEqualTo(Json.MAPPER.readTree("{\"file_path\":\"/a\"}"));
        assertThat(Json.MAPPER.readTree(inputJson(1))).isEqualTo(Json.MAPPER.readTree("{\"command\":\"ls -la\"}"));
        assertThat(json().get(10)).isEqualTo(messageDelta("tool_use", null, 100, 0, 30));
    }

    @Test
    void callsWithARepeatedIndexButANewIdOrWithoutIndexAreSeparateBlocks() {
        send(chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"c1\",\"function\":{\"name\":\"Read\",\"arguments\":\"{}\"}}]}", null),
                chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"c2\",\"function\":{\"name\":\"Bash\",\"arguments\":\"{}\"}}]}", null),
                chunk("""
                        {"tool_calls":[{"id":"c3","function":{"name":"Edit","arguments":"{}"}},
                                       {"id":"c4","function":{"name":"Glob","arguments":"{}"}}]}""", null),
                finishChunk("tool_calls"));
        translator.onDone();

        assertThat(events).filteredOn(StreamEvent.ContentBlockStart.class::isInstance).containsExactly(
                new StreamEvent.ContentBlockStart(0, new ContentBlock.ToolUse("c1", "Read", Json.NODES.objectNode())),
                new StreamEvent.ContentBlockStart(1, new ContentBlock.ToolUse("c2", "Bash", Json.NODES.objectNode())),
                new StreamEvent.ContentBlockStart(2, new ContentBlock.ToolUse("c3", "Edit", Json.NODES.objectNode())),
                new StreamEvent.ContentBlockStart(3, new ContentBlock.ToolUse("c4", "Glob", Json.NODES.objectNode())));
        assertThat(inputJson(1)).isEqualTo("{}");
    }

    @Test
    void aToolCallWithoutIdGetsAGeneratedOne() {
        send(chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"name\":\"Read\",\"arguments\":\"{}\"}}]}", null),
                finishChunk("tool_calls"));

        assertThat(events.get(2)).isInstanceOfSatisfying(StreamEvent.ContentBlockStart.class, start ->
                assertThat(((ContentBlock.ToolUse) start.block()).id()).matches("toolu_[0-9A-Za-z]{24}"));
    }

    @Test
    void textThenAToolCallIsToolUseEvenIfTheServerSaysStop() {
        send(textChunk("Let me check."), toolCallStart(0, "call_1", "Read"), toolCallArguments(0, "{}"), finishChunk("stop"));
        translator.onDone();

        assertThat(json()).containsExactly(
                START,
                PING,
                blockStart(0, "{\"type\":\"text\",\"text\":\"\"}"),
                textDelta(0, "Let me check."),
                blockStop(0),
                blockStart(1, "{\"type\":\"tool_use\",\"id\":\"call_1\",\"name\":\"Read\",\"input\":{}}"),
                "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{}\"}}",
                blockStop(1),
                messageDelta("tool_use", null, 0, 0, 0),
                STOP);
    }

    @Test
    void aMatchedStopSequenceAndCachedTokensReachTheMessageDelta() {
        send(textChunk("a"), """
                {"id":"chatcmpl-mock","model":"mock-model","choices":[{"index":0,"delta":{},"finish_reason":"stop","stop_reason":"END"}]}""",
                """
                {"id":"chatcmpl-mock","choices":[],"usage":{"prompt_tokens":100,"completion_tokens":4,"prompt_tokens_details":{"cached_tokens":60}}}""");
        translator.onDone();

        assertThat(json().get(json().size() - 2)).isEqualTo(messageDelta("stop_sequence", "END", 40, 60, 4));
    }

    @Test
    void lengthIsMaxTokens() {
        send(textChunk("a"), finishChunk("length"));
        translator.onDone();

        assertThat(events.get(events.size() - 2)).isInstanceOfSatisfying(StreamEvent.MessageDelta.class,
                delta -> assertThat(delta.stopReason().wireName()).isEqualTo("max_tokens"));
    }

    @Test
    void anEndBeforeTheFinishReasonIsAnErrorAndNoMessageStop() {
        send(textChunk("Hel"));
        translator.onEnd("p");

        assertThat(json()).containsExactly(
                START,
                PING,
                blockStart(0, "{\"type\":\"text\",\"text\":\"\"}"),
                textDelta(0, "Hel"),
                blockStop(0),
                "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":"
                        + "\"the stream from provider p ended before the response was complete\"}}");
        assertThat(translator.finished()).isTrue();
    }

    @Test
    void anEndAfterTheFinishReasonWithoutDoneIsACleanStop() {
        send(textChunk("Hi"), finishChunk("stop"), usageChunk(5, 1));
        translator.onEnd("p");

        assertThat(json().subList(json().size() - 3, json().size())).containsExactly(
                blockStop(0), messageDelta("end_turn", null, 5, 0, 1), STOP);
    }

    @Test
    void failAfterStartClosesTheOpenBlockAndEndsTheStream() {
        send(textChunk("Hel"));
        assertThat(translator.started()).isTrue();

        translator.fail("overloaded_error", "provider p is overloaded");
        send(textChunk("lo"), finishChunk("stop"));
        translator.onDone();
        translator.onEnd("p");

        assertThat(json().subList(4, json().size())).containsExactly(
                blockStop(0),
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"provider p is overloaded\"}}");
    }

    @Test
    void nothingFollowsTheEnd() {
        send(textChunk("Hi"), finishChunk("stop"));
        translator.onDone();
        int count = events.size();

        send(textChunk("more"), usageChunk(9, 9));
        translator.onDone();
        translator.onEnd("p");
        translator.fail("api_error", "late");

        assertThat(events).hasSize(count);
        assertThat(events.getLast()).isEqualTo(new StreamEvent.MessageStop());
    }

    @Test
    void choicesOtherThanTheFirstAreIgnored() {
        send("""
                {"id":"chatcmpl-mock","model":"mock-model","choices":[
                  {"index":1,"delta":{"content":"other"},"finish_reason":null},
                  {"index":0,"delta":{"content":"mine"},"finish_reason":null}]}""",
                """
                {"id":"chatcmpl-mock","model":"mock-model","choices":[{"index":1,"delta":{},"finish_reason":"length"}]}""",
                finishChunk("stop"));
        translator.onDone();

        assertThat(json()).containsExactly(
                START, PING, blockStart(0, "{\"type\":\"text\",\"text\":\"\"}"), textDelta(0, "mine"), blockStop(0),
                messageDelta("end_turn", null, 0, 0, 0), STOP);
    }

    @Test
    void doneWithoutAnyChunkIsAnEmptyMessageUnderTheFallbackModel() {
        translator.onDone();

        assertThat(events).extracting(StreamEvent::name).containsExactly("message_start", "ping", "message_delta", "message_stop");
        StreamEvent.MessageStart start = (StreamEvent.MessageStart) events.getFirst();
        assertThat(start.message().model()).isEqualTo("fallback-model");
        assertThat(start.message().id()).matches("msg_[0-9A-Za-z]{24}");
    }

    @Test
    void nothingIsStartedBeforeTheFirstChunk() {
        assertThat(translator.started()).isFalse();
        assertThat(translator.finished()).isFalse();
        assertThat(events).isEmpty();
    }

    @Test
    void interleavedParallelCallsStreamTheFirstAndSendTheOthersWholeAtTheEnd() {
        send(toolCallStart(0, "call_a", "Read"),
                toolCallStart(1, "call_b", "Glob"),
                toolCallArguments(0, "{\"file_path\":"),
                toolCallArguments(1, "{\"pattern\":"),
                toolCallArguments(0, "\"/a\"}"),
                toolCallArguments(1, "\"*.md\"}"),
                finishChunk("tool_calls"));
        translator.onDone();

        assertThat(events).filteredOn(StreamEvent.ContentBlockStart.class::isInstance).containsExactly(
                new StreamEvent.ContentBlockStart(0, new ContentBlock.ToolUse("call_a", "Read", Json.NODES.objectNode())),
                new StreamEvent.ContentBlockStart(1, new ContentBlock.ToolUse("call_b", "Glob", Json.NODES.objectNode())));
        assertThat(Json.MAPPER.readTree(inputJson(0))).isEqualTo(Json.MAPPER.readTree("{\"file_path\":\"/a\"}"));
        assertThat(Json.MAPPER.readTree(inputJson(1))).isEqualTo(Json.MAPPER.readTree("{\"pattern\":\"*.md\"}"));
        // block 0 streamed live: its first fragment went out before block 1 existed
        int firstFragmentOfA = events.indexOf(new StreamEvent.ContentBlockDelta(0, new Delta.InputJsonDelta("{\"file_path\":")));
        int startOfB = events.indexOf(new StreamEvent.ContentBlockStart(1, new ContentBlock.ToolUse("call_b", "Glob", Json.NODES.objectNode())));
        assertThat(firstFragmentOfA).isLessThan(startOfB);
    }

    @Test
    void aSecondCallGoesLiveAsSoonAsItsOwnFragmentsFollow() {
        send(toolCallStart(0, "call_a", "Read"),
                toolCallArguments(0, "{}"),
                toolCallStart(1, "call_b", "Write"),
                toolCallArguments(1, "{\"content\":\"line 1"));
        int eventsWhileStreaming = events.size();
        send(toolCallArguments(1, " line 2\"}"), finishChunk("tool_calls"));
        translator.onDone();

        assertThat(events.subList(0, eventsWhileStreaming)).contains(
                new StreamEvent.ContentBlockStop(0),
                new StreamEvent.ContentBlockStart(1, new ContentBlock.ToolUse("call_b", "Write", Json.NODES.objectNode())),
                new StreamEvent.ContentBlockDelta(1, new Delta.InputJsonDelta("{\"content\":\"line 1")));
        assertThat(inputJson(1)).isEqualTo("{\"content\":\"line 1 line 2\"}");
    }

    @Test
    void anEmptyFinishReasonMeansNotFinishedYet() {
        send(chunk("{\"content\":\"Hel\"}", ""), chunk("{\"content\":\"lo\"}", ""), finishChunk("stop"));
        translator.onDone();

        assertThat(json()).containsExactly(
                START, PING, blockStart(0, "{\"type\":\"text\",\"text\":\"\"}"), textDelta(0, "Hel"), textDelta(0, "lo"),
                blockStop(0), messageDelta("end_turn", null, 0, 0, 0), STOP);
    }

    @Test
    void contentAfterTheFinishReasonIsIgnoredButUsageCounts() {
        send(textChunk("Hi"), finishChunk("stop"), textChunk(" again"), usageChunk(5, 2));
        translator.onDone();

        assertThat(json()).containsExactly(
                START, PING, blockStart(0, "{\"type\":\"text\",\"text\":\"\"}"), textDelta(0, "Hi"), blockStop(0),
                messageDelta("end_turn", null, 5, 0, 2), STOP);
    }
}
