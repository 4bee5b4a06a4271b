package dev.conduit.protocol.anthropic;

import tools.jackson.databind.JsonNode;

/**
 * A tool the model may call. Client tools have an input schema and no type (or {@code "custom"});
 * server tools ({@code web_search_20250305}, …) have a versioned type. {@code deferLoading} marks
 * a tool that ToolSearch loads on demand.
 */
public record Tool(String name, String description, JsonNode inputSchema, String type, boolean deferLoading) {

    public boolean isClientTool() {
        return type == null || type.equals("custom");
    }
}
