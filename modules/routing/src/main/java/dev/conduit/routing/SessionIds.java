package dev.conduit.routing;

import dev.conduit.protocol.Json;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A request's Claude Code session: claude-code-router's {@code user_<id>_session_<session>} form
 * of {@code metadata.user_id}; else the JSON form newer Claude Code versions send there
 * ({@code {"device_id": …, "session_id": …}}); else the {@code x-claude-code-session-id} header.
 */
final class SessionIds {

    static final String HEADER = "x-claude-code-session-id";
    private static final String MARKER = "_session_";
    private static final String SESSION_KEY = "\"session_id\"";

    private SessionIds() {}

    static Optional<String> of(String userId, Map<String, String> headers) {
        if (userId != null) {
            int marker = userId.indexOf(MARKER);
            if (marker >= 0) {
                // claude-code-router takes split("_session_")[1]: up to a second marker, if any
                String rest = userId.substring(marker + MARKER.length());
                int next = rest.indexOf(MARKER);
                return nonEmpty(next < 0 ? rest : rest.substring(0, next));
            }
            if (userId.startsWith("{")) {
                Optional<String> fromJson = fromJson(userId);
                if (fromJson.isPresent()) {
                    return fromJson;
                }
            }
        }
        return nonEmpty(headers.get(HEADER));
    }

    /**
     * {@code session_id} of the JSON form, found without parsing the whole: this runs for every
     * request. A value with escapes, which Claude Code never writes, is left to the JSON parser.
     */
    private static Optional<String> fromJson(String userId) {
        int key = userId.indexOf(SESSION_KEY);
        int colon = key < 0 ? -1 : skipSpaces(userId, key + SESSION_KEY.length());
        if (colon < 0 || colon >= userId.length() || userId.charAt(colon) != ':') {
            return Optional.empty();
        }
        int open = skipSpaces(userId, colon + 1);
        int close = open < userId.length() && userId.charAt(open) == '"' ? userId.indexOf('"', open + 1) : -1;
        if (close < 0) {
            return Optional.empty();
        }
        String value = userId.substring(open + 1, close);
        return value.indexOf('\\') < 0 ? nonEmpty(value) : parsed(userId);
    }

    private static int skipSpaces(String text, int from) {
        int at = from;
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        return at;
    }

    private static Optional<String> parsed(String userId) {
        try {
            JsonNode session = Json.MAPPER.readTree(userId).get("session_id");
            return session != null && session.isString() ? nonEmpty(session.stringValue()) : Optional.empty();
        } catch (JacksonException notJson) {
            return Optional.empty();
        }
    }

    private static Optional<String> nonEmpty(String text) {
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(text.strip());
    }
}
