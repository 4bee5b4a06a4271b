package dev.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.management.JMX;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code dev.conduit:type=Gateway} and {@code type=Provider,name=…} through a real JMX connection,
 * as JConsole or a script sees them: what they show, and that reload, drain and restart do what
 * they say.
 */
class GatewayMBeanTest {

    private static final ObjectName GATEWAY = name(GatewayMXBean.OBJECT_NAME);
    private static final ObjectName MOCK_PROVIDER = name("dev.conduit:type=Provider,name=mock");

    private RunningGateway gateway;
    private LoopbackJmxConnection connection;
    private MBeanServerConnection jmx;

    private static ObjectName name(String text) {
        try {
            return new ObjectName(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @BeforeEach
    void startAndConnect() throws Exception {
        gateway = RunningGateway.start("", "{name: 'second', api_base_url: '{upstream}', api_key: 'sk-second', models: ['m2']},");
        connection = LoopbackJmxConnection.open();
        jmx = connection.mbeans();
    }

    @AfterEach
    void disconnectAndStop() throws Exception {
        connection.close();
        gateway.close();
    }

    private GatewayMXBean gatewayBean() {
        return JMX.newMXBeanProxy(jmx, GATEWAY, GatewayMXBean.class, true);
    }

    @Test
    void showsStateVersionUptimeAndConfigSource() {
        GatewayMXBean bean = gatewayBean();

        assertThat(bean.getState()).isEqualTo("SERVING");
        assertThat(bean.isServing()).isTrue();
        assertThat(bean.getVersion()).isEqualTo(Version.current());
        assertThat(bean.getPid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(bean.getUptimeSeconds()).isNotNegative();
        assertThat(bean.getStartedAt()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(bean.getListenAddress()).isEqualTo("127.0.0.1:" + gateway.worker.port());
        assertThat(bean.getConfigSource()).isEqualTo(gateway.configFile() + " (--config)");
        assertThat(bean.isSupervised()).isFalse();
        assertThat(bean.getLastReload()).isEmpty();
        assertThat(bean.getLastReloadEpochSeconds()).isZero();
        assertThat(bean.isLastReloadSucceeded()).isTrue();
    }

    @Test
    void reloadAppliesAGoodConfigRejectsABadOneAndAnnouncesBoth() throws Exception {
        BlockingQueue<Notification> notifications = new LinkedBlockingQueue<>();
        jmx.addNotificationListener(GATEWAY, (notification, handback) -> notifications.add(notification), null, null);
        GatewayMXBean bean = gatewayBean();
        gateway.writeConfig("{default: 'mock,Other-Model'}");

        assertThat(bean.reload()).isEqualTo("applied (JMX reload()): 2 providers, 0 rules, default → mock,Other-Model");
        assertThat(bean.getLastReloadResult()).isEqualTo("applied");
        assertThat(bean.getLastReloadEpochSeconds()).isPositive();
        assertThat(await(notifications, "applied (JMX reload())").getType()).isEqualTo(RoutingMXBean.CONFIG_RELOADED);

        java.nio.file.Files.writeString(gateway.configFile(), "{Router: {default: 'nowhere,none'}}");
        assertThat(bean.reload()).startsWith("rejected (JMX reload()): " + gateway.configFile() + ":1:20: Router.default");
        assertThat(bean.isLastReloadSucceeded()).isFalse();
        assertThat(bean.getLastReloadResult()).isEqualTo("rejected");
        assertThat(await(notifications, "rejected (JMX reload())").getType()).isEqualTo(RoutingMXBean.CONFIG_REJECTED);
        assertThat(gateway.postJson("/v1/messages", "{\"model\":\"x\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}]}").statusCode()).as("the previous config keeps serving").isEqualTo(200);
    }

    /** The next notification whose message starts with {@code start}; the file watcher's own reloads are skipped. */
    private static Notification await(BlockingQueue<Notification> notifications, String start) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Notification next = notifications.poll(100, TimeUnit.MILLISECONDS);
            if (next != null && next.getMessage().startsWith(start)) {
                return next;
            }
        }
        throw new AssertionError("no notification \"" + start + "…\" within 10 s");
    }

    @Test
    void restartWithoutASupervisorSaysWhoCanRestart() {
        assertThatThrownBy(() -> gatewayBean().restart()).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("no supervisor runs this worker (conduit run)");
    }

    @Test
    void drainTakesTheWorkerOutOfServiceAndStopsIt() throws Exception {
        BlockingQueue<Notification> notifications = new LinkedBlockingQueue<>();
        jmx.addNotificationListener(GATEWAY, (notification, handback) -> notifications.add(notification), null, null);
        GatewayMXBean bean = gatewayBean();
        String ready = gateway.baseUrl() + "/ready";
        assertThatThrownBy(() -> bean.drain(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("drain takes 1 to 3600 seconds, not 0");
        assertThat(bean.getState()).isEqualTo("SERVING");

        assertThat(bean.drain(5)).isEqualTo("pid " + ProcessHandle.current().pid()
                + " drains: requests finish, streams run for up to 5 s, then it stops");

        Notification draining = notifications.poll(5, TimeUnit.SECONDS);
        assertThat(draining).isNotNull();
        assertThat(draining.getType()).isEqualTo(GatewayMXBean.DRAINING);
        assertThat(draining.getMessage()).endsWith("drains; streams may run for up to 5 s");
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> {
            try {
                gateway.worker.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        stopped.get(30, TimeUnit.SECONDS);
        assertThatThrownBy(() -> gateway.send(HttpRequest.newBuilder(URI.create(ready))
                .timeout(Duration.ofSeconds(5)).build())).as("nothing listens after the drain").isInstanceOf(IOException.class);
    }

    @Test
    void eachProviderHasItsMBeanWithTrafficAndAReloadAddsAndRemovesThem() throws Exception {
        HttpResponse<String> answered = gateway.postJson("/v1/messages",
                "{\"model\":\"mock,mock-model\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        ProviderMXBean mock = JMX.newMXBeanProxy(jmx, MOCK_PROVIDER, ProviderMXBean.class);

        assertThat(mock.getName()).isEqualTo("mock");
        assertThat(mock.getEndpoint()).isEqualTo(gateway.upstream().origin());
        assertThat(mock.getModels()).containsExactly("mock-model", "Other-Model");
        assertThat(mock.getApiKeyCount()).isEqualTo(1);
        assertThat(mock.getStatus()).isEqualTo("healthy");
        assertThat(mock.getStatusLevel()).isZero();
        assertThat(mock.getRecentAttempts()).isEqualTo(1);
        assertThat(mock.getInputTokens()).isEqualTo(10);
        assertThat(mock.getOutputTokens()).isEqualTo(7);
        assertThat(mock.getOpenBreakers()).isZero();
        assertThat(jmx.queryNames(new ObjectName(ProviderMXBean.OBJECT_NAME_PATTERN), null)).extracting(n -> n.getKeyProperty("name"))
                .containsExactlyInAnyOrder("mock", "second");

        java.nio.file.Files.writeString(gateway.configFile(), gateway.configText("", "{default: 'mock,mock-model'}")
                .replace("}, {name: 'second', api_base_url: '" + gateway.upstream().chatCompletionsUrl()
                        + "', api_key: 'sk-second', models: ['m2']},]", "}]"));
        assertThat(gatewayBean().reload()).startsWith("applied");

        assertThat(jmx.queryNames(new ObjectName(ProviderMXBean.OBJECT_NAME_PATTERN), null)).extracting(n -> n.getKeyProperty("name"))
                .containsExactly("mock");
        assertThat(mock.getInputTokens()).as("the provider's counts survive the reload").isEqualTo(10);
    }

    @Test
    void everyAttributeAndOperationIsDescribed() throws Exception {
        for (ObjectName name : List.of(GATEWAY, MOCK_PROVIDER, name("dev.conduit:type=Health"))) {
            MBeanInfo info = jmx.getMBeanInfo(name);
            assertThat(info.getDescription()).as(name.toString()).isNotBlank();
            for (MBeanAttributeInfo attribute : info.getAttributes()) {
                assertThat(attribute.getDescription()).as(name + " " + attribute.getName()).isNotBlank()
                        .isNotEqualTo(attribute.getName());
            }
            for (MBeanOperationInfo operation : info.getOperations()) {
                assertThat(operation.getDescription()).as(name + " " + operation.getName()).isNotBlank()
                        .isNotEqualTo(operation.getName());
            }
        }
        assertThat(jmx.getMBeanInfo(GATEWAY).getOperations()).extracting(MBeanOperationInfo::getName)
                .containsExactlyInAnyOrder("reload", "drain", "restart");
        assertThat(jmx.getMBeanInfo(GATEWAY).getNotifications()).hasSize(4);
    }
}
