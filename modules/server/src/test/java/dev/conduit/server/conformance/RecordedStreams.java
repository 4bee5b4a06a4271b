package dev.conduit.server.conformance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Upstream event streams as providers send them, byte for byte, for the chunking properties:
 * CRLF line ends, a comment line, multi-byte UTF-8 (umlauts, CJK, emoji, a flag, a ZWJ family)
 * in reasoning, text and tool arguments, parallel tool calls, thought signatures.
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
