package dev.conduit.providers.gemini;

import static dev.conduit.providers.gemini.GeminiTestSupport.chunk;
import static dev.conduit.providers.gemini.GeminiTestSupport.eventJson;
import static dev.conduit.providers.gemini.GeminiTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.protocol.anthropic.ContentBlock;
import dev.conduit.protocol.anthropic.StreamEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeminiStreamTranslatorTest {

    static final String START = "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_resp-1\",\"type\":\"message\","
            + "\"role\":\"assistant\",\"model\":\"gemini-2.5-flash\",\"content\":[],\"stop_reason\":null,"
            + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":40,\"cache_creation_input_tokens\":0,"
            + "\"cache_read_input_tokens\":0,\"output_tokens\":0}}}";
    static final String PING = "{\"type\":\"ping\"}";
    static final String STOP = "{\"type\":\"message_stop\"}";

    private final List<StreamEvent> events = new ArrayList<>();
    private final GeminiStreamTranslator translator = new GeminiStreamTranslator("gemini-2.5-flash", events::add);

    private void send(String... chunks) {
        for (String chunk : chunks) {
            translator.onChunk(json(chunk));
        }
    }

    static String blockStart(int index, String block) {
        return "{\"type\":\"content_block_start\",\"index\":" + index + ",\"content_block\":" + block + "}";
    }

    static String delta(int index, String delta) {
        return "{\"type\":\"content_block_delta\",\"index\":" + index + ",\"delta\":" + delta + "}";
    }

    static String blockStop(int index) {
        return "{\"type\":\"content_block_stop\",\"index\":" + index + "}";
    }

    static String messageDelta(String stopReason, int input, int cacheRead, int output) {
        return "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"" + stopReason + "\",\"stop_sequence\":null},"
                + "\"usage\":{\"input_tokens\":" + input + ",\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":"
                + cacheRead + ",\"output_tokens\":" + output + "}}";
    }

    static List<String> toolUseIds(List<StreamEvent> events) {
        List<String> ids = new ArrayList<>();
        for (StreamEvent event : events) {
            if (event instanceof StreamEvent.ContentBlockStart(int index, ContentBlock.ToolUse use)) {
                ids.add(use.id());
            }
        }
        return ids;
    }

    static final String TEXT = "{\"type\":\"text\",\"text\":\"\"}";
    static final String THINKING = "{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}";

    @Test
    void aTextStreamFollowsTheMessagesGrammarExactly() {
        send(chunk("[{\"text\":\"Hello \"}]", null), chunk("[{\"text\":\"there.\"}]", "STOP"));
        translator.onEnd("gem");

        assertThat(eventJson(events)).containsExactly(
                START, PING,
                blockStart(0, TEXT),
                delta(0, "{\"type\":\"text_delta\",\"text\":\"Hello \"}"),
                delta(0, "{\"type\":\"text_delta\",\"text\":\"there.\"}"),
                blockStop(0),
                messageDelta("end_turn", 40, 0, 5),
                STOP);
        assertThat(translator.finished()).isTrue();
    }

    @Test
    void thoughtsStreamAsThinkingAndASignedCallClosesThemWithItsSignature() {
        send(chunk("[{\"text\":\"Let me check \",\"thought\":true}]", null),
                chunk("[{\"text\":\"the weather.\",\"thought\":true}]", null),
                chunk("[{\"text\":\"Checking.\"}]", null),
                chunk("[{\"functionCall\":{\"name\":\"get_weather\",\"args\":{\"city\":\"Paris\"}},\"thoughtSignature\":\"c2lnMQ==\"},"
                        + "{\"functionCall\":{\"name\":\"get_weather\",\"args\":{\"city\":\"Rome\"}}}]", "STOP"));
        translator.onEnd("gem");

        List<String> json = eventJson(events);
        List<String> ids = toolUseIds(events);
        String firstId = ids.get(0);
        String secondId = ids.get(1);
        assertThat(firstId).startsWith("toolu_").isNotEqualTo(secondId);
        assertThat(json).containsExactly(
                START, PING,
                blockStart(0, THINKING),
                delta(0, "{\"type\":\"thinking_delta\",\"thinking\":\"Let me check \"}"),
                delta(0, "{\"type\":\"thinking_delta\",\"thinking\":\"the weather.\"}"),
                delta(0, "{\"type\":\"signature_delta\",\"signature\":\"\"}"),
                blockStop(0),
                blockStart(1, TEXT),
                delta(1, "{\"type\":\"text_delta\",\"text\":\"Checking.\"}"),
                blockStop(1),
                blockStart(2, THINKING),
                delta(2, "{\"type\":\"signature_delta\",\"signature\":\"gemini:gemini-2.5-flash:c2lnMQ==\"}"),
                blockStop(2),
                blockStart(3, "{\"type\":\"tool_use\",\"id\":\"" + firstId + "\",\"name\":\"get_weather\",\"input\":{}}"),
                delta(3, "{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\":\\\"Paris\\\"}\"}"),
                blockStop(3),
                blockStart(4, "{\"type\":\"tool_use\",\"id\":\"" + secondId + "\",\"name\":\"get_weather\",\"input\":{}}"),
                delta(4, "{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\":\\\"Rome\\\"}\"}"),
                blockStop(4),
                messageDelta("tool_use", 40, 0, 5),
                STOP);
    }

    @Test
    void aSignatureRightAfterThoughtsSignsTheThinkingBlockBeforeTheCall() {
        send(chunk("[{\"text\":\"Plan.\",\"thought\":true},"
                + "{\"functionCall\":{\"id\":\"fc-1\",\"name\":\"ls\",\"args\":{}},\"thoughtSignature\":\"U0lH\"}]", "STOP"));
        translator.onEnd("gem");

        assertThat(eventJson(events)).containsExactly(
                START, PING,
                blockStart(0, THINKING),
                delta(0, "{\"type\":\"thinking_delta\",\"thinking\":\"Plan.\"}"),
                delta(0, "{\"type\":\"signature_delta\",\"signature\":\"gemini:gemini-2.5-flash:U0lH\"}"),
                blockStop(0),
                blockStart(1, "{\"type\":\"tool_use\",\"id\":\"fc-1\",\"name\":\"ls\",\"input\":{}}"),
                delta(1, "{\"type\":\"input_json_delta\",\"partial_json\":\"{}\"}"),
                blockStop(1),
                messageDelta("tool_use", 40, 0, 5),
                STOP);
    }

    @Test
    void aSignatureInTheLastEmptyPartBecomesAThinkingBlockAfterTheText() {
        send(chunk("[{\"text\":\"Done.\"}]", null), chunk("[{\"text\":\"\",\"thoughtSignature\":\"RU5E\"}]", "STOP"));
        translator.onEnd("gem");

        assertThat(eventJson(events)).containsExactly(
                START, PING,
                blockStart(0, TEXT),
                delta(0, "{\"type\":\"text_delta\",\"text\":\"Done.\"}"),
                blockStop(0),
                blockStart(1, THINKING),
                delta(1, "{\"type\":\"signature_delta\",\"signature\":\"gemini:gemini-2.5-flash:RU5E\"}"),
                blockStop(1),
                messageDelta("end_turn", 40, 0, 5),
                STOP);
    }

    @Test
    void finishReasonsMapToStopReasons() {
        assertThat(stopReasonOf("MAX_TOKENS")).isEqualTo(messageDelta("max_tokens", 40, 0, 5));
        assertThat(stopReasonOf("SAFETY")).isEqualTo(messageDelta("refusal", 40, 0, 5));
        assertThat(stopReasonOf("RECITATION")).isEqualTo(messageDelta("refusal", 40, 0, 5));
        assertThat(stopReasonOf("BLOCKLIST")).isEqualTo(messageDelta("refusal", 40, 0, 5));
        assertThat(stopReasonOf("PROHIBITED_CONTENT")).isEqualTo(messageDelta("refusal", 40, 0, 5));
        assertThat(stopReasonOf("MALFORMED_FUNCTION_CALL")).isEqualTo(messageDelta("end_turn", 40, 0, 5));
        assertThat(stopReasonOf("OTHER")).isEqualTo(messageDelta("end_turn", 40, 0, 5));
    }

    private static String stopReasonOf(String finishReason) {
        List<StreamEvent> events = new ArrayList<>();
        GeminiStreamTranslator translator = new GeminiStreamTranslator("gemini-2.5-flash", events::add);
        translator.onChunk(json(chunk("[{\"text\":\"x\"}]", finishReason)));
        translator.onEnd("gem");
        return eventJson(events).get(events.size() - 2);
    }

    @Test
    void usageCountsCacheReadsApartAndThinkingAsOutput() {
        send("""
                {"candidates":[{"content":{"parts":[{"text":"ok"}]},"finishReason":"STOP"}],
                 "usageMetadata":{"promptTokenCount":1000,"cachedContentTokenCount":800,"candidatesTokenCount":20,
                                  "thoughtsTokenCount":300,"toolUsePromptTokenCount":7,"totalTokenCount":1327},
                 "modelVersion":"gemini-2.5-pro","responseId":"r9"}""");
        translator.onEnd("gem");

        assertThat(eventJson(events).getFirst()).contains("\"model\":\"gemini-2.5-pro\"",
                "\"usage\":{\"input_tokens\":207,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":800,\"output_tokens\":0}");
        assertThat(eventJson(events)).contains(messageDelta("end_turn", 207, 800, 320));
    }

    @Test
    void aBlockedPromptIsARefusalWithoutContent() {
        send("{\"promptFeedback\":{\"blockReason\":\"PROHIBITED_CONTENT\"},"
                + "\"usageMetadata\":{\"promptTokenCount\":12,\"totalTokenCount\":12},\"modelVersion\":\"gemini-2.5-flash\"}");
        translator.onEnd("gem");

        assertThat(eventJson(events)).hasSize(4).contains(messageDelta("refusal", 12, 0, 0)).endsWith(STOP);
    }

    @Test
    void aStreamCutBeforeItsFinishReasonEndsWithAnErrorNotAStop() {
        send(chunk("[{\"text\":\"Half\"}]", null));
        translator.onEnd("gem");

        assertThat(eventJson(events)).containsExactly(
                START, PING,
                blockStart(0, TEXT),
                delta(0, "{\"type\":\"text_delta\",\"text\":\"Half\"}"),
                blockStop(0),
                "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"the stream from provider gem ended"
                        + " before the response was complete\"}}");
    }

    @Test
    void pingsBeforeTheFirstChunkStartTheMessageFirst() {
        translator.ensureStarted();
        send(chunk("[{\"text\":\"Hi\"}]", "STOP"));

        assertThat(eventJson(events).getFirst()).startsWith("{\"type\":\"message_start\",\"message\":{\"id\":\"msg_")
                .contains("\"model\":\"gemini-2.5-flash\"");
        assertThat(eventJson(events).get(2)).isEqualTo(blockStart(0, TEXT));
    }

    @Test
    void onlyTheFirstCandidateIsForwarded() {
        send("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"A\"}]},\"index\":0},"
                + "{\"content\":{\"parts\":[{\"text\":\"B\"}]},\"index\":1}]}");

        assertThat(eventJson(events)).contains(delta(0, "{\"type\":\"text_delta\",\"text\":\"A\"}"))
                .noneMatch(event -> event.contains("\"B\""));
    }
}
