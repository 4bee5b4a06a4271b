package dev.conduit.config;

import java.util.Optional;

/**
 * A {@code "provider,model"} pair as claude-code-router writes it. The model is everything after
 * the first comma, so model names that contain commas survive.
 */
public record RouteTarget(String provider, String model) {

    public RouteTarget {
        if (provider == null || provider.isBlank() || model == null || model.isBlank()) {
            throw new IllegalArgumentException("a route target needs a provider and a model");
        }
    }

    /** Parses {@code "provider,model"}; empty when the text has no comma or an empty side. */
    public static Optional<RouteTarget> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int comma = text.indexOf(',');
        if (comma <= 0 || comma == text.length() - 1) {
            return Optional.empty();
        }
        String provider = text.substring(0, comma).trim();
        String model = text.substring(comma + 1).trim();
        if (provider.isEmpty() || model.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RouteTarget(provider, model));
    }

    @Override
    public String toString() {
        return provider + "," + model;
    }
}
