package dev.conduit.providers.gemini;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Where a model's requests go. As in claude-code-router's gemini transformer, the configured
 * {@code api_base_url} is the models prefix ({@code https://generativelanguage.googleapis.com/v1beta/models/})
 * and the model and method follow it; a query the base carries is kept. The key never goes in the
 * URL (it would end up in proxy and access logs): it is sent as {@code x-goog-api-key}.
 */
final class GeminiEndpoint {

    private GeminiEndpoint() {}

    static URI of(URI base, String model, boolean stream) {
        String text = base.toString();
        int cut = minPositive(text.indexOf('?'), text.indexOf('#'));
        String prefix = cut < 0 ? text : text.substring(0, cut);
        StringBuilder uri = new StringBuilder(prefix);
        if (!prefix.endsWith("/")) {
            uri.append('/');
        }
        uri.append(pathSegment(model)).append(stream ? ":streamGenerateContent" : ":generateContent");
        String query = base.getRawQuery();
        if (stream) {
            uri.append("?alt=sse");
            if (query != null && !query.isEmpty()) {
                uri.append('&').append(query);
            }
        } else if (query != null && !query.isEmpty()) {
            uri.append('?').append(query);
        }
        return URI.create(uri.toString());
    }

    /** The model name with everything but unreserved characters percent-encoded. */
    private static String pathSegment(String model) {
        StringBuilder out = new StringBuilder();
        for (byte b : model.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static int minPositive(int a, int b) {
        if (a < 0) {
            return b;
        }
        return b < 0 ? a : Math.min(a, b);
    }
}
