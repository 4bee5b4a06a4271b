package dev.conduit.server;

import dev.conduit.config.ConduitConfig;
import dev.conduit.config.Route;
import dev.conduit.config.RouteTarget;
import dev.conduit.config.RouterConfig;
import dev.conduit.config.RoutingRule;
import dev.conduit.config.RuleCondition;
import dev.conduit.management.DescribedEmitterMXBean;
import dev.conduit.routing.CircuitState;
import dev.conduit.routing.Failover;
import dev.conduit.routing.TargetStats;
import dev.conduit.server.reload.ReloadOutcome;
import dev.conduit.server.reload.ReloadTrigger;
import dev.conduit.server.reload.Reloads;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.management.MBeanNotificationInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;

/** The {@link RoutingMXBean}, with descriptions, that also announces each reload as a notification. */
final class RoutingJmx extends DescribedEmitterMXBean<RoutingMXBean> implements RoutingMXBean {

    private final Supplier<ConduitConfig> config;
    private final Supplier<Failover> failover;
    private final Reloads reloads;
    private final RequestExplainer explainer;
    private final AtomicLong sequence = new AtomicLong();

    /** Explains a request with the config in force; {@link ExplainException} when it cannot. */
    @FunctionalInterface
    interface RequestExplainer {
        String explain(String request) throws ExplainException;
    }

    RoutingJmx(Supplier<ConduitConfig> config, Supplier<Failover> failover, Reloads reloads, RequestExplainer explainer) {
        super(RoutingMXBean.class, new NotificationBroadcasterSupport(
                new MBeanNotificationInfo(new String[] {CONFIG_RELOADED}, Notification.class.getName(),
                        "A reload put a new config in force"),
                new MBeanNotificationInfo(new String[] {CONFIG_REJECTED}, Notification.class.getName(),
                        "A reload rejected the config; the previous one keeps serving"),
                new MBeanNotificationInfo(new String[] {BREAKER_OPENED}, Notification.class.getName(),
                        "A target's circuit breaker opened: requests skip it"),
                new MBeanNotificationInfo(new String[] {BREAKER_CLOSED}, Notification.class.getName(),
                        "A target's circuit breaker closed: the target is back in service")));
        this.config = config;
        this.failover = failover;
        this.reloads = reloads;
        this.explainer = explainer;
    }

    @Override
    public String getConfigSource() {
        return config.get().source().toString();
    }

    @Override
    public List<String> getRoutes() {
        RouterConfig router = config.get().router();
        List<String> routes = new ArrayList<>();
        if (!router.rules().isEmpty()) {
            routes.add("rules → " + router.rules().size() + (router.rules().size() == 1 ? " rule" : " rules"));
        }
        add(routes, "longContext", router.longContext());
        add(routes, "background", router.background());
        add(routes, "webSearch", router.webSearch());
        add(routes, "think", router.think());
        add(routes, "image", router.image());
        add(routes, "default", router.defaultRoute());
        return routes;
    }

    private static void add(List<String> routes, String slot, Optional<Route> route) {
        route.ifPresent(target -> routes.add(slot + " → " + target));
    }

    @Override
    public List<String> getRules() {
        return config.get().router().rules().stream().map(RoutingJmx::rule).toList();
    }

    private static String rule(RoutingRule rule) {
        String conditions = rule.conditions().isEmpty() ? "always"
                : rule.conditions().stream().map(RuleCondition::describe).collect(Collectors.joining(", "));
        return rule.name() + ": " + conditions + " → " + rule.target();
    }

    @Override
    public int getLongContextThreshold() {
        return config.get().router().longContextThreshold();
    }

    @Override
    public String getLastReload() {
        return reloads.last().map(ReloadOutcome::summary).orElse("");
    }

    @Override
    public List<String> getSettingsNeedingRestart() {
        return reloads.needingRestart();
    }

    @Override
    public List<String> getTargets() {
        return failover.get().stats().stream().map(RoutingJmx::target).toList();
    }

    private static String target(TargetStats stats) {
        return "%s,%s: breaker %s, %d attempts, %d errors, %d retries, %d fallbacks, %d skipped, first byte %.0f ms"
                .formatted(stats.provider(), stats.model(), stats.breaker(), stats.requests(), stats.errors(),
                        stats.retries(), stats.fallbacks(), stats.skipped(), stats.timeToFirstByteMillis());
    }

    @Override
    public String openBreaker(String target) {
        RouteTarget named = targetNamed(target);
        failover.get().breakers().openBreaker(named);
        return named + ": breaker " + failover.get().breakers().state(named);
    }

    @Override
    public String closeBreaker(String target) {
        RouteTarget named = targetNamed(target);
        failover.get().breakers().closeBreaker(named);
        return named + ": breaker " + failover.get().breakers().state(named);
    }

    /** A configured target as the config spells it; anything else is refused, so operators cannot grow the table. */
    private RouteTarget targetNamed(String text) {
        RouteTarget named = RouteTarget.parse(text == null ? "" : text.strip()).orElseThrow(() ->
                new IllegalArgumentException("a target is \"provider,model\", not \"" + text + "\""));
        return failover.get().stats().stream()
                .map(stats -> new RouteTarget(stats.provider(), stats.model()))
                .filter(known -> known.provider().equalsIgnoreCase(named.provider())
                        && known.model().equalsIgnoreCase(named.model()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(named + " is not a target of the config in force"));
    }

    @Override
    public String reload() {
        return reloads.reload(ReloadTrigger.JMX).summary();
    }

    @Override
    public String explain(String request) {
        try {
            return explainer.explain(request);
        } catch (ExplainException cannot) {
            throw new IllegalArgumentException(cannot.getMessage());
        }
    }

    /** Sends {@value #CONFIG_RELOADED} or {@value #CONFIG_REJECTED} for an outcome. */
    void announce(ReloadOutcome outcome) {
        sendNotification(new Notification(outcome.applied() ? CONFIG_RELOADED : CONFIG_REJECTED, this,
                sequence.incrementAndGet(), outcome.at().toEpochMilli(), outcome.summary()));
    }

    /** Sends {@value #BREAKER_OPENED} or {@value #BREAKER_CLOSED} for a breaker's change; half-open is not news. */
    void breakerChanged(RouteTarget target, CircuitState from, CircuitState to) {
        boolean open = to == CircuitState.OPEN || to == CircuitState.FORCED_OPEN;
        boolean wasOpen = from == CircuitState.OPEN || from == CircuitState.FORCED_OPEN;
        if (open && !wasOpen || to == CircuitState.CLOSED && from != CircuitState.CLOSED) {
            sendNotification(new Notification(open ? BREAKER_OPENED : BREAKER_CLOSED, this, sequence.incrementAndGet(),
                    System.currentTimeMillis(), target + ": breaker " + from + " → " + to));
        }
    }

    @Override
    protected String getParameterName(MBeanOperationInfo operation, MBeanParameterInfo parameter, int sequence) {
        return switch (operation.getName()) {
            case "explain" -> "request";
            case "openBreaker", "closeBreaker" -> "target";
            default -> super.getParameterName(operation, parameter, sequence);
        };
    }
}
