package dev.conduit.protocol.openai;

import static dev.conduit.protocol.internal.Nodes.object;
import static dev.conduit.protocol.internal.Nodes.optional;
import static dev.conduit.protocol.internal.Nodes.path;

import dev.conduit.protocol.ProtocolException;
import tools.jackson.databind.JsonNode;

/** Field access the Chat Completions reader needs beyond {@link dev.conduit.protocol.internal.Nodes}. */
final class RequestFields {

    private RequestFields() {}

    static JsonNode required(JsonNode parent, String field, String parentPath) {
        JsonNode value = optional(parent, field);
        if (value == null) {
            throw ProtocolException.at(path(parentPath, field), "field required");
        }
        return value;
    }

    static JsonNode requiredObject(JsonNode parent, String field, String parentPath) {
        return object(required(parent, field, parentPath), path(parentPath, field));
    }

    /** Client-supplied values are echoed in errors only briefly. */
    static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
