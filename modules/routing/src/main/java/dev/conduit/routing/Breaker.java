package dev.conduit.routing;

import dev.conduit.config.BreakerSettings;
import dev.conduit.config.RouteTarget;
import java.time.Duration;
import java.time.InstantSource;

/**
 * The circuit breaker of one target. Closed, it counts outcomes and opens when the settings say;
 * open, it denies until the cooldown ends, then lets a single probe through (half-open): the
 * probe's success closes it, its failure opens it again for twice as long (up to the maximum).
 * Outcomes of attempts let through before it opened are ignored.
 */
final class Breaker {

    private final RouteTarget target;
    private final BreakerSettings settings;
    private final InstantSource clock;
    private final BreakerListener listener;
    private final OutcomeWindow window;
    private CircuitState state = CircuitState.CLOSED;
    private long openUntilMillis;
    /** Trips since the breaker last closed; each makes the next cooldown longer. */
    private int trips;
    private boolean probing;

    Breaker(RouteTarget target, BreakerSettings settings, InstantSource clock, BreakerListener listener) {
        this.target = target;
        this.settings = settings;
        this.clock = clock;
        this.listener = listener;
        this.window = new OutcomeWindow(settings.window());
    }

    synchronized Permit permit() {
        return switch (state()) {
            case CLOSED -> Permit.GRANTED;
            case OPEN, FORCED_OPEN -> Permit.DENIED;
            case HALF_OPEN -> {
                if (probing) {
                    yield Permit.DENIED;
                }
                probing = true;
                yield Permit.PROBE;
            }
        };
    }

    synchronized void succeeded(Permit permit) {
        if (permit == Permit.PROBE && state == CircuitState.HALF_OPEN) {
            close();
        } else if (state == CircuitState.CLOSED) {
            window.add(clock.millis(), false);
        }
    }

    synchronized void failed(Permit permit) {
        if (permit == Permit.PROBE && state == CircuitState.HALF_OPEN) {
            trip();
        } else if (state == CircuitState.CLOSED) {
            long now = clock.millis();
            window.add(now, true);
            int failures = window.failures(now);
            int total = window.total(now);
            if (failures >= settings.failures()
                    || (total >= settings.minimumRequests() && failures >= settings.failureRate() * total)) {
                trip();
            }
        }
    }

    /** The attempt ended without saying anything about the target (a client error, the client left). */
    synchronized void released(Permit permit) {
        if (permit == Permit.PROBE && state == CircuitState.HALF_OPEN) {
            probing = false;
        }
    }

    synchronized void forceOpen() {
        probing = false;
        moveTo(CircuitState.FORCED_OPEN);
    }

    synchronized void forceClose() {
        close();
    }

    /** The state now: an open breaker whose cooldown has ended reads (and becomes) half-open. */
    synchronized CircuitState state() {
        if (state == CircuitState.OPEN && clock.millis() >= openUntilMillis) {
            probing = false;
            moveTo(CircuitState.HALF_OPEN);
        }
        return state;
    }

    private void trip() {
        trips++;
        openUntilMillis = clock.millis() + cooldown(trips).toMillis();
        probing = false;
        window.clear();
        moveTo(CircuitState.OPEN);
    }

    private void close() {
        trips = 0;
        probing = false;
        window.clear();
        moveTo(CircuitState.CLOSED);
    }

    /** The base cooldown, doubled for each trip after the first, at most the maximum. */
    private Duration cooldown(int trip) {
        Duration cooldown = settings.cooldown();
        for (int i = 1; i < trip && cooldown.compareTo(settings.maxCooldown()) < 0; i++) {
            cooldown = cooldown.multipliedBy(2);
        }
        return cooldown.compareTo(settings.maxCooldown()) > 0 ? settings.maxCooldown() : cooldown;
    }

    private void moveTo(CircuitState next) {
        CircuitState previous = state;
        state = next;
        if (previous != next) {
            listener.changed(target, previous, next);
        }
    }
}
