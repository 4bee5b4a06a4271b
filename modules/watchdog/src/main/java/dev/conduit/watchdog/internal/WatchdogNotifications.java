package dev.conduit.watchdog.internal;

import dev.conduit.watchdog.WatchdogMXBean;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanNotificationInfo;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;
import javax.management.ObjectName;

/**
 * Sends the supervisor's events as JMX notifications of the Watchdog MXBean; the worker's pid
 * travels as the notification's user data.
 */
public final class WatchdogNotifications extends NotificationBroadcasterSupport implements SupervisorEvents {

    private final ObjectName source;
    private final AtomicLong sequence = new AtomicLong();

    public WatchdogNotifications(ObjectName source) {
        super(new MBeanNotificationInfo(
                new String[] {WatchdogMXBean.CRASH, WatchdogMXBean.RESTART, WatchdogMXBean.CRASH_LOOP, WatchdogMXBean.HANG},
                Notification.class.getName(), "A worker crashed, was restarted or hung, or a crash loop began"));
        this.source = source;
    }

    @Override
    public void crashed(long pid, String reason) {
        send(WatchdogMXBean.CRASH, pid, "worker pid " + pid + " " + reason);
    }

    @Override
    public void restarted(long pid, String reason) {
        send(WatchdogMXBean.RESTART, pid, "worker pid " + pid + " serves (" + reason + ")");
    }

    @Override
    public void crashLoop(String alarm) {
        send(WatchdogMXBean.CRASH_LOOP, -1, alarm);
    }

    @Override
    public void hung(long pid, String reason) {
        send(WatchdogMXBean.HANG, pid, "worker pid " + pid + " is hung: " + reason);
    }

    private void send(String type, long pid, String message) {
        Notification notification = new Notification(type, source, sequence.incrementAndGet(),
                System.currentTimeMillis(), message);
        notification.setUserData(pid);
        sendNotification(notification);
    }
}
