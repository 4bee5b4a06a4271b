package dev.conduit.config;

import java.time.Duration;

/**
 * How long Conduit waits on a provider, each limit with its own error.
 *
 * @param connect a TCP and TLS connect ({@code CONNECT_TIMEOUT_MS}, default 10 s)
 * @param firstByte from sending the request to the first byte of the answer's body ({@code
 *     FIRST_BYTE_TIMEOUT_MS}, default 120 s: reasoning models think long before they write)
 * @param streamIdle between two pieces of a streamed answer ({@code STREAM_IDLE_TIMEOUT_MS},
 *     default 120 s)
 * @param total the whole request ({@code API_TIMEOUT_MS}, default 10 min)
 */
public record UpstreamTimeouts(Duration connect, Duration firstByte, Duration streamIdle, Duration total) {

    public static final UpstreamTimeouts DEFAULTS = new UpstreamTimeouts(
            Duration.ofSeconds(10), Duration.ofSeconds(120), Duration.ofSeconds(120), Duration.ofMinutes(10));
}
