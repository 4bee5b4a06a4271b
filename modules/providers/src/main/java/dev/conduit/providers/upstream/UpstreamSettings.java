package dev.conduit.providers.upstream;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How upstream connections are made.
 *
 * @param connectTimeout the longest a TCP and TLS connect may take
 * @param idleTimeout the longest an upstream connection may stay silent mid-request
 * @param totalTimeout the longest one upstream request may take in all ({@code API_TIMEOUT_MS})
 * @param proxy an HTTP proxy for every upstream request ({@code PROXY_URL})
 */
public record UpstreamSettings(Duration connectTimeout, Duration idleTimeout, Duration totalTimeout, Optional<URI> proxy) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(120);
}
