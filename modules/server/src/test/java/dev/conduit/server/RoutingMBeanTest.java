package dev.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.management.Mbeans;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.management.JMX;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code dev.conduit:type=Routing} through a real JMX connection, as JConsole or a script sees it:
 * the routes and rules in force, explain, and reload with its notifications.
 */
class RoutingMBeanTest {

    private static final ObjectName NAME = Mbeans.name("Routing");
    private static final String ROUTER = """
            {default: 'mock,mock-model', think: 'mock,Other-Model', longContextThreshold: 30000,
             rules: [{name: 'team-b', when: {headers: {'x-team': 'b'}, tokens: {min: 100}}, target: 'mock,Other-Model'}]}""";

    @RegisterExtension
    static final RunningGateway gateway = new RunningGateway("", "", ROUTER);

    private static LoopbackJmxConnection connection;
    private static MBeanServerConnection jmx;

    @BeforeAll
    static void connect() throws IOException {
        connection = LoopbackJmxConnection.open();
        jmx = connection.mbeans();
    }

    @AfterAll
    static void disconnect() throws IOException {
        connection.close();
    }

    @Test
    void theRoutesAndRulesInForceAreReadable() throws Exception {
        RoutingMXBean routing = JMX.newMXBeanProxy(jmx, NAME, RoutingMXBean.class);

        assertThat(routing.getRoutes()).containsExactly("rules → 1 rule", "think → mock,Other-Model", "default → mock,mock-model");
        assertThat(routing.getRules()).containsExactly("team-b: header x-team equals \"b\", tokens 100.. → mock,Other-Model");
        assertThat(routing.getLongContextThreshold()).isEqualTo(30_000);
        assertThat(routing.getConfigSource()).isEqualTo(gateway.configFile() + " (--config)");
    }

    @Test
    void anOperatorTakesATargetOutOfServiceAndBackAndSeesItsCounters() throws Exception {
        RoutingMXBean routing = JMX.newMXBeanProxy(jmx, NAME, RoutingMXBean.class);

        assertThat(routing.openBreaker("MOCK,other-model")).isEqualTo("mock,Other-Model: breaker FORCED_OPEN");
        assertThat(routing.getTargets()).anySatisfy(line ->
                assertThat(line).startsWith("mock,Other-Model: breaker FORCED_OPEN, "));
        HttpResponse<String> answered = gateway.postJson("/v1/messages",
                "{\"model\":\"mock,mock-model\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        assertThat(routing.getTargets()).anySatisfy(line ->
                assertThat(line).matches("mock,mock-model: breaker CLOSED, [1-9]\\d* attempts, 0 errors, .*"));

        assertThat(routing.closeBreaker("mock,Other-Model")).isEqualTo("mock,Other-Model: breaker CLOSED");
        assertThatThrownBy(() -> routing.openBreaker("elsewhere,model")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("elsewhere,model is not a target of the config in force");
        assertThatThrownBy(() -> routing.closeBreaker("no-comma")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a target is \"provider,model\", not \"no-comma\"");
    }

    @Test
    void explainSaysWhichRouteARequestTakesAndWhy() throws Exception {
        String explained = (String) jmx.invoke(NAME, "explain", new Object[] {"""
                {"model": "claude-sonnet-4-5", "max_tokens": 2048, "thinking": {"type": "enabled", "budget_tokens": 1024},
                 "messages": [{"role": "user", "content": "why?"}]}"""}, new String[] {String.class.getName()});

        assertThat(explained).startsWith("route:    think\ntarget:   mock,Other-Model\n")
                .contains("rule \"team-b\"  no       header x-team is absent")
                .contains("think          yes      thinking is enabled (budget 1024 tokens) → mock,Other-Model");
        assertThatThrownBy(() -> jmx.invoke(NAME, "explain", new Object[] {"{\"model\": "}, new String[] {"java.lang.String"}))
                .hasRootCauseInstanceOf(IllegalArgumentException.class).rootCause().hasMessageStartingWith("the request: not JSON");
    }

    @Test
    void reloadAppliesTheFileAndAnnouncesIt() throws Exception {
        BlockingQueue<Notification> notifications = new LinkedBlockingQueue<>();
        jmx.addNotificationListener(NAME, (notification, handback) -> notifications.add(notification), null, null);
        gateway.writeConfig(ROUTER.replace("longContextThreshold: 30000", "longContextThreshold: 45000"));
        try {
            String outcome = (String) jmx.invoke(NAME, "reload", new Object[0], new String[0]);

            assertThat(outcome).isEqualTo("applied (JMX reload()): 1 provider, 1 rule, default → mock,mock-model");
            assertThat(jmx.getAttribute(NAME, "LongContextThreshold")).isEqualTo(45_000);
            assertThat((String) jmx.getAttribute(NAME, "LastReload")).startsWith("applied (");
            Notification announced = notifications.poll(5, TimeUnit.SECONDS);
            assertThat(announced).isNotNull();
            assertThat(announced.getType()).isEqualTo(RoutingMXBean.CONFIG_RELOADED);
        } finally {
            gateway.writeConfig(ROUTER);
            jmx.invoke(NAME, "reload", new Object[0], new String[0]);
        }
    }

    @Test
    void everyAttributeAndOperationIsDescribed() throws Exception {
        var info = jmx.getMBeanInfo(NAME);

        assertThat(info.getDescription()).startsWith("Routing of this Conduit worker");
        for (MBeanAttributeInfo attribute : info.getAttributes()) {
            assertThat(attribute.getDescription()).as(attribute.getName()).isNotBlank().isNotEqualTo(attribute.getName());
        }
        assertThat(info.getOperations()).extracting(MBeanOperationInfo::getName).containsExactlyInAnyOrder("reload", "explain",
                "openBreaker", "closeBreaker");
        for (MBeanOperationInfo operation : info.getOperations()) {
            assertThat(operation.getDescription()).as(operation.getName()).isNotBlank().isNotEqualTo(operation.getName());
        }
        assertThat(info.getNotifications()).hasSize(4);
    }
}
