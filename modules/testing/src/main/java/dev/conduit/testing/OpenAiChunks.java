package dev.conduit.testing;

import java.util.ArrayList;
import java.util.List;

/** Builds OpenAI Chat Completions answers and stream chunks for mock upstreams. */
public final class OpenAiChunks {

    private OpenAiChunks() {}

    public static String completion(String text, String finishReason, int promptTokens, int completionTokens) {
        return """
                {"id":"chatcmpl-mock","object":"chat.completion","created":1,"model":"mock-model",
                 "choices":[{"index":0,"message":{"role":"assistant","content":%s},"finish_reason":"%s"}],
                 "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}"""
                .formatted(quote(text), finishReason, promptTokens, completionTokens, promptTokens + completionTokens);
    }

    public static String textChunk(String text) {
        return chunk("{\"content\":" + quote(text) + "}", null);
    }

    public static String roleChunk() {
        return chunk("{\"role\":\"assistant\",\"content\":\"\"}", null);
    }

    public static String toolCallStart(int index, String id, String name) {
        return chunk("{\"tool_calls\":[{\"index\":" + index + ",\"id\":\"" + id + "\",\"type\":\"function\","
                + "\"function\":{\"name\":\"" + name + "\",\"arguments\":\"\"}}]}", null);
    }

    public static String toolCallArguments(int index, String fragment) {
        return chunk("{\"tool_calls\":[{\"index\":" + index + ",\"function\":{\"arguments\":" + quote(fragment) + "}}]}", null);
    }

    public static String finishChunk(String finishReason) {
        return chunk("{}", finishReason);
    }

    public static String usageChunk(int promptTokens, int completionTokens) {
        return "{\"id\":\"chatcmpl-mock\",\"object\":\"chat.completion.chunk\",\"model\":\"mock-model\",\"choices\":[],"
                + "\"usage\":{\"prompt_tokens\":" + promptTokens + ",\"completion_tokens\":" + completionTokens
                + ",\"total_tokens\":" + (promptTokens + completionTokens) + "}}";
    }

    public static String chunk(String delta, String finishReason) {
        return "{\"id\":\"chatcmpl-mock\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"mock-model\","
                + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":"
                + (finishReason == null ? "null" : "\"" + finishReason + "\"") + "}]}";
    }

    /** A plain text answer streamed word by word, with finish reason, usage and [DONE]. */
    public static List<String> textStream(String text, int promptTokens, int completionTokens) {
        List<String> chunks = new ArrayList<>();
        chunks.add(roleChunk());
        for (String word : text.split("(?<= )")) {
            chunks.add(textChunk(word));
        }
        chunks.add(finishChunk("stop"));
        chunks.add(usageChunk(promptTokens, completionTokens));
        return chunks;
    }

    static List<String> frame(List<String> chunks, boolean done) {
        List<String> writes = new ArrayList<>(chunks.size() + 1);
        for (String chunk : chunks) {
            writes.add("data: " + chunk + "\n\n");
        }
        if (done) {
            writes.add("data: [DONE]\n\n");
        }
        return writes;
    }

    public static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
