package dev.conduit.watchdog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.watchdog.RunDirectory;
import dev.conduit.watchdog.SupervisorRuntime;
import dev.conduit.watchdog.WatchdogMXBean;
import dev.conduit.watchdog.WatchdogSettings;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.JMX;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.Notification;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dev.conduit:type=Watchdog} as JConsole sees it: described attributes of open types, the
 * thresholds, and a notification for each crash, restart, crash loop and hang.
 */
class WatchdogJmxTest {

    @TempDir
    Path home;

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @AfterEach
    void unregister() throws Exception {
        if (server.isRegistered(SupervisorRuntime.NAME)) {
            server.unregisterMBean(SupervisorRuntime.NAME);
        }
    }

    @Test
    void attributesAreDescribedOpenTypesAndEventsAreNotifications() throws Exception {
        MutableClock clock = new MutableClock();
        WatchdogSettings settings = WatchdogSettings.defaults();
        WatchdogNotifications notifications = new WatchdogNotifications(SupervisorRuntime.NAME);
        // never started: only what JMX shows of it matters here
        SupervisorEnvironment environment = new SupervisorEnvironment(new FakeWorkers(clock), null,
                (host, port) -> Optional.empty(), Runnable::run, new ManualLoop(clock), clock, RunDirectory.of(home),
                notifications, true);
        Supervisor supervisor = new Supervisor(settings, List.of(), new RestartPolicy(settings, clock, () -> 0.5),
                environment);
        server.registerMBean(new WatchdogJmx(supervisor, settings, notifications), SupervisorRuntime.NAME);
        List<Notification> received = new CopyOnWriteArrayList<>();
        server.addNotificationListener(SupervisorRuntime.NAME, (notification, handback) -> received.add(notification),
                null, null);

        notifications.crashed(42, "killed by SIGKILL");
        notifications.restarted(43, "restart after failure");
        notifications.crashLoop("crash loop: 6 worker failures within 300 s; restarting every 60 s");
        notifications.hung(43, "3 probes missed");

        assertThat(received).extracting(Notification::getType).containsExactly(WatchdogMXBean.CRASH,
                WatchdogMXBean.RESTART, WatchdogMXBean.CRASH_LOOP, WatchdogMXBean.HANG);
        assertThat(received.getFirst().getMessage()).isEqualTo("worker pid 42 killed by SIGKILL");
        assertThat(received.getFirst().getUserData()).isEqualTo(42L);

        MBeanInfo info = server.getMBeanInfo(SupervisorRuntime.NAME);
        assertThat(info.getDescription()).startsWith("The supervisor: keeps one healthy worker serving the port");
        assertThat(info.getNotifications()[0].getNotifTypes()).contains(WatchdogMXBean.CRASH_LOOP);
        assertThat(info.getAttributes()).allSatisfy(attribute ->
                assertThat(attribute.getDescription()).isNotEqualTo(attribute.getName()).isNotBlank());
        assertThat(server.getAttribute(SupervisorRuntime.NAME, "State")).isEqualTo("STARTING");
        assertThat(server.getAttribute(SupervisorRuntime.NAME, "WorkerPid")).isEqualTo(-1L);
        CompositeData thresholds = (CompositeData) server.getAttribute(SupervisorRuntime.NAME, "Thresholds");
        assertThat(thresholds.get("probeIntervalSeconds")).isEqualTo(5L);
        assertThat(thresholds.get("crashLoopRestarts")).isEqualTo(5);
        assertThat(thresholds.get("maxWorkerResidentBytes")).isEqualTo(0L);
        WatchdogMXBean proxy = JMX.newMXBeanProxy(server, SupervisorRuntime.NAME, WatchdogMXBean.class);
        assertThat(proxy.getThresholds().backoffCapSeconds()).isEqualTo(60);
        assertThat(proxy.isCrashLoop()).isFalse();
    }
}
