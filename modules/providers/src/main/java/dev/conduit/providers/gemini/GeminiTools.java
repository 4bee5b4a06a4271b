package dev.conduit.providers.gemini;

import dev.conduit.protocol.Json;
import dev.conduit.protocol.anthropic.ContentBlock;
import dev.conduit.protocol.anthropic.Message;
import dev.conduit.protocol.anthropic.MessagesRequest;
import dev.conduit.protocol.anthropic.Tool;
import dev.conduit.protocol.anthropic.ToolChoice;
import java.util.HashSet;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Client tools become one {@code functionDeclarations} tool; Anthropic's web search server tool
 * becomes Gemini's {@code googleSearch} (Gemini searches and answers in text; its grounding
 * metadata has no Anthropic form). Other server tools have no Gemini counterpart and are left
 * out, as are {@code defer_loading} tools ToolSearch has not loaded yet.
 */
final class GeminiTools {

    private GeminiTools() {}

    static void apply(MessagesRequest request, ObjectNode body) {
        Set<String> loaded = referencedTools(request);
        ArrayNode declarations = Json.NODES.arrayNode();
        boolean search = false;
        for (Tool tool : request.tools()) {
            if (!tool.isClientTool()) {
                search |= tool.type().startsWith("web_search_");
            } else if (!tool.deferLoading() || loaded.contains(tool.name())) {
                declarations.add(declaration(tool));
            }
        }
        ArrayNode tools = Json.NODES.arrayNode();
        if (!declarations.isEmpty()) {
            tools.addObject().set("functionDeclarations", declarations);
        }
        if (search) {
            tools.addObject().putObject("googleSearch");
        }
        if (!tools.isEmpty()) {
            body.set("tools", tools);
        }
        if (request.toolChoice() != null && !declarations.isEmpty()) {
            body.putObject("toolConfig").set("functionCallingConfig", callingConfig(request.toolChoice()));
        }
    }

    private static ObjectNode declaration(Tool tool) {
        ObjectNode declaration = Json.NODES.objectNode().put("name", tool.name());
        if (tool.description() != null) {
            declaration.put("description", tool.description());
        }
        ObjectNode parameters = GeminiSchemas.clean(tool.inputSchema());
        // Gemini refuses an object schema without properties: a tool without parameters has none
        if (parameters.has("properties")) {
            declaration.set("parameters", parameters);
        }
        return declaration;
    }

    /** {@code disable_parallel_tool_use} has no Gemini counterpart. */
    private static ObjectNode callingConfig(ToolChoice choice) {
        ObjectNode config = Json.NODES.objectNode();
        switch (choice) {
            case ToolChoice.Auto auto -> config.put("mode", "AUTO");
            case ToolChoice.Any any -> config.put("mode", "ANY");
            case ToolChoice.None none -> config.put("mode", "NONE");
            case ToolChoice.Named named -> config.put("mode", "ANY").putArray("allowedFunctionNames").add(named.name());
        }
        return config;
    }

    /** Deferred tools that must be sent: loaded by ToolSearch, or forced by tool_choice. */
    private static Set<String> referencedTools(MessagesRequest request) {
        Set<String> names = new HashSet<>();
        if (request.toolChoice() instanceof ToolChoice.Named named) {
            names.add(named.name());
        }
        for (Message message : request.messages()) {
            for (ContentBlock block : message.content()) {
                if (block instanceof ContentBlock.ToolResult result) {
                    for (ContentBlock inner : result.content()) {
                        if (inner instanceof ContentBlock.ToolReference reference) {
                            names.add(reference.toolName());
                        }
                    }
                } else if (block instanceof ContentBlock.ToolReference reference) {
                    names.add(reference.toolName());
                }
            }
        }
        return names;
    }
}
