/**
 * Health monitoring and metrics of a worker. The server builds one {@link
 * dev.conduit.health.Monitoring} and:
 *
 * <ul>
 *   <li>at start and after each applied reload calls {@code configure(usableProviders, prices)},
 *       after each reload attempt {@code configReloaded(applied)};
 *   <li>calls {@code readiness().ready()} once it listens and {@code readiness().draining()} when
 *       it drains;
 *   <li>per client request calls {@code record(RequestOutcome)} once, after the last byte; per
 *       failed attempt that is retried or falls back {@code attemptFailed(provider, kind)}, then
 *       {@code retried(provider)} or {@code fellBack(route)}; per attempt, once it ended, {@code
 *       attempted(provider, model, outcome, firstByteAverageSeconds)};
 *   <li>on each breaker transition calls {@code breakerChanged(provider, model, state)};
 *   <li>serves /ready from {@code readiness().report()}, /health from {@code health().evaluate()},
 *       /metrics through {@code exposition()}, and /health/detailed from those plus {@code
 *       metrics().summary()}, {@code providers().snapshot()} and {@link
 *       dev.conduit.health.RuntimeSnapshot#current()};
 *   <li>evaluates health every few seconds, so that changes notify without a /health request,
 *       and registers the MXBeans with {@code registerMBeans(platformMBeanServer)}.
 * </ul>
 */
package dev.conduit.health;
