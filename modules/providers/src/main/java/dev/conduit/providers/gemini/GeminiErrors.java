package dev.conduit.providers.gemini;

import dev.conduit.protocol.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * What Gemini's error bodies ({@code {"error":{"code","message","status","details"}}}, sometimes
 * wrapped in an array) say beyond their message.
 */
final class GeminiErrors {

    private GeminiErrors() {}

    /**
     * Gemini sends its quota back-off as {@code google.rpc.RetryInfo} ({@code "retryDelay":"37s"})
     * in the body, not as a header: it becomes {@code Retry-After} in whole seconds, rounded up.
     */
    static Optional<String> retryDelay(byte[] body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JacksonException notJson) {
            return Optional.empty();
        }
        if (root != null && root.isArray()) {
            root = root.path(0);
        }
        if (root == null) {
            return Optional.empty();
        }
        for (JsonNode detail : root.path("error").path("details")) {
            String delay = detail.path("retryDelay").asString("");
            if (detail.path("@type").asString("").endsWith("google.rpc.RetryInfo") && delay.matches("\\d+(\\.\\d+)?s")) {
                BigDecimal seconds = new BigDecimal(delay.substring(0, delay.length() - 1));
                return Optional.of(seconds.setScale(0, RoundingMode.CEILING).toPlainString());
            }
        }
        return Optional.empty();
    }

    /** The status of an error sent inside a stream, when it is one an HTTP answer can carry. */
    static int streamErrorStatus(JsonNode error) {
        int code = error.path("code").asInt(0);
        return code >= 400 && code <= 599 ? code : 502;
    }
}
