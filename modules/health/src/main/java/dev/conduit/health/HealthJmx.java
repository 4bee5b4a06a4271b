package dev.conduit.health;

import dev.conduit.management.DescribedEmitterMXBean;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanNotificationInfo;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;

/** The {@link HealthMXBean}, with descriptions, that also emits health change notifications. */
public final class HealthJmx extends DescribedEmitterMXBean<HealthMXBean> implements HealthMXBean {

    private static final String[] CHANGE_ITEMS = {"previous", "current", "reason"};
    private static final CompositeType CHANGE_TYPE = changeType();

    private final Monitoring monitoring;
    private final AtomicLong sequence = new AtomicLong();

    HealthJmx(Monitoring monitoring) {
        super(HealthMXBean.class, new NotificationBroadcasterSupport(new MBeanNotificationInfo(
                new String[] {CHANGED}, Notification.class.getName(), "The overall health status changed")));
        this.monitoring = monitoring;
    }

    @Override
    public String getStatus() {
        return monitoring.health().evaluate().status().label();
    }

    @Override
    public int getStatusLevel() {
        return monitoring.health().evaluate().status().ordinal();
    }

    @Override
    public String getReason() {
        return monitoring.health().evaluate().reason();
    }

    @Override
    public List<CheckResult> getChecks() {
        return monitoring.health().evaluate().checks();
    }

    @Override
    public boolean isReady() {
        return monitoring.readiness().report().ready();
    }

    @Override
    public String getReadinessReason() {
        return monitoring.readiness().report().reason();
    }

    @Override
    public long getRecentRequests() {
        return monitoring.recentTraffic().requests();
    }

    @Override
    public long getRecentFailures() {
        return monitoring.recentTraffic().errors();
    }

    @Override
    public double getRecentErrorRatio() {
        return monitoring.recentTraffic().errorRatio();
    }

    @Override
    public List<ProviderSnapshot> getProviders() {
        return monitoring.providers().snapshot();
    }

    /** Sends the {@value HealthMXBean#CHANGED} notification for a change. */
    void notify(HealthChange change) {
        Notification notification = new Notification(CHANGED, this, sequence.incrementAndGet(),
                change.at().toEpochMilli(),
                "health changed from " + change.previous().label() + " to " + change.current().label() + ": "
                        + change.reason());
        notification.setUserData(changeData(change));
        sendNotification(notification);
    }

    private static CompositeData changeData(HealthChange change) {
        try {
            return new CompositeDataSupport(CHANGE_TYPE, CHANGE_ITEMS,
                    new Object[] {change.previous().label(), change.current().label(), change.reason()});
        } catch (OpenDataException e) {
            throw new IllegalStateException("the change type and its items disagree", e);
        }
    }

    private static CompositeType changeType() {
        try {
            return new CompositeType("dev.conduit.health.HealthChange", "A change of the overall health status",
                    CHANGE_ITEMS, new String[] {"Status before", "Status after", "Why"},
                    new OpenType<?>[] {SimpleType.STRING, SimpleType.STRING, SimpleType.STRING});
        } catch (OpenDataException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
