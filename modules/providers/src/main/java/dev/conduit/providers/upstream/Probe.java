package dev.conduit.providers.upstream;

import dev.conduit.providers.UpstreamException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/** A free request to a provider (GET its model list) that says whether it answers. */
public final class Probe {

    private static final int MAX_ERROR_BYTES = 16 * 1024;

    private Probe() {}

    /** @return empty when the provider answered 2xx, else why not, in a few words without secrets */
    public static Optional<String> run(UpstreamClient client, URI uri, Map<String, String> headers, String label,
            Redactor redactor) {
        try (UpstreamCall call = client.get(uri, headers, label)) {
            call.awaitHead();
            int status = call.status();
            if (status >= 200 && status < 300) {
                call.readSome(MAX_ERROR_BYTES);
                return Optional.empty();
            }
            String detail = ErrorBodies.message(call.readSome(MAX_ERROR_BYTES), redactor);
            return Optional.of("answered " + status + (detail == null ? "" : ": " + detail));
        } catch (UpstreamException failed) {
            String message = failed.getMessage();
            return Optional.of(message.startsWith(label + ": ") ? message.substring(label.length() + 2) : message);
        }
    }

    /**
     * Where an OpenAI-compatible provider lists its models: the chat completions URL with
     * {@code /chat/completions} replaced by {@code /models}.
     */
    public static URI openAiModels(URI chatCompletions) {
        String url = chatCompletions.toString();
        int query = url.indexOf('?');
        String path = query < 0 ? url : url.substring(0, query);
        if (path.endsWith("/chat/completions")) {
            return URI.create(path.substring(0, path.length() - "/chat/completions".length()) + "/models");
        }
        return chatCompletions.resolve("models");
    }
}
