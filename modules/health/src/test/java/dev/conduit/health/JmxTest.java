package dev.conduit.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.Notification;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The MXBeans as JConsole or the Prometheus JMX exporter see them: open types, no classes of ours. */
class JmxTest {

    private static final ObjectName HEALTH = name(HealthMXBean.OBJECT_NAME);
    private static final ObjectName METRICS = name(MetricsMXBean.OBJECT_NAME);

    private final FakeClock clock = new FakeClock();
    private final Monitoring monitoring = Monitoring.builder()
            .clock(clock)
            .heap(() -> new HeapUsage(10, 100))
            .activeStreams(() -> 2)
            .jvmMetrics(false)
            .build();
    private final MBeanServer server = MBeanServerFactory.newMBeanServer();

    @BeforeEach
    void register() throws Exception {
        monitoring.configure(List.of("deepseek"), PriceTable.NONE);
        monitoring.registerMBeans(server);
    }

    @AfterEach
    void unregister() throws Exception {
        monitoring.unregisterMBeans(server);
    }

    @Test
    void healthReadsAsOpenData() throws Exception {
        monitoring.readiness().ready();
        monitoring.record(Outcomes.ok("deepseek"));
        monitoring.record(Outcomes.failed("deepseek", UpstreamErrorKind.CONNECT));
        monitoring.breakerChanged("deepseek", "deepseek-chat", BreakerState.HALF_OPEN);

        assertThat(server.getAttribute(HEALTH, "Status")).isEqualTo("degraded");
        assertThat(server.getAttribute(HEALTH, "Ready")).isEqualTo(true);
        assertThat(server.getAttribute(HEALTH, "ReadinessReason")).isEqualTo("ready");
        assertThat(server.getAttribute(HEALTH, "RecentRequests")).isEqualTo(2L);
        assertThat(server.getAttribute(HEALTH, "RecentErrorRatio")).isEqualTo(0.5);

        CompositeData[] checks = (CompositeData[]) server.getAttribute(HEALTH, "Checks");
        assertThat(checks).extracting(check -> check.get("name"))
                .containsExactly("error_rate", "recent_errors", "providers", "heap");
        assertThat(checks[2].get("status")).isEqualTo("DEGRADED");
        assertThat(checks[2].get("reason")).isEqualTo("1 of 1 providers not healthy: deepseek degraded (1 of 1 breakers open or half-open)");

        CompositeData[] providers = (CompositeData[]) server.getAttribute(HEALTH, "Providers");
        assertThat(providers).hasSize(1);
        assertThat(providers[0].get("provider")).isEqualTo("deepseek");
        assertThat(providers[0].get("requests")).isEqualTo(2L);
        assertThat(providers[0].get("errorRatio")).isEqualTo(0.5);
        assertThat(providers[0].get("lastErrorKind")).isEqualTo("connect");
        TabularData breakers = (TabularData) providers[0].get("breakers");
        assertThat(breakers.get(new Object[] {"deepseek-chat"}).get("value")).isEqualTo("HALF_OPEN");
    }

    @Test
    void metricsReadAsOpenData() throws Exception {
        monitoring.record(Outcomes.ok("deepseek", "deepseek-chat", new TokenUsage(120, 30, 40, 0)));
        monitoring.record(Outcomes.failed("deepseek", UpstreamErrorKind.TIMEOUT));
        monitoring.configReloaded(false);

        assertThat(server.getAttribute(METRICS, "RequestsTotal")).isEqualTo(2L);
        assertThat(server.getAttribute(METRICS, "FailedRequestsTotal")).isEqualTo(1L);
        assertThat(server.getAttribute(METRICS, "ErrorRatio")).isEqualTo(0.5);
        assertThat(server.getAttribute(METRICS, "InputTokens")).isEqualTo(120L);
        assertThat(server.getAttribute(METRICS, "OutputTokens")).isEqualTo(30L);
        assertThat(server.getAttribute(METRICS, "CacheReadTokens")).isEqualTo(40L);
        assertThat(server.getAttribute(METRICS, "ActiveStreams")).isEqualTo(2L);
        assertThat(server.getAttribute(METRICS, "ConfigReloadsRejected")).isEqualTo(1L);
        assertThat((double) server.getAttribute(METRICS, "OverheadP99Seconds")).isBetween(0.0005, 0.001);
        TabularData usage = (TabularData) server.getAttribute(METRICS, "UsageByProvider");
        CompositeData deepseek = (CompositeData) usage.get(new Object[] {"deepseek"}).get("value");
        assertThat(deepseek.get("inputTokens")).isEqualTo(120L);
    }

    @Test
    void everyAttributeIsAnOpenTypeWithADescription() throws Exception {
        for (ObjectName bean : List.of(HEALTH, METRICS)) {
            MBeanInfo info = server.getMBeanInfo(bean);
            assertThat(info.getDescription()).doesNotContain("Information on the management interface");
            for (MBeanAttributeInfo attribute : info.getAttributes()) {
                assertThat(attribute.getDescriptor().getFieldValue("openType")).as(attribute.getName())
                        .isInstanceOf(OpenType.class);
                assertThat(attribute.getDescription()).as(attribute.getName())
                        .isNotEqualTo(attribute.getName())
                        .doesNotContain("Attribute exposed for management");
            }
        }
        assertThat(server.getMBeanInfo(HEALTH).getNotifications())
                .anySatisfy(notification -> assertThat(notification.getNotifTypes()).contains(HealthMXBean.CHANGED));
    }

    @Test
    void notifiesEveryHealthChange() throws Exception {
        BlockingQueue<Notification> received = new LinkedBlockingQueue<>();
        server.addNotificationListener(HEALTH, (notification, handback) -> received.add(notification), null, null);

        monitoring.breakerChanged("deepseek", "deepseek-chat", BreakerState.OPEN);
        assertThat(server.getAttribute(HEALTH, "Status")).isEqualTo("unhealthy");
        monitoring.breakerChanged("deepseek", "deepseek-chat", BreakerState.CLOSED);
        assertThat(server.getAttribute(HEALTH, "Status")).isEqualTo("healthy");

        Notification down = received.poll(1, TimeUnit.SECONDS);
        Notification up = received.poll(1, TimeUnit.SECONDS);
        assertThat(received).isEmpty();
        assertThat(down.getType()).isEqualTo(HealthMXBean.CHANGED);
        assertThat(down.getSource()).isEqualTo(HEALTH);
        assertThat(down.getMessage()).isEqualTo(
                "health changed from healthy to unhealthy: providers: all providers unhealthy: "
                        + "deepseek unhealthy (breaker open)");
        CompositeData change = (CompositeData) down.getUserData();
        assertThat(change.getAll(new String[] {"previous", "current"})).containsExactly("healthy", "unhealthy");
        assertThat(up.getSequenceNumber()).isGreaterThan(down.getSequenceNumber());
        assertThat(((CompositeData) up.getUserData()).get("current")).isEqualTo("healthy");
    }

    @Test
    void registersOnThePlatformServerUnderTheConventionalNames() throws Exception {
        MBeanServer platform = ManagementFactory.getPlatformMBeanServer();
        Monitoring other = Monitoring.builder().jvmMetrics(false).build();
        other.registerMBeans(platform);
        try {
            assertThat(platform.queryNames(name("dev.conduit:*"), null)).contains(HEALTH, METRICS);
            assertThat(Arrays.stream(platform.getMBeanInfo(METRICS).getAttributes()).map(MBeanAttributeInfo::getName))
                    .contains("RequestsTotal", "ActiveConnections");
            assertThat(platform.getAttribute(HEALTH, "Status")).isEqualTo("healthy");
        } finally {
            other.unregisterMBeans(platform);
        }
    }

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
