package dev.conduit.server;

import dev.conduit.config.ConduitConfig;
import dev.conduit.connections.DrainCoordinator;
import dev.conduit.connections.DrainState;
import dev.conduit.management.DescribedEmitterMXBean;
import dev.conduit.server.reload.ReloadOutcome;
import dev.conduit.server.reload.ReloadTrigger;
import dev.conduit.server.reload.Reloads;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import javax.management.MBeanNotificationInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;

/** The {@link GatewayMXBean}, with descriptions and notifications. */
final class GatewayJmx extends DescribedEmitterMXBean<GatewayMXBean> implements GatewayMXBean {

    static final int MAX_DRAIN_SECONDS = 3600;

    private final Supplier<ConduitConfig> config;
    private final IntSupplier port;
    private final Reloads reloads;
    private final DrainCoordinator drain;
    private final Function<Duration, ?> drainAndStop;
    private final AtomicLong sequence = new AtomicLong();
    private volatile Supervision supervision;

    /** @param drainAndStop the worker's graceful stop, given its deadline */
    GatewayJmx(Supplier<ConduitConfig> config, IntSupplier port, Reloads reloads, DrainCoordinator drain,
            Function<Duration, ?> drainAndStop) {
        super(GatewayMXBean.class, new NotificationBroadcasterSupport(
                new MBeanNotificationInfo(new String[] {RoutingMXBean.CONFIG_RELOADED}, Notification.class.getName(),
                        "A reload put a new config in force"),
                new MBeanNotificationInfo(new String[] {RoutingMXBean.CONFIG_REJECTED}, Notification.class.getName(),
                        "A reload rejected the config; the previous one keeps serving"),
                new MBeanNotificationInfo(new String[] {DRAINING}, Notification.class.getName(),
                        "The worker stopped accepting and drains"),
                new MBeanNotificationInfo(new String[] {RESTART_REQUESTED}, Notification.class.getName(),
                        "The worker asked its supervisor for a rolling restart")));
        this.config = config;
        this.port = port;
        this.reloads = reloads;
        this.drain = drain;
        this.drainAndStop = drainAndStop;
    }

    /** From now on restart() and drain() go through this supervisor. */
    void supervisedBy(Supervision supervision) {
        this.supervision = supervision;
    }

    @Override
    public String getState() {
        return drain.state().name();
    }

    @Override
    public boolean isServing() {
        return drain.state() == DrainState.SERVING;
    }

    @Override
    public String getVersion() {
        return Version.current();
    }

    @Override
    public long getPid() {
        return ProcessHandle.current().pid();
    }

    @Override
    public long getUptimeSeconds() {
        return ManagementFactory.getRuntimeMXBean().getUptime() / 1000;
    }

    @Override
    public String getStartedAt() {
        return Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()).toString();
    }

    @Override
    public String getListenAddress() {
        return config.get().host() + ":" + port.getAsInt();
    }

    @Override
    public long getDrainTimeoutSeconds() {
        return config.get().drainTimeout().toSeconds();
    }

    @Override
    public boolean isSupervised() {
        return supervision != null;
    }

    @Override
    public String getConfigSource() {
        return config.get().source().toString();
    }

    @Override
    public String getLastReloadTime() {
        return last().map(outcome -> outcome.at().toString()).orElse("");
    }

    @Override
    public long getLastReloadEpochSeconds() {
        return last().map(outcome -> outcome.at().getEpochSecond()).orElse(0L);
    }

    @Override
    public String getLastReloadResult() {
        return last().map(ReloadOutcome::status).orElse("");
    }

    @Override
    public boolean isLastReloadSucceeded() {
        return last().map(ReloadOutcome::applied).orElse(true);
    }

    @Override
    public String getLastReload() {
        return last().map(ReloadOutcome::summary).orElse("");
    }

    private Optional<ReloadOutcome> last() {
        return reloads.last();
    }

    @Override
    public String reload() {
        return reloads.reload(ReloadTrigger.JMX).summary();
    }

    @Override
    public String drain(int seconds) {
        if (seconds < 1 || seconds > MAX_DRAIN_SECONDS) {
            throw new IllegalArgumentException("drain takes 1 to " + MAX_DRAIN_SECONDS + " seconds, not " + seconds);
        }
        if (drain.state() != DrainState.SERVING) {
            throw new IllegalStateException("the worker drains already (" + drain.state() + ")");
        }
        Duration deadline = Duration.ofSeconds(seconds);
        Supervision supervisor = supervision;
        if (supervisor != null) {
            supervisor.stoppingByRequest(deadline);
        }
        drainAndStop.apply(deadline);
        return "pid " + getPid() + " drains: requests finish, streams run for up to " + seconds + " s, then it stops"
                + (supervisor != null ? "; the supervisor starts no new worker until restart" : "");
    }

    @Override
    public String restart() {
        Supervision supervisor = supervision;
        if (supervisor == null) {
            throw new IllegalStateException("no supervisor runs this worker (conduit run): stop it and start it again, "
                    + "or run it with conduit start");
        }
        supervisor.requestRestart();
        send(RESTART_REQUESTED, Instant.now(), "worker pid " + getPid() + " asked its supervisor for a rolling restart");
        return "rolling restart requested: the supervisor starts a new worker, then this one (pid " + getPid()
                + ") hands over and drains";
    }

    /** Sends the reload notification of an outcome, as the Routing MBean does. */
    void announce(ReloadOutcome outcome) {
        send(outcome.applied() ? RoutingMXBean.CONFIG_RELOADED : RoutingMXBean.CONFIG_REJECTED, outcome.at(),
                outcome.summary());
    }

    /** Sends {@value #DRAINING}, whatever started the drain (SIGTERM, a handover, drain()). */
    void draining(Duration deadline) {
        send(DRAINING, Instant.now(), "worker pid " + getPid() + " drains; streams may run for up to "
                + deadline.toSeconds() + " s");
    }

    private void send(String type, Instant at, String message) {
        sendNotification(new Notification(type, this, sequence.incrementAndGet(), at.toEpochMilli(), message));
    }

    @Override
    protected String getParameterName(MBeanOperationInfo operation, MBeanParameterInfo parameter, int sequence) {
        return operation.getName().equals("drain") ? "seconds" : super.getParameterName(operation, parameter, sequence);
    }
}
