package dev.conduit.providers;

import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * The client's request as it was sent, for adapters that forward it instead of translating it
 * (when the provider speaks the client's API, unknown fields must survive).
 *
 * @param body the request body; adapters copy it before changing it
 * @param headers the request's headers by lower-case name
 */
public record Inbound(ClientFormat format, ObjectNode body, Map<String, String> headers) {

    public Inbound {
        headers = Map.copyOf(headers);
    }

    public String header(String name) {
        return headers.get(name);
    }
}
