package dev.conduit.routing;

import dev.conduit.config.RouteTarget;

/** Told of every change of a breaker's state, while the breaker holds its lock: keep it short. */
@FunctionalInterface
public interface BreakerListener {

    void changed(RouteTarget target, CircuitState from, CircuitState to);
}
