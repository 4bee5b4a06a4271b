package dev.conduit.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A credential. Its {@link #toString()} never shows the value, so a secret that reaches a log
 * line, an exception message or a debugger shows as {@code ****}; {@link #reveal()} is the one way
 * to the value, used where it is sent upstream or compared.
 */
public final class Secret {

    private final String value;

    public Secret(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a secret must not be empty");
        }
        this.value = value;
    }

    public String reveal() {
        return value;
    }

    /** Compares in time independent of where the first difference is. */
    public boolean matches(String candidate) {
        if (candidate == null) {
            return false;
        }
        return MessageDigest.isEqual(
                value.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && secret.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "****";
    }
}
