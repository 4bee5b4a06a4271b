package dev.conduit.protocol.anthropic;

import java.util.List;

/**
 * A {@code POST /v1/messages} body as far as routing and translation need it. Optional numbers
 * are null when absent; lists are empty when absent.
 *
 * @param system the system prompt as text blocks (a string prompt is one block)
 * @param userId {@code metadata.user_id}, or null
 * @param thinking the thinking configuration, or null when the client sent none
 * @param responseFormat {@code output_config.format} / {@code response_format}, or null for text
 * @param effort {@code output_config.effort} ({@code low}, {@code medium}, {@code high}, …), or
 *     null
 */
public record MessagesRequest(
        String model,
        int maxTokens,
        List<ContentBlock.Text> system,
        List<Message> messages,
        List<Tool> tools,
        ToolChoice toolChoice,
        List<String> stopSequences,
        Double temperature,
        Double topP,
        Integer topK,
        boolean stream,
        String userId,
        Thinking thinking,
        ResponseFormat responseFormat,
        String effort) {

    public MessagesRequest {
        system = List.copyOf(system);
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
        stopSequences = List.copyOf(stopSequences);
    }

    /** A request without output configuration. */
    public MessagesRequest(String model, int maxTokens, List<ContentBlock.Text> system, List<Message> messages,
            List<Tool> tools, ToolChoice toolChoice, List<String> stopSequences, Double temperature, Double topP,
            Integer topK, boolean stream, String userId, Thinking thinking) {
        this(model, maxTokens, system, messages, tools, toolChoice, stopSequences, temperature, topP, topK, stream,
                userId, thinking, null, null);
    }
}
