package dev.conduit.health;

import java.time.Duration;
import java.util.Objects;

/**
 * What one client request came to, recorded once when it completes. Route, provider and model
 * become metric labels, so they must be names from the config (the route's scenario, the
 * provider key, the configured model), never strings a client sent; {@link #NONE} stands for a
 * request that never reached a provider.
 *
 * @param route             the routing scenario that chose the target, e.g. {@code default}, {@code think}
 * @param provider          the provider that served the final attempt
 * @param model             the model of the final attempt, as configured
 * @param status            the HTTP status the client received
 * @param duration          from the request's arrival to the last byte of the answer
 * @param overhead          the part of {@code duration} not spent waiting on the upstream
 * @param timeToFirstToken  until the first content reached the client, or null (no content, or a whole answer)
 * @param tokens            tokens the provider counted
 * @param stream            whether the answer was streamed
 * @param upstreamError     why the final attempt failed, or null when it did not
 */
public record RequestOutcome(
        String route,
        String provider,
        String model,
        int status,
        Duration duration,
        Duration overhead,
        Duration timeToFirstToken,
        TokenUsage tokens,
        boolean stream,
        UpstreamErrorKind upstreamError) {

    /** The label value for a request that never reached a provider or matched no route. */
    public static final String NONE = "none";

    public RequestOutcome {
        route = Objects.requireNonNullElse(route, NONE);
        provider = Objects.requireNonNullElse(provider, NONE);
        model = Objects.requireNonNullElse(model, NONE);
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(overhead, "overhead");
        tokens = Objects.requireNonNullElse(tokens, TokenUsage.NONE);
    }

    /**
     * A failed request: the gateway answered 5xx, or the upstream failed in a way that is not
     * the client's own mistake (a broken stream fails a request that began with 200).
     */
    public boolean failed() {
        return status >= 500 || upstreamError != null && upstreamError.countsAsFailure();
    }

    /** The {@code kind} label of a failed request: the upstream error, or {@code gateway}. */
    public String failureKind() {
        return upstreamError != null ? upstreamError.label() : "gateway";
    }

    /** The provider's latency for health: time to first token, else the time spent upstream. */
    public Duration upstreamLatency() {
        return timeToFirstToken != null ? timeToFirstToken : duration.minus(overhead);
    }
}
