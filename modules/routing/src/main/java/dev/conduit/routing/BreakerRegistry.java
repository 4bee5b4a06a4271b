package dev.conduit.routing;

import dev.conduit.config.BreakerSettings;
import dev.conduit.config.RouteTarget;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The circuit breakers of all targets (provider and model), created on first use. Operators can
 * open a breaker by hand, which holds it open until they close it.
 */
public final class BreakerRegistry {

    private final BreakerSettings settings;
    private final InstantSource clock;
    private final Map<RouteTarget, Breaker> breakers = new ConcurrentHashMap<>();
    private final List<BreakerListener> listeners = new CopyOnWriteArrayList<>();

    BreakerRegistry(BreakerSettings settings, InstantSource clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** This registry when {@code newSettings} are its own, else a fresh one with the same listeners. */
    BreakerRegistry withSettings(BreakerSettings newSettings) {
        if (newSettings.equals(settings)) {
            return this;
        }
        BreakerRegistry fresh = new BreakerRegistry(newSettings, clock);
        fresh.listeners.addAll(listeners);
        return fresh;
    }

    /** {@code listener} hears of every state change from now on. */
    public void onChange(BreakerListener listener) {
        listeners.add(listener);
    }

    public CircuitState state(RouteTarget target) {
        Breaker breaker = breakers.get(target);
        return breaker == null ? CircuitState.CLOSED : breaker.state();
    }

    /** Every breaker used so far and its state now, ordered by provider and model. */
    public Map<RouteTarget, CircuitState> states() {
        Map<RouteTarget, CircuitState> states = new LinkedHashMap<>();
        breakers.keySet().stream()
                .sorted(Comparator.comparing(RouteTarget::provider).thenComparing(RouteTarget::model))
                .forEach(target -> states.put(target, breakers.get(target).state()));
        return states;
    }

    /** Takes {@code target} out of service until {@link #closeBreaker} (the JMX operation). */
    public void openBreaker(RouteTarget target) {
        breaker(target).forceOpen();
    }

    /** Puts {@code target} back in service at once, with its failure count and cooldown reset. */
    public void closeBreaker(RouteTarget target) {
        breaker(target).forceClose();
    }

    Breaker breaker(RouteTarget target) {
        Breaker breaker = breakers.get(target);
        return breaker != null ? breaker : breakers.computeIfAbsent(target,
                key -> new Breaker(key, settings, clock, this::announce));
    }

    private void announce(RouteTarget target, CircuitState from, CircuitState to) {
        listeners.forEach(listener -> listener.changed(target, from, to));
    }
}
