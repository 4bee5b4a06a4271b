package dev.conduit.server.conformance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Upstream event streams as providers send them, byte for byte, for the chunking properties:
 * CRLF line ends, a comment line, multi-byte UTF-8 (umlauts, CJK, emoji, a flag, a ZWJ family)
 * in reasoning, text and tool arguments, parallel tool calls, thought signatures, Anthropic's
 * named events with partial tool-input JSON.
 */
final class RecordedStreams {

    private RecordedStreams() {}

    /** OpenAI-compatible: reasoning, text, three parallel calls with interleaved fragments, finish, usage, [DONE]. */
    static final byte[] OPENAI = sse(List.of(
            ": keep-alive",
            chunk("{\"role\":\"assistant\",\"content\":null,\"reasoning_content\":\"Ich überlege: 東京 は 🗼\"}", null),
            chunk("{\"reasoning_content\":\"… 🤔 fertig\"}", null),
            chunk("{\"content\":\"Voilà — 天気は晴れ ☀️ \"}", null),
            chunk("{\"content\":\"and 👨‍👩‍👧 (ZWJ)\"}", null),
            chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_x\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\": \\\"Zür\"}}]}", null),
            chunk("{\"tool_calls\":[{\"index\":1,\"id\":\"call_y\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\": \\\"東\"}}]}", null),
            chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"ich 🇨🇭\\\"}\"}}]}", null),
            chunk("{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"京\\\"}\"}}]}", null),
            chunk("{\"tool_calls\":[{\"index\":2,\"id\":\"call_z\",\"type\":\"function\",\"function\":{\"name\":\"now\",\"arguments\":\"\"}}]}", null),
            chunk("{}", "tool_calls"),
            "data: {\"id\":\"chatcmpl-chunky\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"mock-model\","
                    + "\"choices\":[],\"usage\":{\"prompt_tokens\":40,\"completion_tokens\":60,\"total_tokens\":100}}",
            "data: [DONE]"));

    /** Gemini: thought text, signed text, signed and unsigned parallel calls (one without an id), a call without args. */
    static final byte[] GEMINI = sse(List.of(
            gemini("[{\"text\":\"Denke nach… 考え中 🤔\",\"thought\":true}]", null, "\"promptTokenCount\":40,\"totalTokenCount\":40"),
            gemini("[{\"text\":\"Voilà — 天気は晴れ ☀️\",\"thoughtSignature\":\"U0lHLUE=\"}]", null, "\"promptTokenCount\":40,\"totalTokenCount\":40"),
            gemini("[{\"functionCall\":{\"id\":\"fc-1\",\"name\":\"get_weather\",\"args\":{\"city\":\"Zürich 🇨🇭\"}},\"thoughtSignature\":\"U0lHLUI=\"},"
                    + "{\"functionCall\":{\"name\":\"get_weather\",\"args\":{\"city\":\"東京\"}}}]", null,
                    "\"promptTokenCount\":40,\"totalTokenCount\":40"),
            gemini("[{\"functionCall\":{\"id\":\"fc-3\",\"name\":\"now\"}}]", "STOP",
                    "\"promptTokenCount\":40,\"candidatesTokenCount\":20,\"thoughtsTokenCount\":30,\"totalTokenCount\":90")));

    /**
     * Anthropic's Messages API: thinking with its signature, a ping, text, two tool calls whose
     * input streams as partial JSON cut inside words, one without input, then the end.
     */
    static final byte[] ANTHROPIC = sse(List.of(
            anthropic("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_01Chunky\",\"type\":\"message\","
                    + "\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5-20250929\",\"content\":[],\"stop_reason\":null,"
                    + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":40,\"cache_creation_input_tokens\":0,"
                    + "\"cache_read_input_tokens\":0,\"output_tokens\":1}}}"),
            anthropic("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}"),
            anthropic("content_block_delta", delta(0, "thinking_delta", "thinking", "Denke nach… 考え中 🤔")),
            anthropic("content_block_delta", delta(0, "thinking_delta", "thinking", " über 👨‍👩‍👧")),
            anthropic("content_block_delta", delta(0, "signature_delta", "signature", "EqQBCgIYAhIM1gbcDa9GJwZA2b3h+/=")),
            anthropic("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"),
            anthropic("ping", "{\"type\": \"ping\"}"),
            anthropic("content_block_start", "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"),
            anthropic("content_block_delta", delta(1, "text_delta", "text", "Voilà — 天気は晴れ ☀️ ")),
            anthropic("content_block_delta", delta(1, "text_delta", "text", "and 🇨🇭")),
            anthropic("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}"),
            anthropic("content_block_start", toolStart(2, "toolu_01ChunkyZurichCall01", "get_weather")),
            anthropic("content_block_delta", delta(2, "input_json_delta", "partial_json", "{\\\"city\\\": \\\"Zür")),
            anthropic("content_block_delta", delta(2, "input_json_delta", "partial_json", "ich 🇨🇭\\\"}")),
            anthropic("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":2}"),
            anthropic("content_block_start", toolStart(3, "toolu_01ChunkyTokyoCall0001", "get_weather")),
            anthropic("content_block_delta", delta(3, "input_json_delta", "partial_json", "{\\\"city\\\": \\\"東")),
            anthropic("content_block_delta", delta(3, "input_json_delta", "partial_json", "京\\\"}")),
            anthropic("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":3}"),
            anthropic("content_block_start", toolStart(4, "toolu_01ChunkyNowCall000001", "now")),
            anthropic("content_block_delta", delta(4, "input_json_delta", "partial_json", "")),
            anthropic("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":4}"),
            anthropic("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":null},"
                    + "\"usage\":{\"output_tokens\":60}}"),
            anthropic("message_stop", "{\"type\":\"message_stop\"}")));

    private static String anthropic(String event, String data) {
        return "event: " + event + "\r\ndata: " + data;
    }

    /** A content_block_delta whose one string field {@code field} holds {@code json} (already escaped for JSON). */
    private static String delta(int index, String type, String field, String json) {
        return "{\"type\":\"content_block_delta\",\"index\":" + index + ",\"delta\":{\"type\":\"" + type + "\",\""
                + field + "\":\"" + json + "\"}}";
    }

    private static String toolStart(int index, String id, String name) {
        return "{\"type\":\"content_block_start\",\"index\":" + index + ",\"content_block\":{\"type\":\"tool_use\",\"id\":\""
                + id + "\",\"name\":\"" + name + "\",\"input\":{}}}";
    }

    private static String chunk(String delta, String finishReason) {
        return "data: {\"id\":\"chatcmpl-chunky\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"mock-model\","
                + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":"
                + (finishReason == null ? "null" : "\"" + finishReason + "\"") + "}]}";
    }

    private static String gemini(String parts, String finishReason, String usage) {
        return "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":" + parts + "},"
                + (finishReason == null ? "" : "\"finishReason\":\"" + finishReason + "\",")
                + "\"index\":0}],\"usageMetadata\":{" + usage + "},\"modelVersion\":\"gemini-2.5-flash\",\"responseId\":\"resp-chunky\"}";
    }

    /** Each event followed by a blank line, every line ending in CRLF. */
    private static byte[] sse(List<String> events) {
        StringBuilder out = new StringBuilder();
        for (String event : events) {
            out.append(event).append("\r\n\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Offsets where a split is most likely to hurt: inside a UTF-8 character, between CR and LF,
     * inside {@code data:}.
     */
    static List<Integer> trickyOffsets(byte[] bytes) {
        List<Integer> offsets = new ArrayList<>();
        for (int i = 1; i < bytes.length; i++) {
            boolean continuation = (bytes[i] & 0xC0) == 0x80;
            boolean crlf = bytes[i - 1] == '\r' && bytes[i] == '\n';
            boolean inData = i >= 1 && i + 4 <= bytes.length && startsDataAt(bytes, i);
            if (continuation || crlf || inData) {
                offsets.add(i);
            }
        }
        return offsets;
    }

    /** Whether {@code i} falls inside a "data:" that starts within the five bytes before it. */
    private static boolean startsDataAt(byte[] bytes, int i) {
        for (int start = Math.max(0, i - 4); start < i; start++) {
            if (start + 5 <= bytes.length && new String(bytes, start, 5, StandardCharsets.US_ASCII).equals("data:")) {
                return true;
            }
        }
        return false;
    }
}
