package dev.conduit.config;

import java.time.Duration;
import java.util.List;

/**
 * How Conduit guards itself against its clients, and its providers against being reached where
 * they should not be. docs/SECURITY.md gives the reason for each default.
 *
 * @param maxRequestBodyBytes {@code MAX_REQUEST_BODY_BYTES}: a larger body is refused with 413
 *     before it is read
 * @param maxConnections {@code MAX_CONNECTIONS}: client connections beyond this wait in the
 *     operating system's accept queue until one closes
 * @param clientIdleTimeout {@code CLIENT_IDLE_TIMEOUT_MS}: how long a client may keep Conduit
 *     waiting for its next bytes (request head, body, reading the answer, an idle keep-alive);
 *     never applied while Conduit itself waits for a provider
 * @param allowedHosts {@code ALLOWED_HOSTS}: the host names requests may be addressed to (their
 *     {@code Host} header), in lower case, {@code *} for any; empty when not configured, and then
 *     the server decides (loopback names only without {@code APIKEY})
 * @param corsOrigins {@code CORS_ORIGINS}: the web origins whose pages may call Conduit, as
 *     browsers write them ({@code https://app.example.com}), {@code *} for any; empty: none
 * @param denyPrivateUpstreams {@code DENY_PRIVATE_UPSTREAMS}: whether providers on loopback,
 *     private, link-local and other non-public addresses are refused
 */
public record SecuritySettings(
        long maxRequestBodyBytes,
        int maxConnections,
        Duration clientIdleTimeout,
        List<String> allowedHosts,
        List<String> corsOrigins,
        boolean denyPrivateUpstreams) {

    public static final String ANY = "*";
    public static final long DEFAULT_MAX_REQUEST_BODY_BYTES = 32L * 1024 * 1024;
    public static final int DEFAULT_MAX_CONNECTIONS = 1024;
    public static final Duration DEFAULT_CLIENT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    public static final SecuritySettings DEFAULTS = new SecuritySettings(DEFAULT_MAX_REQUEST_BODY_BYTES,
            DEFAULT_MAX_CONNECTIONS, DEFAULT_CLIENT_IDLE_TIMEOUT, List.of(), List.of(), false);

    public SecuritySettings {
        allowedHosts = List.copyOf(allowedHosts);
        corsOrigins = List.copyOf(corsOrigins);
    }
}
