package dev.conduit.health;

/** A circuit breaker's state as routing reports it; the gauge value is what /metrics shows. */
public enum BreakerState {
    CLOSED(0),
    HALF_OPEN(1),
    OPEN(2);

    private final int gaugeValue;

    BreakerState(int gaugeValue) {
        this.gaugeValue = gaugeValue;
    }

    /** The value of {@code conduit_breaker_state}: 0 closed, 1 half-open, 2 open. */
    public int gaugeValue() {
        return gaugeValue;
    }
}
