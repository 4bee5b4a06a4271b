package dev.conduit.routing;

import dev.conduit.config.ConduitConfig;
import dev.conduit.config.FailoverSettings;
import dev.conduit.config.ProviderConfig;
import dev.conduit.config.Route;
import dev.conduit.config.RouteTarget;
import dev.conduit.config.RouterConfig;
import dev.conduit.config.RoutingRule;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;

/**
 * What keeps requests going when providers fail: a plan of attempts per request, the circuit
 * breakers, the providers' key rotation, the balancing of equivalent targets, and every target's
 * counters. Pure logic: the server performs the attempts, waits and reports back.
 *
 * <p>Breakers and counters are kept per configured target; targets a client named with a model
 * the config does not know share one entry per provider, model {@value #OTHER_MODEL}, so clients
 * cannot grow them.
 */
public final class Failover {

    static final String OTHER_MODEL = "other";

    private final FailoverSettings settings;
    private final InstantSource clock;
    private final RandomGenerator random;
    private final Set<RouteTarget> configured;
    private final Map<String, KeyRing> keyRings = new ConcurrentHashMap<>();
    private final Map<RouteTarget, TargetCounters> counters = new ConcurrentHashMap<>();
    private final BreakerRegistry breakers;
    private final Balancer balancer;
    private final Backoff backoff;

    /** @param random draws weighted targets, exploration and jitter; shared by all requests */
    public Failover(ConduitConfig config, InstantSource clock, RandomGenerator random) {
        this(config, clock, random, new BreakerRegistry(config.failover().breaker(), clock));
    }

    private Failover(ConduitConfig config, InstantSource clock, RandomGenerator random, BreakerRegistry breakers) {
        this.settings = config.failover();
        this.clock = clock;
        this.random = random;
        this.configured = configuredTargets(config);
        for (ProviderConfig provider : config.providers()) {
            keyRings.put(provider.name().toLowerCase(Locale.ROOT), new KeyRing(provider.apiKeys()));
        }
        this.breakers = breakers;
        this.balancer = new Balancer(random, this::counters);
        this.backoff = new Backoff(settings.retry());
    }

    /**
     * The failover of a reloaded config. A reload must not close a breaker the provider earned or
     * forget the counters, so breakers (with their listeners) and counters carry over — the
     * breakers start afresh only when their settings changed; keys rotate anew, as they may have
     * changed.
     */
    public Failover reconfigured(ConduitConfig config) {
        Failover next = new Failover(config, clock, random, breakers.withSettings(config.failover().breaker()));
        next.counters.putAll(counters);
        return next;
    }

    /** The attempts of one request to {@code route}, then to {@code fallbacks} in order. */
    public AttemptPlan plan(Route route, List<RouteTarget> fallbacks) {
        Set<RouteTarget> candidates = new LinkedHashSet<>(balancer.order(route));
        candidates.addAll(fallbacks);
        return new AttemptPlan(this, List.copyOf(candidates));
    }

    public BreakerRegistry breakers() {
        return breakers;
    }

    /**
     * The counters of every configured target and of every other one used so far, by provider and
     * model.
     */
    public List<TargetStats> stats() {
        Set<RouteTarget> targets = new LinkedHashSet<>(configured);
        targets.addAll(counters.keySet());
        List<TargetStats> stats = new ArrayList<>(targets.size());
        targets.stream()
                .sorted(Comparator.comparing(RouteTarget::provider).thenComparing(RouteTarget::model))
                .forEach(target -> stats.add(snapshot(target)));
        return stats;
    }

    /** The entry {@code target}'s counters and breaker are kept under. */
    public RouteTarget entryOf(RouteTarget target) {
        return configured.contains(target) ? target : new RouteTarget(target.provider(), OTHER_MODEL);
    }

    /** The counters {@code target} is counted under (see {@link #entryOf}). */
    public TargetStats stats(RouteTarget target) {
        return snapshot(entryOf(target));
    }

    private TargetStats snapshot(RouteTarget entry) {
        TargetCounters live = counters.getOrDefault(entry, new TargetCounters());
        return new TargetStats(entry.provider(), entry.model(), live.requests.sum(), live.errors.sum(),
                live.retries.sum(), live.fallbacks.sum(), live.skipped.sum(), live.latencyMillis().orElse(0),
                live.latencySamples(), breakers.state(entry));
    }

    FailoverSettings settings() {
        return settings;
    }

    InstantSource clock() {
        return clock;
    }

    TargetCounters counters(RouteTarget target) {
        RouteTarget entry = entryOf(target);
        TargetCounters found = counters.get(entry);
        return found != null ? found : counters.computeIfAbsent(entry, key -> new TargetCounters());
    }

    Breaker breaker(RouteTarget target) {
        return breakers.breaker(entryOf(target));
    }

    KeyRing keys(String provider) {
        return keyRings.getOrDefault(provider.toLowerCase(Locale.ROOT), new KeyRing(List.of()));
    }

    Duration backoff(int retry) {
        return backoff.delay(retry, random);
    }

    /** Every model a provider lists, and every target a route or fallback of the config names. */
    private static Set<RouteTarget> configuredTargets(ConduitConfig config) {
        Set<RouteTarget> targets = new LinkedHashSet<>();
        for (ProviderConfig provider : config.providers()) {
            provider.models().forEach(model -> targets.add(new RouteTarget(provider.name(), model)));
        }
        RouterConfig router = config.router();
        Stream.of(router.defaultRoute(), router.background(), router.think(), router.longContext(),
                        router.webSearch(), router.image())
                .flatMap(Optional::stream)
                .forEach(route -> targets.addAll(route.targets()));
        router.rules().stream().map(RoutingRule::target).forEach(route -> targets.addAll(route.targets()));
        router.fallback().values().forEach(targets::addAll);
        return Set.copyOf(targets);
    }
}
