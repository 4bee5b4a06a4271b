package dev.conduit.config.internal;

/** One problem or warning about the value at a path. */
public record Finding(JsonPath path, String message) {
}
