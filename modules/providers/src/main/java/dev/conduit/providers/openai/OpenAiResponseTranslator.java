package dev.conduit.providers.openai;

import dev.conduit.protocol.Json;
import dev.conduit.protocol.anthropic.ContentBlock;
import dev.conduit.protocol.anthropic.MessagesResponse;
import dev.conduit.protocol.anthropic.StopReason;
import dev.conduit.protocol.openai.ChatCompletion;
import dev.conduit.protocol.openai.ToolCall;
import dev.conduit.providers.upstream.Ids;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Translates a whole Chat Completions answer into a Messages API response. */
public final class OpenAiResponseTranslator {

    private OpenAiResponseTranslator() {}

    public static MessagesResponse translate(ChatCompletion completion, String fallbackModel, List<String> stopSequences) {
        List<ContentBlock> content = new ArrayList<>();
        String finishReason = null;
        String matchedStop = null;
        if (!completion.choices().isEmpty()) {
            ChatCompletion.Choice choice = completion.choices().getFirst();
            finishReason = choice.finishReason();
            matchedStop = choice.matchedStop();
            if (choice.reasoning() != null && !choice.reasoning().isEmpty()) {
                content.add(new ContentBlock.Thinking(choice.reasoning(), ""));
            }
            if (choice.content() != null && !choice.content().isEmpty()) {
                content.add(new ContentBlock.Text(choice.content()));
            } else if (choice.refusal() != null && !choice.refusal().isEmpty()) {
                content.add(new ContentBlock.Text(choice.refusal()));
            }
            for (ToolCall call : choice.toolCalls()) {
                content.add(new ContentBlock.ToolUse(
                        call.id() == null || call.id().isEmpty() ? Ids.toolUseId() : call.id(),
                        call.name() == null ? "" : call.name(),
                        toolInput(call.arguments())));
            }
        }
        boolean toolCalls = content.stream().anyMatch(ContentBlock.ToolUse.class::isInstance);
        StopReason reason = OpenAiMappings.stopReason(finishReason, matchedStop, toolCalls, stopSequences);
        return new MessagesResponse(
                Ids.messageId(completion.id()),
                completion.model() == null ? fallbackModel : completion.model(),
                content,
                reason,
                OpenAiMappings.stopSequence(reason, matchedStop),
                OpenAiMappings.usage(completion.usage()));
    }

    /**
     * A tool call's arguments as a JSON object. Arguments that are empty, or not an object, are
     * given to the client as {@code {}} rather than failing the whole answer.
     */
    static JsonNode toolInput(String arguments) {
        if (arguments == null || arguments.isBlank()) {
            return Json.NODES.objectNode();
        }
        try {
            JsonNode parsed = Json.MAPPER.readTree(arguments);
            return parsed != null && parsed.isObject() ? parsed : Json.NODES.objectNode();
        } catch (JacksonException notJson) {
            return Json.NODES.objectNode();
        }
    }
}
