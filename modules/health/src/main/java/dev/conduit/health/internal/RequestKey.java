package dev.conduit.health.internal;

import dev.conduit.health.RequestOutcome;

/** The labels that select a {@link RequestSeries}. */
public record RequestKey(String route, String provider, String model, int status) {

    public static RequestKey of(RequestOutcome outcome) {
        return new RequestKey(outcome.route(), outcome.provider(), outcome.model(), outcome.status());
    }
}
