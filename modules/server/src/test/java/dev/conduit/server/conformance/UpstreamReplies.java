package dev.conduit.server.conformance;

import dev.conduit.testing.MockReply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A case's {@code upstream} member as the mock's reply:
 * <ul>
 *   <li>{@code {status, headers, body}}: a whole answer; {@code body} JSON, or a string sent as is
 *       (with {@code contentType}, JSON by default);
 *   <li>{@code {stream: [...], framing, cut}}: an event stream, each entry written and flushed on
 *       its own: a JSON object is sent as {@code data: <compact JSON>}, a string as
 *       {@code data: <string>} ({@code "[DONE]"}), {@code {"$event": name, "$data": {...}}} with
 *       its event name, {@code {"$raw": "..."}} verbatim. {@code framing} "crlf" ends lines with
 *       CRLF as Gemini does ("lf" by default); {@code cut} drops the connection after the last.
 * </ul>
 */
final class UpstreamReplies {

    private UpstreamReplies() {}

    static MockReply of(JsonNode spec) {
        if (spec.has("stream")) {
            return new MockReply.Stream(frames(spec), Duration.ZERO, spec.path("cut").asBoolean(false));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        spec.path("headers").properties().forEach(header -> headers.put(header.getKey(), header.getValue().asString()));
        return new MockReply.Whole(spec.path("status").asInt(200), spec.path("contentType").asString("application/json"),
                wholeBody(spec), headers);
    }

    /** The text of a whole answer's body, as the mock sends it. */
    static String wholeBody(JsonNode spec) {
        JsonNode body = spec.get("body");
        return body == null ? "" : body.isString() ? body.asString() : JsonExpect.JSON.writeValueAsString(body);
    }

    /** The stream's writes, one per entry. */
    static List<String> frames(JsonNode spec) {
        String eol = spec.path("framing").asString("lf").equals("crlf") ? "\r\n" : "\n";
        List<String> writes = new ArrayList<>();
        for (JsonNode entry : spec.get("stream")) {
            if (entry.isString()) {
                writes.add("data: " + entry.asString() + eol + eol);
            } else if (entry.has("$raw")) {
                writes.add(entry.get("$raw").asString());
            } else if (entry.has("$event")) {
                writes.add("event: " + entry.get("$event").asString() + eol
                        + "data: " + JsonExpect.JSON.writeValueAsString(entry.get("$data")) + eol + eol);
            } else {
                writes.add("data: " + JsonExpect.JSON.writeValueAsString(entry) + eol + eol);
            }
        }
        return writes;
    }
}
