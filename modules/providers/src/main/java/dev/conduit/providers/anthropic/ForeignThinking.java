package dev.conduit.providers.anthropic;

import dev.conduit.providers.gemini.GeminiSignatures;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Removes, from a Messages API body bound for Anthropic, the thinking blocks Anthropic did not
 * sign. A conversation routed to several providers carries their thinking too: Gemini's
 * signatures travel as {@code gemini:<model>:<signature>} (see {@link GeminiSignatures}), and
 * OpenAI-compatible answers give thinking an empty signature, since those servers have none.
 * Anthropic verifies every signature it is sent and rejects the whole request over one it did not
 * make, so such blocks are dropped. {@code redacted_thinking} and thinking with any other
 * signature are Anthropic's own and stay.
 *
 * <p>Two consequences are repaired. An assistant message left empty is removed (Anthropic refuses
 * empty content; it joins the user turns around it). And while a tool loop is in progress (the
 * last message returns tool results), Anthropic requires the assistant message it answers to
 * begin with thinking when thinking is on; if that message lost its thinking here, thinking is
 * turned off for this request, the only way it can be answered.
 */
final class ForeignThinking {

    private ForeignThinking() {}

    static void strip(ObjectNode body) {
        if (!(body.get("messages") instanceof ArrayNode messages)) {
            return;
        }
        int last = messages.size() - 1;
        boolean toolLoop = last >= 1 && isToolResults(messages.get(last));
        for (int i = last; i >= 0; i--) {
            JsonNode message = messages.get(i);
            if (!"assistant".equals(message.path("role").asString(null))
                    || !(message.get("content") instanceof ArrayNode blocks)) {
                continue;
            }
            boolean dropped = false;
            for (int j = blocks.size() - 1; j >= 0; j--) {
                if (isForeign(blocks.get(j))) {
                    blocks.remove(j);
                    dropped = true;
                }
            }
            if (dropped && blocks.isEmpty()) {
                messages.remove(i);
            } else if (dropped && toolLoop && i == last - 1 && !startsWithThinking(blocks)) {
                body.remove("thinking");
            }
        }
    }

    private static boolean isForeign(JsonNode block) {
        if (!"thinking".equals(block.path("type").asString(null))) {
            return false;
        }
        JsonNode signature = block.get("signature");
        return signature == null || !signature.isString() || signature.stringValue().isEmpty()
                || GeminiSignatures.isGemini(signature.stringValue());
    }

    private static boolean isToolResults(JsonNode message) {
        if (!"user".equals(message.path("role").asString(null))) {
            return false;
        }
        for (JsonNode block : message.path("content")) {
            if ("tool_result".equals(block.path("type").asString(null))) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWithThinking(ArrayNode blocks) {
        String type = blocks.path(0).path("type").asString("");
        return type.equals("thinking") || type.equals("redacted_thinking");
    }
}
