package dev.conduit.health;

import java.time.Duration;

/** Request outcomes for tests, with plausible timings. */
final class Outcomes {

    private Outcomes() {
    }

    static RequestOutcome ok(String provider, String model, TokenUsage tokens) {
        return new RequestOutcome("default", provider, model, 200, Duration.ofSeconds(2), Duration.ofMillis(1),
                Duration.ofMillis(400), tokens, true, null);
    }

    static RequestOutcome ok(String provider) {
        return ok(provider, "chat", TokenUsage.NONE);
    }

    static RequestOutcome failed(String provider, UpstreamErrorKind kind) {
        return new RequestOutcome("default", provider, "chat", 502, Duration.ofMillis(30), Duration.ofMillis(1),
                null, TokenUsage.NONE, false, kind);
    }
}
