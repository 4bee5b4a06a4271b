package dev.conduit.providers.upstream;

import dev.conduit.config.ProviderConfig;
import dev.conduit.config.RouteTarget;
import dev.conduit.protocol.Json;
import dev.conduit.providers.UpstreamException;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** What every adapter does with an upstream's answer before reading it in its own API. */
public final class UpstreamAnswers {

    /** The most of an error body that is read: enough for any provider's message. */
    private static final int MAX_ERROR_BYTES = 64 * 1024;

    private UpstreamAnswers() {}

    /** How a provider and model are named in errors and logs. */
    public static String label(ProviderConfig provider, RouteTarget target) {
        return "provider " + provider.name() + " (model " + target.model() + ")";
    }

    /**
     * Throws when the upstream answered with an error status: the status is kept (529 overloaded
     * included) with {@code Retry-After} and the provider's own message, redacted. A redirect is a
     * 502: it is not followed.
     */
    public static void failOnErrorStatus(UpstreamCall call, String label, Redactor redactor) {
        failOnErrorStatus(call, label, redactor, body -> Optional.empty());
    }

    /** @param retryHint a retry delay some providers give only in the body, when there is no header */
    public static void failOnErrorStatus(UpstreamCall call, String label, Redactor redactor,
            Function<byte[], Optional<String>> retryHint) {
        int status = call.status();
        if (status >= 300 && status < 400) {
            // an upstream URL comes from the config only, never from where a provider points
            throw new UpstreamException(502, label + " answered " + status + ", a redirect; Conduit does not follow"
                    + " redirects, so api_base_url must be the provider's final URL", UpstreamException.Kind.BAD_RESPONSE);
        }
        if (status < 400) {
            return;
        }
        byte[] body = call.readSome(MAX_ERROR_BYTES);
        String detail = ErrorBodies.message(body, redactor);
        throw new UpstreamException(status, label + " answered " + status + (detail == null ? "" : ": " + detail),
                call.retryAfter().or(() -> retryHint.apply(body)));
    }

    /** A whole answer that must be a JSON object; anything else is a 502. */
    public static ObjectNode object(byte[] answer, String label) {
        if (!(json(answer, label) instanceof ObjectNode root)) {
            throw new UpstreamException(502, label + " answered with something other than a JSON object",
                    UpstreamException.Kind.BAD_RESPONSE);
        }
        return root;
    }

    /** A whole answer as JSON of any shape; a body that is not JSON is a 502. */
    public static JsonNode json(byte[] answer, String label) {
        try {
            JsonNode root = Json.MAPPER.readTree(answer);
            if (root == null) {
                throw new UpstreamException(502, label + " answered with an empty body", UpstreamException.Kind.BAD_RESPONSE);
            }
            return root;
        } catch (JacksonException e) {
            throw new UpstreamException(502, label + " answered with a body that is not JSON", UpstreamException.Kind.BAD_RESPONSE);
        }
    }
}
