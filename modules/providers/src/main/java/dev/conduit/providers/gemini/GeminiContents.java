package dev.conduit.providers.gemini;

import dev.conduit.protocol.Json;
import dev.conduit.protocol.ProtocolException;
import dev.conduit.protocol.anthropic.ContentBlock;
import dev.conduit.protocol.anthropic.Message;
import dev.conduit.protocol.anthropic.Role;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The conversation as Gemini {@code contents}: user and assistant messages become {@code user}
 * and {@code model} turns (consecutive turns of one role are merged, as Anthropic does), tool
 * calls and results become {@code functionCall} and {@code functionResponse} parts, and thought
 * signatures go back on the parts they came with (see {@link GeminiSignatures}).
 */
final class GeminiContents {

    /** Google's documented value for a function call Gemini did not make (or whose signature was lost). */
    private static final String SKIP_VALIDATION = "skip_thought_signature_validator";

    private final String model;
    private final GeminiModel traits;
    private final GeminiParts parts;
    /** Function names by tool_use id, for the results that answer them. */
    private final Map<String, String> calls = new HashMap<>();

    GeminiContents(String model, String providerName) {
        this.model = model;
        this.traits = GeminiModel.of(model);
        this.parts = new GeminiParts(providerName);
    }

    ArrayNode contents(List<Message> messages) {
        ArrayNode contents = Json.NODES.arrayNode();
        for (int i = 0; i < messages.size(); i++) {
            Message message = messages.get(i);
            String at = "messages[" + i + "]";
            ArrayNode turn = switch (message.role()) {
                case USER -> userParts(message.content(), at);
                case ASSISTANT -> modelParts(message.content());
                case SYSTEM -> Json.NODES.arrayNode(); // part of systemInstruction
            };
            if (turn.isEmpty()) {
                continue;
            }
            String role = message.role() == Role.USER ? "user" : "model";
            ObjectNode last = contents.isEmpty() ? null : (ObjectNode) contents.get(contents.size() - 1);
            if (last != null && last.path("role").asString("").equals(role)) {
                ((ArrayNode) last.get("parts")).addAll(turn);
            } else {
                contents.addObject().put("role", role).set("parts", turn);
            }
        }
        if (traits.requiresSignatures()) {
            contents.forEach(GeminiContents::signFirstCall);
        }
        return contents;
    }

    /** Function responses first, then what the tool results carried besides text, then the rest. */
    private ArrayNode userParts(List<ContentBlock> content, String at) {
        ArrayNode responses = Json.NODES.arrayNode();
        ArrayNode attachments = Json.NODES.arrayNode();
        ArrayNode rest = Json.NODES.arrayNode();
        for (int i = 0; i < content.size(); i++) {
            String blockAt = at + ".content[" + i + "]";
            if (content.get(i) instanceof ContentBlock.ToolResult result) {
                responses.addObject().set("functionResponse", functionResponse(result, blockAt, attachments));
            } else {
                parts.add(content.get(i), blockAt, rest);
            }
        }
        return responses.addAll(attachments).addAll(rest);
    }

    private ObjectNode functionResponse(ContentBlock.ToolResult result, String at, ArrayNode attachments) {
        String name = calls.get(result.toolUseId());
        if (name == null) {
            throw ProtocolException.at(at + ".tool_use_id",
                    "no earlier tool_use has this id; Gemini needs the name of the function a result answers");
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < result.content().size(); i++) {
            switch (result.content().get(i)) {
                case ContentBlock.Text part -> appendLine(text, part.text());
                case ContentBlock.ToolReference reference -> appendLine(text, "Tool " + reference.toolName() + " loaded.");
                case ContentBlock block -> parts.add(block, at + ".content[" + i + "]", attachments);
            }
        }
        ObjectNode response = Json.NODES.objectNode();
        if (isGeminiId(result.toolUseId())) {
            response.put("id", result.toolUseId());
        }
        response.put("name", name);
        // Gemini reads "output" as the function's result and "error" as its failure
        response.putObject("response").put(result.isError() ? "error" : "output", text.toString());
        return response;
    }

    /** Signed thinking blocks give their signature to the part that follows them. */
    private ArrayNode modelParts(List<ContentBlock> content) {
        ArrayNode out = Json.NODES.arrayNode();
        String signature = null;
        for (ContentBlock block : content) {
            if (block instanceof ContentBlock.Thinking thinking) {
                String own = GeminiSignatures.unwrap(thinking.signature(), model).orElse(null);
                if (own != null && signature != null) {
                    out.add(signatureOnly(signature));
                }
                signature = own != null ? own : signature;
                continue;
            }
            ObjectNode part = switch (block) {
                case ContentBlock.Text text -> Json.NODES.objectNode().put("text", text.text());
                case ContentBlock.ToolUse use -> functionCall(use);
                default -> null; // redacted thinking and server-tool blocks have no Gemini form
            };
            if (part != null) {
                if (signature != null) {
                    part.put("thoughtSignature", signature);
                    signature = null;
                }
                out.add(part);
            }
        }
        if (signature != null) {
            out.add(signatureOnly(signature));
        }
        return out;
    }

    private ObjectNode functionCall(ContentBlock.ToolUse use) {
        calls.put(use.id(), use.name());
        ObjectNode call = Json.NODES.objectNode();
        if (isGeminiId(use.id())) {
            call.put("id", use.id());
        }
        call.put("name", use.name()).set("args", use.input());
        return Json.NODES.objectNode().set("functionCall", call);
    }

    private static ObjectNode signatureOnly(String signature) {
        return Json.NODES.objectNode().put("text", "").put("thoughtSignature", signature);
    }

    /**
     * Gemini 3 validates the signature of the first function call of each model turn. A turn
     * whose first call has none (made by another model, or before this adapter) gets Google's
     * documented placeholder instead of failing the request.
     */
    private static void signFirstCall(JsonNode content) {
        if (!content.path("role").asString("").equals("model")) {
            return;
        }
        for (JsonNode part : content.path("parts")) {
            if (part.has("functionCall")) {
                if (!part.has("thoughtSignature")) {
                    ((ObjectNode) part).put("thoughtSignature", SKIP_VALIDATION);
                }
                return;
            }
        }
    }

    /**
     * Ids made up for Gemini's id-less calls ({@code toolu_…}, like Anthropic's own) are not
     * sent: an id Gemini never issued has nothing to match.
     */
    private static boolean isGeminiId(String id) {
        return !id.startsWith("toolu_");
    }

    private static void appendLine(StringBuilder text, String line) {
        if (!text.isEmpty()) {
            text.append('\n');
        }
        text.append(line);
    }
}
