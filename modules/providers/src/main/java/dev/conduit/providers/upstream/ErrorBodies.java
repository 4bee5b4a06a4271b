package dev.conduit.providers.upstream;

import dev.conduit.protocol.Json;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Finds the human-readable message in an upstream's error body, whatever shape it has. */
public final class ErrorBodies {

    private static final int MAX_MESSAGE_LENGTH = 500;

    private ErrorBodies() {}

    /**
     * The message, or a short description of the body when it has none; null for a blank body.
     * Credentials are removed before the message is shortened, so a cut cannot split a key.
     */
    public static String message(byte[] body, Redactor redactor) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return null;
        }
        try {
            JsonNode root = Json.MAPPER.readTree(body);
            if (root == null || root.isNull()) {
                return null;
            }
            String message = fromJson(root);
            if (message != null) {
                return shorten(redactor.redact(message));
            }
        } catch (JacksonException notJson) {
            // fall through to the text checks below
        }
        if (text.startsWith("<")) {
            return "an HTML page instead of an API error";
        }
        return shorten(redactor.redact(text));
    }

    private static String fromJson(JsonNode root) {
        if (root == null) {
            return null;
        }
        if (root.isArray() && !root.isEmpty()) {
            return fromJson(root.get(0)); // Gemini's OpenAI endpoint wraps errors in an array
        }
        JsonNode error = root.get("error");
        if (error != null) {
            if (error.isString()) {
                return error.stringValue();
            }
            if (error.path("message").isString()) {
                return error.path("message").stringValue();
            }
        }
        for (String field : new String[] {"message", "detail", "error_message"}) {
            if (root.path(field).isString()) {
                return root.path(field).stringValue();
            }
        }
        return null;
    }

    private static String shorten(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= MAX_MESSAGE_LENGTH ? oneLine : oneLine.substring(0, MAX_MESSAGE_LENGTH) + "…";
    }
}
