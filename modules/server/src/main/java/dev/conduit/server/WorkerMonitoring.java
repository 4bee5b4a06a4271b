package dev.conduit.server;

import dev.conduit.config.ConduitConfig;
import dev.conduit.config.ProviderConfig;
import dev.conduit.config.RouteTarget;
import dev.conduit.config.TokenPrice;
import dev.conduit.connections.ConnectionRegistry;
import dev.conduit.connections.DrainCoordinator;
import dev.conduit.health.BreakerState;
import dev.conduit.health.CheckResult;
import dev.conduit.health.HealthStatus;
import dev.conduit.health.ModelPrice;
import dev.conduit.health.Monitoring;
import dev.conduit.health.PriceTable;
import dev.conduit.providers.ProviderAdapter;
import dev.conduit.routing.CircuitState;
import dev.conduit.routing.Failover;
import dev.conduit.server.http.Gateway;
import dev.conduit.server.http.Swappable;
import dev.conduit.server.reload.ReloadOutcome;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.management.JMException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's metrics and health: built from the config, fed by the connection registry and
 * the drain, evaluated every few seconds so that a change of health is logged and announced as a
 * JMX notification even when nobody asks. A reload applies the new config's providers, prices and
 * probes; a rejected reload makes the {@code configuration} check degraded until one is applied.
 */
final class WorkerMonitoring implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("dev.conduit.health");

    private final Monitoring monitoring;
    private final Swappable<Gateway> gateways;
    private final ScheduledExecutorService evaluator;
    private final List<ScheduledFuture<?>> probes = new ArrayList<>();
    private volatile ConduitConfig config;
    private volatile ReloadOutcome rejected;

    WorkerMonitoring(Swappable<Gateway> gateways, ConnectionRegistry connections) {
        this.gateways = gateways;
        monitoring = Monitoring.builder()
                .activeConnections(connections::openConnections)
                .activeStreams(connections::streams)
                .build();
        monitoring.health().register(this::configurationCheck);
        monitoring.health().onChange(change -> LOG.warn("health {} → {}: {}",
                change.previous().label(), change.current().label(), change.reason()));
        evaluator = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("health").factory());
        gateways.current().failover().breakers().onChange((target, from, to) -> {
            if (to == CircuitState.CLOSED) {
                LOG.info("breaker of {} {} → {}", target, from, to);
            } else {
                LOG.warn("breaker of {} {} → {}", target, from, to);
            }
            monitoring.breakerChanged(target.provider(), target.model(), healthState(to));
        });
        evaluator.scheduleAtFixedRate(() -> {
            // an open breaker whose cooldown ended turns half-open when read
            gateways.current().failover().breakers().states();
            monitoring.health().evaluate();
        }, 5, 5, TimeUnit.SECONDS);
        apply(gateways.current());
    }

    /**
     * Puts a gateway's config in force: its providers and prices, its providers' probes, and its
     * targets' breakers in the metrics (a reload keeps the breakers and their listener, see
     * {@code Failover.reconfigured}).
     */
    synchronized void apply(Gateway gateway) {
        config = gateway.config();
        monitoring.configure(config.providers().stream().map(ProviderConfig::name).toList(), prices(config));
        publishBreakers(gateway.failover());
        probes.forEach(probe -> probe.cancel(false));
        probes.clear();
        for (ProviderConfig provider : config.providers()) {
            provider.probeInterval().ifPresent(interval -> probes.add(evaluator.scheduleWithFixedDelay(
                    () -> Thread.startVirtualThread(() -> probe(provider.name())), 0, interval.toMillis(),
                    TimeUnit.MILLISECONDS)));
        }
    }

    /** Every configured target's breaker state, so each shows in the metrics from the start. */
    private void publishBreakers(Failover failover) {
        failover.stats().forEach(stats ->
                monitoring.breakerChanged(stats.provider(), stats.model(), healthState(stats.breaker())));
    }

    private static BreakerState healthState(CircuitState state) {
        return switch (state) {
            case CLOSED -> BreakerState.CLOSED;
            case HALF_OPEN -> BreakerState.HALF_OPEN;
            case OPEN, FORCED_OPEN -> BreakerState.OPEN;
        };
    }

    /** Probes the provider with the gateway in force, held until the probe is done, as a request holds it. */
    private void probe(String provider) {
        try (Swappable.Lease<Gateway> lease = gateways.lease()) {
            lease.value().providers().adapter(provider).ifPresent(this::probe);
        }
    }

    /** Counts a reload, and remembers a rejection for the configuration check until a reload applies. */
    void reloaded(ReloadOutcome outcome) {
        monitoring.configReloaded(outcome.applied());
        rejected = outcome.applied() ? null : outcome;
        monitoring.health().evaluate();
    }

    private CheckResult configurationCheck() {
        ConduitConfig inForce = config;
        ReloadOutcome lastRejected = rejected;
        if (lastRejected != null) {
            return new CheckResult("configuration", HealthStatus.DEGRADED, "the changed config was rejected, the "
                    + "previous one keeps serving: " + lastRejected.message());
        }
        if (inForce.providers().isEmpty()) {
            return new CheckResult("configuration", HealthStatus.DEGRADED, "no provider is configured");
        }
        int providers = inForce.providers().size();
        return new CheckResult("configuration", HealthStatus.HEALTHY, providers + (providers == 1 ? " provider" : " providers"));
    }

    /** One active probe of a provider that asked for them; a change of result is logged. */
    private void probe(ProviderAdapter adapter) {
        Optional<String> failure = adapter.probe();
        boolean wasFailing = monitoring.providers().snapshot(adapter.name())
                .map(snapshot -> snapshot.lastProbe() != null && !snapshot.lastProbe().equals("ok"))
                .orElse(false);
        monitoring.providers().probed(adapter.name(), failure.isEmpty(), failure.orElse(null));
        if (failure.isPresent() && !wasFailing) {
            LOG.warn("probe of provider {} failed: {}", adapter.name(), failure.get());
        } else if (failure.isEmpty() && wasFailing) {
            LOG.info("probe of provider {} succeeds again", adapter.name());
        }
    }

    Monitoring monitoring() {
        return monitoring;
    }

    /** Registers the Health and Metrics MBeans and adds the drain to the health checks. */
    void started(DrainCoordinator drain) {
        monitoring.health().register(() -> drain.draining()
                ? new CheckResult("lifecycle", HealthStatus.DEGRADED, "draining: the worker is stopping")
                : new CheckResult("lifecycle", HealthStatus.HEALTHY, "serving"));
        try {
            monitoring.registerMBeans(ManagementFactory.getPlatformMBeanServer());
        } catch (JMException e) {
            LOG.warn("the Health and Metrics MBeans could not be registered: {}", e.toString());
        }
        monitoring.readiness().ready();
    }

    void draining() {
        monitoring.readiness().draining();
    }

    private static PriceTable prices(ConduitConfig config) {
        Map<String, ModelPrice> prices = new LinkedHashMap<>();
        for (Map.Entry<RouteTarget, TokenPrice> price : config.prices().entrySet()) {
            TokenPrice value = price.getValue();
            prices.put(price.getKey().toString(),
                    new ModelPrice(value.input(), value.output(), value.cacheRead(), value.cacheWrite()));
        }
        return new PriceTable(prices);
    }

    @Override
    public void close() {
        evaluator.shutdownNow();
        try {
            monitoring.unregisterMBeans(ManagementFactory.getPlatformMBeanServer());
        } catch (JMException e) {
            LOG.debug("the Health and Metrics MBeans were already gone: {}", e.toString());
        }
    }
}
