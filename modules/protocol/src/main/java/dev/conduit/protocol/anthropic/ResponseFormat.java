package dev.conduit.protocol.anthropic;

import tools.jackson.databind.JsonNode;

/**
 * The shape a client requires of the answer: Anthropic's {@code output_config.format}, OpenAI's
 * {@code response_format}. Plain text is the absence of one.
 */
public sealed interface ResponseFormat {

    /**
     * A JSON document that validates against {@code schema}.
     *
     * @param name the schema's name (OpenAI requires one), or null
     * @param strict OpenAI's strict mode as the client asked for it, or null
     */
    record JsonSchema(String name, JsonNode schema, Boolean strict) implements ResponseFormat {}

    /** Any JSON object (OpenAI's {@code json_object}); the Messages API has no equivalent. */
    record JsonObject() implements ResponseFormat {}
}
