package dev.conduit.testing;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/** What the mock upstream received: path with query, headers (lower-case names) and JSON body. */
public record RecordedRequest(String method, String path, Map<String, String> headers, JsonNode body) {

    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
}
