package dev.conduit.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.protocol.Json;
import dev.conduit.protocol.anthropic.ContentBlock;
import dev.conduit.protocol.anthropic.Delta;
import dev.conduit.protocol.anthropic.MessagesResponse;
import dev.conduit.protocol.anthropic.StopReason;
import dev.conduit.protocol.anthropic.StreamEvent;
import dev.conduit.protocol.anthropic.StreamEvents;
import dev.conduit.protocol.anthropic.Usage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OpenAiStreamWriterTest {

    private static final String HEAD =
            "data: {\"id\":\"chatcmpl-01abc\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"claude-up\",";
    private static final String DONE = "data: [DONE]\n\n";

    private static String chunk(String delta) {
        return HEAD + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"logprobs\":null,\"finish_reason\":null}]}\n\n";
    }

    private static String finish(String reason) {
        return HEAD + "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"" + reason + "\"}]}\n\n";
    }

    private static String arguments(int index, String fragment) {
        return chunk("{\"tool_calls\":[{\"index\":" + index + ",\"function\":{\"arguments\":" + quoted(fragment) + "}}]}");
    }

    private static String quoted(String text) {
        return Json.MAPPER.writeValueAsString(text);
    }

    private static List<String> convert(List<StreamEvent> events, boolean includeUsage) {
        OpenAiStreamWriter writer = new OpenAiStreamWriter("gpt-alias", 1_700_000_000L, includeUsage);
        List<String> frames = new ArrayList<>();
        for (StreamEvent event : events) {
            writer.accept(event, bytes -> frames.add(new String(bytes, StandardCharsets.UTF_8)));
        }
        return frames;
    }

    private static StreamEvent start(Usage usage) {
        return new StreamEvent.MessageStart(new MessagesResponse("msg_01abc", "claude-up", List.of(), null, null, usage));
    }

    private static StreamEvent toolStart(int index, String id, String name) {
        return new StreamEvent.ContentBlockStart(index, new ContentBlock.ToolUse(id, name, Json.NODES.objectNode()));
    }

    private static StreamEvent delta(int index, Delta delta) {
        return new StreamEvent.ContentBlockDelta(index, delta);
    }

    private static StreamEvent json(int index, String fragment) {
        return delta(index, new Delta.InputJsonDelta(fragment));
    }

    /** Thinking, text and two tool calls whose arguments arrive in fragments, as Anthropic streams them. */
    private static final List<StreamEvent> TURN = List.of(
            start(new Usage(12, 1, 0, 4)),
            new StreamEvent.Ping(),
            new StreamEvent.ContentBlockStart(0, new ContentBlock.Thinking("", "")),
            delta(0, new Delta.ThinkingDelta("Read ")),
            delta(0, new Delta.ThinkingDelta("both.")),
            delta(0, new Delta.SignatureDelta("EqQBCgIYAhIM")),
            new StreamEvent.ContentBlockStop(0),
            new StreamEvent.ContentBlockStart(1, new ContentBlock.Text("")),
            delta(1, new Delta.TextDelta("Reading ")),
            delta(1, new Delta.TextDelta("\"a\" and b.")),
            new StreamEvent.ContentBlockStop(1),
            toolStart(2, "toolu_a", "Read"),
            json(2, ""),
            json(2, "{\"path\":"),
            json(2, " \"/a\"}"),
            new StreamEvent.ContentBlockStop(2),
            toolStart(3, "toolu_b", "Glob"),
            json(3, "{\"pattern\""),
            json(3, ":\"*.md\",\"dir\":"),
            json(3, "\"/b\"}"),
            new StreamEvent.ContentBlockStop(3),
            new StreamEvent.Ping(),
            new StreamEvent.MessageDelta(StopReason.TOOL_USE, null, new Usage(0, 57, 0, 0)),
            new StreamEvent.MessageStop());

    @Test
    void convertsAStreamedTurnChunkByChunk() {
        assertThat(convert(TURN, false)).containsExactly(
                chunk("{\"role\":\"assistant\",\"content\":\"\"}"),
                chunk("{\"reasoning_content\":\"Read \"}"),
                chunk("{\"reasoning_content\":\"both.\"}"),
                chunk("{\"content\":\"Reading \"}"),
                chunk("{\"content\":\"\\\"a\\\" and b.\"}"),
                chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"toolu_a\",\"type\":\"function\",\"function\":{\"name\":\"Read\",\"arguments\":\"\"}}]}"),
                arguments(0, "{\"path\":"),
                arguments(0, " \"/a\"}"),
                chunk("{\"tool_calls\":[{\"index\":1,\"id\":\"toolu_b\",\"type\":\"function\",\"function\":{\"name\":\"Glob\",\"arguments\":\"\"}}]}"),
                arguments(1, "{\"pattern\""),
                arguments(1, ":\"*.md\",\"dir\":"),
                arguments(1, "\"/b\"}"),
                finish("tool_calls"),
                DONE);
    }

    @Test
    void aServerToolsBlocksProduceNothing() {
        StreamEvent search = new StreamEvent.ContentBlockStart(0, new ContentBlock.Unknown("server_tool_use",
                Json.MAPPER.readTree("{\"type\":\"server_tool_use\",\"id\":\"srvtoolu_1\",\"name\":\"web_search\",\"input\":{}}")));

        assertThat(convert(List.of(start(Usage.ZERO), search, json(0, "{\"query\":\"java\"}"),
                new StreamEvent.ContentBlockStop(0)), false))
                .containsExactly(chunk("{\"role\":\"assistant\",\"content\":\"\"}"));
    }

    @Test
    void endsWithAUsageChunkWhenTheClientAskedForIt() {
        List<String> frames = convert(TURN, true);

        assertThat(frames.subList(frames.size() - 3, frames.size())).containsExactly(
                finish("tool_calls"),
                HEAD + "\"choices\":[],\"usage\":{\"prompt_tokens\":16,\"completion_tokens\":57,\"total_tokens\":73,"
                        + "\"prompt_tokens_details\":{\"cached_tokens\":4}}}\n\n",
                DONE);
    }

    @Test
    void theArgumentFragmentsOfEachCallConcatenateToItsWholeInput() {
        Map<Integer, StringBuilder> arguments = new TreeMap<>();
        for (JsonNode chunk : parsed(convert(TURN, false))) {
            for (JsonNode call : chunk.path("choices").path(0).path("delta").path("tool_calls")) {
                arguments.computeIfAbsent(call.get("index").intValue(), i -> new StringBuilder())
                        .append(call.path("function").path("arguments").stringValue());
            }
        }

        assertThat(arguments).hasSize(2);
        assertThat(Json.MAPPER.readTree(arguments.get(0).toString())).isEqualTo(Json.MAPPER.readTree("{\"path\":\"/a\"}"));
        assertThat(Json.MAPPER.readTree(arguments.get(1).toString()))
                .isEqualTo(Json.MAPPER.readTree("{\"pattern\":\"*.md\",\"dir\":\"/b\"}"));
    }

    @Test
    void aToolCallWithoutArgumentFragmentsGetsItsInputWhenItsBlockStops() {
        List<String> frames = convert(List.of(
                start(Usage.ZERO),
                toolStart(0, "toolu_n", "Now"),
                json(0, ""),
                new StreamEvent.ContentBlockStop(0)), false);

        assertThat(frames.getLast()).isEqualTo(arguments(0, "{}"));
    }

    @Test
    void anErrorEndsTheStreamWithAnErrorChunkAndNoDone() {
        List<String> frames = convert(List.of(
                start(Usage.ZERO),
                new StreamEvent.ContentBlockStart(0, new ContentBlock.Text("")),
                delta(0, new Delta.TextDelta("Hal")),
                new StreamEvent.Error("overloaded_error", "provider p is overloaded")), true);

        assertThat(frames).containsExactly(
                chunk("{\"role\":\"assistant\",\"content\":\"\"}"),
                chunk("{\"content\":\"Hal\"}"),
                "data: {\"error\":{\"message\":\"provider p is overloaded\",\"type\":\"server_error\",\"param\":null,"
                        + "\"code\":\"overloaded_error\"}}\n\n");
        assertThat(frames).noneMatch(frame -> frame.contains("[DONE]"));
    }

    @Test
    void errorTypesKeepTheirMeaning() {
        assertThat(convert(List.of(new StreamEvent.Error("rate_limit_error", "slow down")), false)).containsExactly(
                "data: {\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit_error\",\"param\":null,\"code\":\"rate_limit_error\"}}\n\n");
        assertThat(convert(List.of(new StreamEvent.Error("invalid_request_error", "too long")), false).getFirst())
                .contains("\"type\":\"invalid_request_error\"");
        assertThat(convert(List.of(new StreamEvent.Error("api_error", "boom")), false).getFirst())
                .contains("\"type\":\"server_error\"");
    }

    @Test
    void aReplayedWholeAnswerStreamsWhatTheWholeAnswerSays() {
        MessagesResponse response = new MessagesResponse("msg_01abc", "claude-up", List.of(
                new ContentBlock.Thinking("plan", "sig"),
                new ContentBlock.Text("Two "),
                new ContentBlock.Text("parts."),
                new ContentBlock.ToolUse("toolu_a", "Read", Json.MAPPER.readTree("{\"path\":\"/a\"}"))),
                StopReason.TOOL_USE, null, new Usage(3, 9, 1, 2));
        JsonNode whole = Json.MAPPER.readTree(OpenAiResponseWriter.completion(response, response.model(), 1_700_000_000L));

        StringBuilder content = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        StringBuilder arguments = new StringBuilder();
        List<JsonNode> chunks = parsed(convert(StreamEvents.of(response), true));
        for (JsonNode chunk : chunks) {
            JsonNode delta = chunk.path("choices").path(0).path("delta");
            content.append(delta.path("content").asString(""));
            reasoning.append(delta.path("reasoning_content").asString(""));
            delta.path("tool_calls").forEach(call -> arguments.append(call.path("function").path("arguments").stringValue()));
        }

        JsonNode message = whole.path("choices").path(0).path("message");
        assertThat(content.toString()).isEqualTo(message.get("content").stringValue());
        assertThat(reasoning.toString()).isEqualTo(message.get("reasoning_content").stringValue());
        assertThat(arguments.toString()).isEqualTo(message.path("tool_calls").path(0).path("function").get("arguments").stringValue());
        assertThat(chunks.get(chunks.size() - 2).path("choices").path(0).get("finish_reason"))
                .isEqualTo(whole.path("choices").path(0).get("finish_reason"));
        assertThat(chunks.getLast().get("usage")).isEqualTo(whole.get("usage"));
        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.get("model")).isEqualTo(whole.get("model")));
    }

    @Test
    void theListFormGivesTheSameFrames() {
        OpenAiStreamWriter writer = new OpenAiStreamWriter("gpt-alias", 1_700_000_000L, false);

        assertThat(writer.accept(start(Usage.ZERO))).extracting(bytes -> new String(bytes, StandardCharsets.UTF_8))
                .containsExactly(chunk("{\"role\":\"assistant\",\"content\":\"\"}"));
        assertThat(writer.accept(new StreamEvent.Ping())).isEmpty();
    }

    /** The JSON of each data frame, without [DONE]. */
    private static List<JsonNode> parsed(List<String> frames) {
        return frames.stream()
                .filter(frame -> !frame.equals(DONE))
                .map(frame -> Json.MAPPER.readTree(frame.substring("data: ".length())))
                .toList();
    }
}
