package dev.conduit.config;

/**
 * A configuration that cannot be used. The message says where (file, line and column when known)
 * and what is wrong, and never quotes a secret.
 */
public final class ConfigException extends Exception {

    public ConfigException(String message) {
        super(message, null, false, false);
    }
}
