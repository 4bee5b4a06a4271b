package dev.conduit.providers.gemini;

import dev.conduit.protocol.Json;
import dev.conduit.protocol.anthropic.ContentBlock;
import dev.conduit.protocol.anthropic.Message;
import dev.conduit.protocol.anthropic.MessagesRequest;
import dev.conduit.protocol.anthropic.ResponseFormat;
import dev.conduit.protocol.anthropic.Role;
import dev.conduit.protocol.anthropic.Thinking;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Translates a Messages API request into a Gemini {@code generateContent} request body (the same
 * body serves {@code streamGenerateContent}).
 *
 * <p>System blocks and Claude Code's {@code role:"system"} messages become the parts of
 * {@code systemInstruction}; sampling parameters go into {@code generationConfig};
 * {@code metadata.user_id} and {@code disable_parallel_tool_use} have no Gemini counterpart.
 */
public final class GeminiRequestTranslator {

    /**
     * Claude Code's first system block carries a per-request billing tag that only Anthropic reads;
     * forwarding it would change the prompt prefix on every request and defeat implicit caching.
     */
    private static final String BILLING_HEADER_PREFIX = "x-anthropic-billing-header:";

    private final String providerName;

    public GeminiRequestTranslator(String providerName) {
        this.providerName = providerName;
    }

    public ObjectNode translate(MessagesRequest request, String upstreamModel) {
        ObjectNode body = Json.NODES.objectNode();
        ArrayNode system = systemParts(request);
        if (!system.isEmpty()) {
            body.putObject("systemInstruction").set("parts", system);
        }
        body.set("contents", new GeminiContents(upstreamModel, providerName).contents(request.messages()));
        GeminiTools.apply(request, body);
        body.set("generationConfig", generationConfig(request, GeminiModel.of(upstreamModel)));
        return body;
    }

    private static ArrayNode systemParts(MessagesRequest request) {
        ArrayNode parts = Json.NODES.arrayNode();
        for (ContentBlock.Text block : request.system()) {
            if (!block.text().startsWith(BILLING_HEADER_PREFIX)) {
                parts.addObject().put("text", block.text());
            }
        }
        for (Message message : request.messages()) {
            if (message.role() == Role.SYSTEM) {
                for (ContentBlock block : message.content()) {
                    if (block instanceof ContentBlock.Text text) {
                        parts.addObject().put("text", text.text());
                    }
                }
            }
        }
        return parts;
    }

    private static ObjectNode generationConfig(MessagesRequest request, GeminiModel model) {
        ObjectNode config = Json.NODES.objectNode();
        int maxTokens = request.maxTokens();
        config.put("maxOutputTokens", Math.min(maxTokens, model.maxOutputTokens().orElse(maxTokens)));
        if (request.temperature() != null) {
            config.put("temperature", request.temperature());
        }
        if (request.topP() != null) {
            config.put("topP", request.topP());
        }
        if (request.topK() != null) {
            config.put("topK", request.topK());
        }
        if (!request.stopSequences().isEmpty()) {
            ArrayNode stop = config.putArray("stopSequences");
            request.stopSequences().forEach(stop::add);
        }
        ObjectNode thinking = thinkingConfig(request.thinking(), model);
        if (thinking != null) {
            config.set("thinkingConfig", thinking);
        }
        responseFormat(request.responseFormat(), config);
        return config;
    }

    /** A JSON answer is Gemini's JSON mode; a schema goes in the same subset tools' schemas do. */
    private static void responseFormat(ResponseFormat format, ObjectNode config) {
        if (format == null) {
            return;
        }
        config.put("responseMimeType", "application/json");
        if (format instanceof ResponseFormat.JsonSchema schema) {
            config.set("responseSchema", GeminiSchemas.clean(schema.schema()));
        }
    }

    /**
     * Enabled thinking keeps its budget (within the model's range), adaptive thinking is Gemini's
     * dynamic budget (-1); both ask for thought summaries, which become thinking blocks. Disabled
     * thinking is budget 0 where the model can think not at all, and otherwise the model's own
     * default, since Gemini refuses budget 0 there.
     */
    private static ObjectNode thinkingConfig(Thinking thinking, GeminiModel model) {
        return switch (thinking) {
            case null -> null;
            case Thinking.Enabled enabled -> Json.NODES.objectNode()
                    .put("thinkingBudget", model.clampThinkingBudget(enabled.budgetTokens()))
                    .put("includeThoughts", true);
            case Thinking.Adaptive adaptive -> Json.NODES.objectNode()
                    .put("thinkingBudget", -1)
                    .put("includeThoughts", true);
            case Thinking.Disabled disabled -> model.canDisableThinking()
                    ? Json.NODES.objectNode().put("thinkingBudget", 0)
                    : null;
        };
    }
}
