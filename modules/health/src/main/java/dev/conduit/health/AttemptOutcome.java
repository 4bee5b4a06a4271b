package dev.conduit.health;

/** How one upstream attempt ended, as the {@code outcome} label of {@code conduit_upstream_attempts_total}. */
public enum AttemptOutcome {
    /** The answer began well. */
    SUCCESS("success"),
    /** The upstream failed, before or after the answer began. */
    ERROR("error"),
    /** The client left or the worker had to stop: nothing is known of the upstream. */
    ABANDONED("abandoned");

    private final String label;

    AttemptOutcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
