package dev.conduit.health;

/**
 * One named health check, evaluated on every health evaluation, so it must be cheap. The
 * server adds its own (draining, no provider configured) with {@link HealthEvaluator#register}.
 */
@FunctionalInterface
public interface HealthCheck {

    CheckResult check();
}
