package dev.conduit.providers.upstream;

import dev.conduit.config.Secret;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes credentials from text that came from an upstream (error messages often echo a key,
 * whole or partly masked) before it reaches a client or a log line.
 */
public final class Redactor {

    /**
     * Shapes of provider keys (sk-…, sk-or-…, gsk_…, AIza…, xai-…) and bearer tokens, whole or
     * masked with {@code *}. Real keys are long; short look-alikes in prose are left alone.
     */
    private static final Pattern KEY_SHAPES = Pattern.compile(
            "\\b(?:sk-|gsk_|xai-|AIza)[A-Za-z0-9_\\-*]{16,}|(?<=[Bb]earer )[A-Za-z0-9._\\-*]{16,}");

    private final List<Secret> secrets;

    public Redactor(List<Secret> secrets) {
        this.secrets = List.copyOf(secrets);
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (Secret secret : secrets) {
            result = result.replace(secret.reveal(), "****");
        }
        return KEY_SHAPES.matcher(result).replaceAll("****");
    }
}
