package dev.conduit.server;

import dev.conduit.config.ConduitConfig;
import dev.conduit.config.Route;
import dev.conduit.config.RouterConfig;
import dev.conduit.config.RoutingRule;
import dev.conduit.config.RuleCondition;
import dev.conduit.management.Descriptions;
import dev.conduit.server.reload.ReloadOutcome;
import dev.conduit.server.reload.ReloadTrigger;
import dev.conduit.server.reload.Reloads;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanNotificationInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;
import javax.management.StandardEmitterMBean;

/** The {@link RoutingMXBean}, with descriptions, that also announces each reload as a notification. */
final class RoutingJmx extends StandardEmitterMBean implements RoutingMXBean {

    private final Supplier<ConduitConfig> config;
    private final Reloads reloads;
    private final RequestExplainer explainer;
    private final AtomicLong sequence = new AtomicLong();

    /** Explains a request with the config in force; {@link ExplainException} when it cannot. */
    @FunctionalInterface
    interface RequestExplainer {
        String explain(String request) throws ExplainException;
    }

    RoutingJmx(Supplier<ConduitConfig> config, Reloads reloads, RequestExplainer explainer) {
        super(RoutingMXBean.class, true, new NotificationBroadcasterSupport(
                new MBeanNotificationInfo(new String[] {CONFIG_RELOADED}, Notification.class.getName(),
                        "A reload put a new config in force"),
                new MBeanNotificationInfo(new String[] {CONFIG_REJECTED}, Notification.class.getName(),
                        "A reload rejected the config; the previous one keeps serving")));
        this.config = config;
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

    @Override
    protected String getDescription(MBeanInfo info) {
        return Descriptions.of(RoutingMXBean.class, info.getDescription());
    }

    @Override
    protected String getDescription(MBeanAttributeInfo info) {
        return Descriptions.of(RoutingMXBean.class, info);
    }

    @Override
    protected String getDescription(MBeanOperationInfo info) {
        return Descriptions.of(RoutingMXBean.class, info);
    }

    @Override
    protected String getParameterName(MBeanOperationInfo operation, MBeanParameterInfo parameter, int sequence) {
        return operation.getName().equals("explain") ? "request" : super.getParameterName(operation, parameter, sequence);
    }
}
